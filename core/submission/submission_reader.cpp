// Fast path for valid submissions. Strict subset of JSON: strings, integers, objects and arrays;
// ASCII or well-formed UTF-8; simple escapes. Duplicate or unknown keys, floats, literals and
// \u escapes all defer to the full validator.
#include "submission_reader.h"

#include <functional>

#include "council_tax.h"
#include "submission_rules.h"
#include "utf8.h"
#include "voter_code.h"

namespace budget {

namespace {

class Reader {
public:
    explicit Reader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    // Counts values, so the fast path accepts no document the full path's limit would refuse.
    bool one_more_value() { return ++values_ <= submission_limits().max_values; }

    bool at_end() {
        ws();
        return p_ == end_;
    }
    bool take(char c) {
        ws();
        if (p_ == end_ || *p_ != c) return false;
        ++p_;
        return true;
    }
    bool peek(char c) {
        ws();
        return p_ != end_ && *p_ == c;
    }

    // A string; `out` views the text when it has no escapes, else `scratch_`.
    bool string(std::string_view& out) {
        if (!take('"')) return false;
        const char* start = p_;
        while (p_ != end_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                out = std::string_view(start, static_cast<std::size_t>(p_ - start));
                ++p_;
                return true;
            }
            if (c == '\\') return escaped(start, out);
            if (c < 0x20) return false;
            if (c < 0x80) { ++p_; continue; }
            if (!utf8()) return false;
        }
        return false;
    }

