// Reads typed fields out of a JSON document, adding a located Problem for each bad one and carrying on.
// Shared by the budget and ballot loaders; generic codes carry the loader's prefix ("budget.missing_field").
#pragma once
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "json_document.h"
#include "local_text.h"
#include "money.h"
#include "problem.h"
#include "utc_time.h"

namespace budget {

namespace json_reading {

using nlohmann::json;

inline const char* type_name(const json& v) {
    switch (v.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "a value";
    }
}

inline std::string in_quotes(const std::string& s) { return "\"" + s + "\""; }

// A number scaled to an integer (e.g. percent -> basis points), refusing extra decimals.
inline std::optional<std::int64_t> scaled(const json& v, std::int64_t scale, double limit) {
    if (v.is_number_integer() || v.is_number_unsigned()) {
        const double d = v.get<double>();
        if (std::fabs(d) > limit) return std::nullopt;
        return v.get<std::int64_t>() * scale;
    }
    const double d = v.get<double>();
    if (!std::isfinite(d) || std::fabs(d) > limit) return std::nullopt;
    const double x = d * static_cast<double>(scale);
    const double r = std::round(x);
    if (std::fabs(x - r) > 1e-6 * std::max(1.0, std::fabs(x))) return std::nullopt;
    return static_cast<std::int64_t>(r);
}

class Reader {
public:
    Reader(const JsonDocument& doc, Problems& problems, std::string prefix = "budget")
        : doc_(doc), problems_(problems), prefix_(std::move(prefix)) {}

    bool welsh = false;  // resident-facing text must also be given in Welsh

    void add(const std::string& code, const std::string& pointer, const std::string& message) {
        problems_.push_back(doc_.problem(code, pointer, message));
    }
    std::string code(const char* suffix) const { return prefix_ + "." + suffix; }
    void warn(Problems& warnings, const std::string& code, const std::string& pointer, const std::string& message) {
        warnings.push_back(doc_.problem(code, pointer, message));
    }

    const json* member(const json& obj, const std::string& ptr, const char* key, bool required) {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            if (required) add(code("missing_field"), ptr + "/" + key, std::string("missing required field ") + in_quotes(key));
            return nullptr;
        }
        return &*it;
    }

    bool expect(const json& v, const std::string& ptr, bool ok, const char* expected) {
        if (!ok) add(code("wrong_type"), ptr, std::string("expected ") + expected + ", found " + type_name(v));
        return ok;
    }

    const json* object(const json& obj, const std::string& ptr, const char* key, bool required = true) {
        const json* v = member(obj, ptr, key, required);
        if (v && !expect(*v, ptr + "/" + key, v->is_object(), "an object")) return nullptr;
        return v;
    }
    const json* array(const json& obj, const std::string& ptr, const char* key, bool required = true) {
        const json* v = member(obj, ptr, key, required);
        if (v && !expect(*v, ptr + "/" + key, v->is_array(), "an array")) return nullptr;
        return v;
    }

    std::optional<std::string> string(const json& obj, const std::string& ptr, const char* key, bool required = true) {
        const json* v = member(obj, ptr, key, required);
        if (!v || !expect(*v, ptr + "/" + key, v->is_string(), "a string")) return std::nullopt;
        return v->get<std::string>();
    }

    std::optional<std::string> id(const json& obj, const std::string& ptr, const char* key = "id", bool required = true) {
        auto s = string(obj, ptr, key, required);
        if (!s) return s;
        const bool ok = !s->empty() && s->size() <= 64 &&
                        std::all_of(s->begin(), s->end(), [](char c) {
                            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                        });
        if (!ok) {
            add(code("bad_id"), ptr + "/" + key,
                std::string(key) + " " + in_quotes(*s) + " must be 1-64 characters of a-z, 0-9, '-' or '_'");
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::int64_t> integer(const json& obj, const std::string& ptr, const char* key, bool required,
                                        std::int64_t min, std::int64_t max) {
        const json* v = member(obj, ptr, key, required);
        if (!v || !expect(*v, ptr + "/" + key, v->is_number_integer() || v->is_number_unsigned(), "an integer"))
            return std::nullopt;
        if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
            out_of_range(ptr + "/" + key, min, max);
            return std::nullopt;
        }
        const auto n = v->get<std::int64_t>();
        if (n < min || n > max) { out_of_range(ptr + "/" + key, min, max); return std::nullopt; }
        return n;
    }

    void out_of_range(const std::string& ptr, std::int64_t min, std::int64_t max) {
        add(code("out_of_range"), ptr, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    }

    std::optional<bool> boolean(const json& obj, const std::string& ptr, const char* key, bool required = false) {
        const json* v = member(obj, ptr, key, required);
        if (!v || !expect(*v, ptr + "/" + key, v->is_boolean(), "a boolean")) return std::nullopt;
        return v->get<bool>();
    }

    // Money: an integer number of pounds, or a string of pounds with at most two decimals.
    std::optional<Pence> money(const json& obj, const std::string& ptr, const char* key, bool required = true,
                               bool allow_negative = false) {
        const json* v = member(obj, ptr, key, required);
        if (!v) return std::nullopt;
        const std::string at = ptr + "/" + key;
        std::optional<Pence> p;
        if (v->is_number_integer() || v->is_number_unsigned()) {
            const auto i = scaled(*v, 100, 1e12);
            if (i) p = *i;
        } else if (v->is_string()) {
            p = parse_pounds(v->get_ref<const std::string&>());
        } else {
            expect(*v, at, false, "an amount in pounds (an integer, or a string such as \"1234.56\")");
            return std::nullopt;
        }
        if (!p) {
            add(code("bad_money"), at, "not an amount of pounds with at most two decimal places, up to £1 trillion");
            return std::nullopt;
        }
        if (*p < 0 && !allow_negative) {
            add(code("negative_amount"), at, "must not be negative");
            return std::nullopt;
        }
        return p;
    }

    std::optional<BasisPoints> percent(const json& obj, const std::string& ptr, const char* key, bool required = true) {
        const json* v = member(obj, ptr, key, required);
        if (!v) return std::nullopt;
        return percent_value(*v, ptr + "/" + key);
    }
    std::optional<BasisPoints> percent_value(const json& v, const std::string& ptr) {
        if (!expect(v, ptr, v.is_number(), "a number")) return std::nullopt;
        const auto bp = scaled(v, 100, 1000.0);
        if (!bp) {
            add(code("bad_percent"), ptr, "a percentage between -1000 and 1000 with at most two decimal places");
            return std::nullopt;
        }
        return static_cast<BasisPoints>(*bp);
    }

    std::optional<Milli> milli(const json& obj, const std::string& ptr, const char* key, bool required = true) {
        const json* v = member(obj, ptr, key, required);
        if (!v || !expect(*v, ptr + "/" + key, v->is_number(), "a number")) return std::nullopt;
        return milli_value(*v, ptr + "/" + key);
    }
    std::optional<Milli> milli_value(const json& v, const std::string& at) {
        const auto m = scaled(v, kMilli, 1e12);
        if (!m) add(code("bad_number"), at, "a number up to 10^12 with at most three decimal places");
        return m;
    }

    // Resident-facing text: a string, or {"en": ..., "cy": ...}. Welsh is required in Welsh budgets.
    LocalText text(const json& obj, const std::string& ptr, const char* key, bool required = true) {
        LocalText t;
        const json* v = member(obj, ptr, key, required);
        if (!v) return t;
        const std::string at = ptr + "/" + key;
        if (v->is_string()) {
            t.en = v->get<std::string>();
        } else if (v->is_object()) {
            if (auto en = string(*v, at, "en")) t.en = *en;
            if (auto cy = string(*v, at, "cy", false)) t.cy = *cy;
            check_fields(*v, at, {"en", "cy"});
        } else {
            expect(*v, at, false, "a string or an object with \"en\" and \"cy\"");
            return t;
        }
        if (welsh && t.cy.empty()) add(code("missing_translation"), at, "Welsh text (\"cy\") is required in a bilingual " + prefix_);
        return t;
    }

    void check_fields(const json& obj, const std::string& ptr, std::initializer_list<const char*> allowed) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (std::none_of(allowed.begin(), allowed.end(), [&](const char* a) { return it.key() == a; }))
                add(code("unknown_field"), ptr + "/" + pointer_token(it.key()), "unknown field " + in_quotes(it.key()));
        }
    }