    bool integer(std::int64_t& out) {
        ws();
        bool negative = false;
        if (p_ != end_ && *p_ == '-') { negative = true; ++p_; }
        const char* start = p_;
        std::int64_t v = 0;
        while (p_ != end_ && *p_ >= '0' && *p_ <= '9') {
            if (p_ - start >= 18) return false;
            v = v * 10 + (*p_ - '0');
            ++p_;
        }
        if (p_ == start || (*start == '0' && p_ - start > 1)) return false;
        if (p_ != end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;
        out = negative ? -v : v;
        return true;
    }

private:
    void ws() {
        while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    // One well-formed UTF-8 sequence (no overlongs, no surrogates, at most U+10FFFF).
    bool utf8() {  // one well-formed sequence, else give up (the full path reports it)
        const int n = utf8_sequence(std::string_view(p_, static_cast<std::size_t>(end_ - p_)), 0);
        if (n <= 0) return false;
        p_ += n;
        return true;
    }
    bool escaped(const char* start, std::string_view& out) {
        scratch_.assign(start, static_cast<std::size_t>(p_ - start));
        while (p_ != end_) {
            const auto c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                ++p_;
                out = scratch_;
                return true;
            }
            if (c < 0x20) return false;
            if (c == '\\') {
                if (++p_ == end_) return false;
                switch (*p_) {
                    case '"': scratch_ += '"'; break;
                    case '\\': scratch_ += '\\'; break;
                    case '/': scratch_ += '/'; break;
                    case 'b': scratch_ += '\b'; break;
                    case 'f': scratch_ += '\f'; break;
                    case 'n': scratch_ += '\n'; break;
                    case 'r': scratch_ += '\r'; break;
                    case 't': scratch_ += '\t'; break;
                    default: return false;  // \u and anything else: the full path decodes it
                }
                ++p_;
                continue;
            }
            const char* before = p_;
            if (c < 0x80) ++p_;
            else if (!utf8()) return false;
            scratch_.append(before, static_cast<std::size_t>(p_ - before));
        }
        return false;
    }

    const char* p_;
    const char* end_;
    std::size_t values_ = 1;
    std::string scratch_;
};

// Iterates "key": value pairs of an object; f(key) reads the value and returns false to give up.
template <class F>
bool members(Reader& r, F f) {
    if (!r.take('{')) return false;
    if (r.take('}')) return true;
    do {
        std::string_view key;
        if (!r.string(key) || !r.take(':') || !r.one_more_value()) return false;
        if (!f(std::string(key))) return false;
    } while (r.take(','));
    return r.take('}');
}

template <class F>
bool elements(Reader& r, F f) {
    if (!r.take('[')) return false;
    if (r.take(']')) return true;
    do {
        if (!r.one_more_value() || !f()) return false;
    } while (r.take(','));
    return r.take(']');
}

// Each field once: a bit per known key.
struct Seen {
    unsigned bits = 0;
    bool first(unsigned bit) {
        if (bits & bit) return false;
        bits |= bit;
        return true;
    }
};

bool read_options(Reader& r, std::vector<char>& on, const std::function<std::optional<std::size_t>(const std::string&)>& find) {
    return elements(r, [&] {
        std::string_view id;
        if (!r.string(id)) return false;
        const auto idx = find(std::string(id));
        if (!idx || on[*idx]) return false;
        on[*idx] = 1;
        return true;
    });
}

bool read_choices(Reader& r, const Budget& b, Choices& ch) {
    Seen seen;
    std::vector<char> service_seen(b.services.size(), 0);
    return members(r, [&](const std::string& key) {
        if (key == "services" && seen.first(1)) {
            return members(r, [&](const std::string& id) {
                const auto idx = b.find_service(id);
                std::int64_t v = 0;
                if (!idx || service_seen[*idx] || !r.integer(v)) return false;
                service_seen[*idx] = 1;
                const Service& s = b.services[*idx];
                if (s.locked) return v == 0;
                if (lever_fit(v, s.min_bp, s.max_bp, s.step_bp) != LeverFit::Ok) return false;
                ch.service_bp[*idx] = static_cast<BasisPoints>(v);
                return true;
            });
        }
        if (key == "efficiencies" && seen.first(2))
            return read_options(r, ch.efficiency_on, [&](const std::string& id) { return b.find_efficiency(id); });
        if (key == "income" && seen.first(4))
            return read_options(r, ch.income_on, [&](const std::string& id) { return b.find_income(id); });
        if (key == "council_tax_bp" && seen.first(8)) {
            std::int64_t v = 0;
            const CouncilTax& t = b.council_tax;
            if (!r.integer(v) || lever_fit(v, t.lever_min_bp, t.lever_max_bp, t.lever_step_bp) != LeverFit::Ok) return false;
            if (!within_cap(t, static_cast<BasisPoints>(v))) return false;
            ch.council_tax_bp = static_cast<BasisPoints>(v);
            return true;
        }
        return false;
    });
}

bool read_comment(Reader& r, std::string& out) {
    std::string_view text;
    if (!r.string(text) || !comment_fits(text)) return false;
    out.assign(text);
    return true;
}

}  // namespace

bool read_valid_submission_fast(const Budget& b, std::string_view text, Submission& s, Outcome& o) {
    if (text.size() > submission_limits().max_bytes) return false;
    Reader r(text);
    s.choices = default_choices(b);
    Seen seen;
    bool have_gap = false, have_band_d = false;
    const bool read = members(r, [&](const std::string& key) {
        std::string_view str;
        std::int64_t n = 0;
        if (key == "format" && seen.first(1)) return r.string(str) && str == "council-budget-submission";
        if (key == "format_version" && seen.first(2)) return r.integer(n) && n == kSubmissionFormatVersion;
        if (key == "submission_id" && seen.first(4)) {
            if (!r.string(str)) return false;
            s.submission_id.assign(str);
            return valid_submission_id(s.submission_id);
        }
        if (key == "language" && seen.first(8)) {
            if (!r.string(str) || (str != "en" && str != "cy")) return false;
            s.language.assign(str);
            return true;
        }
        if (key == "budget" && seen.first(16)) {
            Seen inner;
            bool id_ok = false, version_ok = false;
            return members(r, [&](const std::string& k) {
                       if (k == "id" && inner.first(1)) return id_ok = r.string(str) && str == b.id;
                       if (k == "version" && inner.first(2)) return version_ok = r.integer(n) && n == b.version;
                       return false;
                   }) && id_ok && version_ok && ((s.budget_id = b.id), (s.budget_version = b.version), true);
        }
        if (key == "choices" && seen.first(32)) return read_choices(r, b, s.choices);
        if (key == "outcome" && seen.first(64)) {
            Seen inner;
            return members(r, [&](const std::string& k) {
                if (k == "remaining_gap_pence" && inner.first(1)) return have_gap = r.integer(s.claimed_remaining_gap);
                if (k == "band_d_pence" && inner.first(2)) return have_band_d = r.integer(s.claimed_band_d);
                return false;
            });
        }
        if (key == "comments" && seen.first(128)) {
            Seen inner;
            return members(r, [&](const std::string& k) {
                if (k == "overall" && inner.first(1)) return read_comment(r, s.overall_comment);
                if (k == "services" && inner.first(2)) {
                    return members(r, [&](const std::string& id) {
                        const auto idx = b.find_service(id);
                        std::string comment;
                        if (!idx || !read_comment(r, comment)) return false;
                        for (const auto& existing : s.service_comments)
                            if (existing.first == *idx) return false;
                        if (!comment.empty()) s.service_comments.emplace_back(*idx, std::move(comment));
                        return true;
                    });
                }
                return false;
            });
        }
        if (key == "demographics" && seen.first(256)) {
            return members(r, [&](const std::string& q) {
                const auto question = find_demographic(b, q);
                if (!question || !r.string(str)) return false;
                const auto option = find_demographic_option(b, *question, str);
                if (!option) return false;
                for (const auto& existing : s.demographics)
                    if (existing.first == *question) return false;
                s.demographics.emplace_back(*question, *option);
                return true;
            });
        }
        if (key == "ratings" && seen.first(1024)) {
            Seen inner;
            return members(r, [&](const std::string& k) {
                if (k == "services" && inner.first(1)) {
                    return members(r, [&](const std::string& id) {
                        std::optional<std::size_t> group;
                        for (std::size_t g = 0; g < b.groups.size(); ++g)
                            if (b.groups[g].id == id) group = g;
                        const auto point = group && r.string(str) ? find_point(RatingScale::Satisfaction, str) : std::nullopt;
                        if (!point) return false;
                        for (const auto& existing : s.ratings.services)
                            if (existing.first == *group) return false;
                        s.ratings.services.emplace_back(*group, *point);
                        return true;
                    });
                }
                if (k == "council" && inner.first(2)) {
                    return members(r, [&](const std::string& id) {
                        const auto q = find_perception_question(id);
                        const auto point = q && r.string(str) ? find_point(perception_questions()[*q].scale, str) : std::nullopt;
                        if (!point) return false;
                        for (const auto& existing : s.ratings.perception)
                            if (existing.first == *q) return false;
                        s.ratings.perception.emplace_back(*q, *point);
                        return true;
                    });
                }
                return false;
            });
        }
        if (key == "voter_code" && seen.first(512)) {
            if (!r.string(str)) return false;
            const auto code = normalise_voter_code(str);
            if (code) s.voter_code = *code;
            return code.has_value();
        }
        return false;
    });
    constexpr unsigned required = 1 | 2 | 4 | 16 | 32 | 64;
    if (!read || !r.at_end() || (seen.bits & required) != required || !have_gap || !have_band_d) return false;
    simulate(b, s.choices, o);
    if (o.remaining_gap != s.claimed_remaining_gap || o.band_d != s.claimed_band_d) return false;
    return b.balance_rule != BalanceRule::MustBalance || o.balanced;
}

}  // namespace budget