    template <class E>
    std::optional<E> choice(const json& obj, const std::string& ptr, const char* key,
                            std::initializer_list<std::pair<const char*, E>> options, bool required = true) {
        auto s = string(obj, ptr, key, required);
        if (!s) return std::nullopt;
        std::string list;
        for (const auto& [name, value] : options) {
            if (*s == name) return value;
            list += list.empty() ? name : std::string(", ") + name;
        }
        add(code("bad_enum"), ptr + "/" + key, "unknown value " + in_quotes(*s) + "; expected one of " + list);
        return std::nullopt;
    }

    // The fields every file opens with: "format" (must be `format`), "format_version" (must be
    // `format_version`), "id" and "version".
    void opening(const json& root, const char* format, int format_version, std::string& id, std::int64_t& version) {
        if (auto f = string(root, "", "format"); f && *f != format)
            add(code("wrong_format"), "/format", std::string("expected \"") + format + "\", found " + in_quotes(*f));
        if (auto v = integer(root, "", "format_version", true, 0, 1'000'000); v && *v != format_version)
            add(code("unsupported_version"), "/format_version",
                "format_version " + std::to_string(*v) + " is not supported; this build reads version " + std::to_string(format_version));
        if (auto i = this->id(root, "")) id = *i;
        if (auto v = integer(root, "", "version", true, 1, 1'000'000'000)) version = *v;
    }

    static std::string at(const std::string& ptr, std::size_t i) { return ptr + "/" + std::to_string(i); }

    // Calls f(item, pointer) for each object in root[key], reporting non-objects.
    template <class F>
    void each_object(const json& root, const char* key, bool required, F f) {
        const json* items = array(root, "", key, required);
        if (!items) return;
        for (std::size_t i = 0; i < items->size(); ++i) {
            const std::string p = at(std::string("/") + key, i);
            const json& item = (*items)[i];
            if (expect(item, p, item.is_object(), "an object")) f(item, p);
        }
    }

    // "languages": "en" and "cy" only, "en" among them; Welsh text is then required where there is "cy".
    void languages(const json& root, std::vector<std::string>& out) {
        const json* langs = array(root, "", "languages");
        if (!langs) return;
        for (std::size_t i = 0; i < langs->size(); ++i) {
            const json& l = (*langs)[i];
            if (!l.is_string() || (l != "en" && l != "cy")) {
                add(code("bad_enum"), at("/languages", i), "languages are \"en\" and \"cy\"");
                continue;
            }
            out.push_back(l.get<std::string>());
        }
        if (std::find(out.begin(), out.end(), "en") == out.end())
            add(code("missing_field"), "/languages", "\"en\" must be one of the languages");
        welsh = std::find(out.begin(), out.end(), "cy") != out.end();
    }

    // When responses are taken (both optional): UTC times at opens_at and closes_at, the close after the opening.
    void utc_window(const json& root, std::optional<std::int64_t>& opens, std::optional<std::int64_t>& closes) {
        for (const char* key : {"opens_at", "closes_at"}) {
            if (!root.contains(key)) continue;
            const auto text = string(root, "", key, false);
            if (!text) continue;
            const auto seconds = parse_utc(*text);
            if (!seconds) {
                add(code("bad_time"), std::string("/") + key,
                    std::string(key) + " must be a UTC time such as \"2027-01-05T09:00:00Z\", found " + in_quotes(*text));
                continue;
            }
            (std::string(key) == "opens_at" ? opens : closes) = *seconds;
        }
        if (opens && closes && *closes <= *opens) add(code("closes_before_opens"), "/closes_at", "closes_at must be after opens_at");
    }

    // Registers an id; reports a duplicate against the first place it was used.
    void unique(std::map<std::string, std::string>& seen, const std::string& id, const std::string& ptr) {
        const auto [it, inserted] = seen.emplace(id, ptr);
        if (!inserted) add(code("duplicate_id"), ptr, "duplicate id " + in_quotes(id) + "; first defined at " + it->second);
    }

private:
    const JsonDocument& doc_;
    Problems& problems_;
    std::string prefix_;
};

}  // namespace json_reading
}  // namespace budget
