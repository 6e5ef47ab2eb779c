// Documents <-> workbook sheets, walking a document's description (formats/sheets.h) both ways.
#include "formats/sheets.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "json_document.h"
#include "utc_time.h"

namespace budget::sheets {

using nlohmann::json;
using nlohmann::ordered_json;

const ChoiceList kYesNo{"yes", "no"};
const ChoiceList kCouncilKinds{"english_county", "english_district", "english_unitary", "english_metropolitan", "london_borough", "welsh_principal"};
const ChoiceList kLanguages{"English", "English and Welsh"};

namespace {

const char* const kAboutSheet = "About";

std::string lower_trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return std::string(s);
}

std::string welsh_header(const char* header) { return std::string(header) + " (Cymraeg)"; }

std::vector<std::string> split_path(std::string_view key) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= key.size() && !key.empty()) {
        const std::size_t slash = key.find('/', start);
        parts.emplace_back(key.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return parts;
}

template <class Json>
const Json* find_path(const Json& obj, std::string_view key) {
    const Json* at = &obj;
    for (const auto& part : split_path(key)) {
        if (!at->is_object()) return nullptr;
        const auto it = at->find(part);
        if (it == at->end()) return nullptr;
        at = &*it;
    }
    return at;
}

// ---- Exact decimals ----------------------------------------------------------------------------

struct Decimal {
    bool negative = false;
    std::string digits;  // no leading zeros; empty means zero
    int exponent = 0;    // value = digits × 10^exponent
};

std::optional<Decimal> parse_decimal(std::string_view s) {
    std::string t = trim(s);
    std::string_view v(t);
    Decimal d;
    auto eat_pound = [&] {
        if (v.size() >= 2 && v.substr(0, 2) == "\xC2\xA3") v.remove_prefix(2);
    };
    eat_pound();
    if (!v.empty() && (v.front() == '-' || v.front() == '+')) { d.negative = v.front() == '-'; v.remove_prefix(1); }
    eat_pound();
    std::string mantissa;
    bool any_digit = false, point = false;
    int fraction_digits = 0;
    std::size_t i = 0;
    for (; i < v.size(); ++i) {
        const char c = v[i];
        if (c >= '0' && c <= '9') { mantissa += c; any_digit = true; if (point) ++fraction_digits; }
        else if (c == ',' && !point && any_digit) continue;
        else if (c == '.' && !point) point = true;
        else break;
    }
    if (!any_digit || mantissa.size() > 400) return std::nullopt;
    int exp = 0;
    if (i < v.size() && (v[i] == 'e' || v[i] == 'E')) {
        ++i;
        bool exp_negative = false;
        if (i < v.size() && (v[i] == '-' || v[i] == '+')) { exp_negative = v[i] == '-'; ++i; }
        const std::size_t start = i;
        for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
            if (i - start >= 4) return std::nullopt;
            exp = exp * 10 + (v[i] - '0');
        }
        if (i == start) return std::nullopt;
        if (exp_negative) exp = -exp;
    }
    if (i != v.size()) return std::nullopt;
    const std::size_t first = mantissa.find_first_not_of('0');
    d.digits = first == std::string::npos ? std::string() : mantissa.substr(first);
    d.exponent = exp - fraction_digits;
    // Excel keeps 15 significant digits: round half away from zero there.
    if (d.digits.size() > 15) {
        const bool up = d.digits[15] >= '5';
        d.exponent += static_cast<int>(d.digits.size() - 15);
        d.digits.resize(15);
        if (up) {
            int k = 14;
            while (k >= 0 && d.digits[static_cast<std::size_t>(k)] == '9') d.digits[static_cast<std::size_t>(k--)] = '0';
            if (k < 0) d.digits.insert(d.digits.begin(), '1');
            else ++d.digits[static_cast<std::size_t>(k)];
        }
    }
    while (!d.digits.empty() && d.digits.back() == '0') { d.digits.pop_back(); ++d.exponent; }
    if (d.digits.empty()) { d.negative = false; d.exponent = 0; }
    // A budget has no use for numbers beyond 10^18 or finer than 10^-12.
    if (!d.digits.empty() && (d.exponent + static_cast<int>(d.digits.size()) > 18 || d.exponent < -12)) return std::nullopt;
    return d;
}

int fraction_digits(const Decimal& d) { return d.exponent < 0 ? -d.exponent : 0; }

std::string to_text(const Decimal& d) {
    if (d.digits.empty()) return "0";
    std::string out = d.negative ? "-" : "";
    if (d.exponent >= 0) return out + d.digits + std::string(static_cast<std::size_t>(d.exponent), '0');
    const std::size_t frac = static_cast<std::size_t>(-d.exponent);
    std::string digits = d.digits;
    if (digits.size() <= frac) digits.insert(0, frac - digits.size() + 1, '0');
    return out + digits.substr(0, digits.size() - frac) + "." + digits.substr(digits.size() - frac);
}

Decimal shifted(Decimal d, int places) {
    if (!d.digits.empty()) d.exponent += places;
    return d;
}

// A decimal as a JSON number: an integer when whole, else the nearest double (which prints back as the same text).
ordered_json json_number(const Decimal& d) {
    const std::string text = to_text(d);
    if (fraction_digits(d) == 0) return ordered_json(static_cast<std::int64_t>(std::strtoll(text.c_str(), nullptr, 10)));
    return ordered_json(std::strtod(text.c_str(), nullptr));
}

std::optional<Decimal> decimal_of_json(const json& v) {
    if (v.is_number_integer() || v.is_number_unsigned() || v.is_number_float()) return parse_decimal(v.dump());
    if (v.is_string()) return parse_decimal(v.get<std::string>());
    return std::nullopt;
}

// Excel's date serial (days since 1899-12-30, fraction of a day) to Unix seconds, to the nearest second.
std::optional<std::int64_t> unix_of_serial(const Decimal& d) {
    if (d.negative) return std::nullopt;
    __int128 numerator = 0;
    for (char c : d.digits) numerator = numerator * 10 + (c - '0');
    __int128 denominator = 1;
    if (d.exponent >= 0) for (int i = 0; i < d.exponent; ++i) numerator *= 10;
    else for (int i = 0; i < -d.exponent; ++i) denominator *= 10;
    const __int128 seconds_x2 = numerator * 86400 * 2 / denominator;
    const __int128 seconds = (seconds_x2 + 1) / 2 - static_cast<__int128>(25569) * 86400;
    if (seconds < 0 || seconds > static_cast<__int128>(253402300799)) return std::nullopt;  // 1970 .. 9999
    return static_cast<std::int64_t>(seconds);
}

std::string cell_text_for_json(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

// ---- Writing -----------------------------------------------------------------------------------

Cell text_cell(std::string s, Style style = Style::General) {
    Cell c;
    c.kind = s.empty() ? CellKind::Empty : CellKind::Text;
    c.text = std::move(s);
    c.style = style;
    return c;
}

Cell header_cell(std::string s, const char* note) {
    Cell c = text_cell(std::move(s), Style::Header);
    c.note = note ? note : "";
    return c;
}

Style style_of(Kind k) {
    switch (k) {
        case Kind::Money: return Style::Money;
        case Kind::Decimal2: return Style::Decimal2;
        case Kind::Percent: return Style::Percent;
        case Kind::Integer: return Style::Integer;
        case Kind::Date: return Style::Date;
        case Kind::Day: return Style::Day;
        default: return Style::General;
    }
}

// The cell for a value (nullptr: the field is absent) of a kind.
Cell value_cell(const json* v, const Field& f) {
    Cell c;
    c.style = style_of(f.kind);
    c.choices = f.choices;
    if (!v && f.kind == Kind::Listed) { c.kind = CellKind::Text; c.text = "no"; }
    if (!v) return c;
    switch (f.kind) {
        case Kind::Id: case Kind::Choice:
            c.kind = CellKind::Text; c.text = cell_text_for_json(*v); break;
        case Kind::Text:
            c.kind = CellKind::Text;
            c.text = v->is_object() ? (v->contains("en") ? cell_text_for_json((*v)["en"]) : std::string()) : cell_text_for_json(*v);
            if (c.text.empty()) c.kind = CellKind::Empty;
            break;
        case Kind::Money: case Kind::Decimal2: case Kind::Number: case Kind::Integer:
            if (auto d = decimal_of_json(*v)) { c.kind = CellKind::Number; c.text = to_text(*d); }
            break;
        case Kind::Percent:
            if (auto d = decimal_of_json(*v)) { c.kind = CellKind::Number; c.text = to_text(shifted(*d, -2)); }
            break;
        case Kind::YesNo:
            if (v->is_boolean()) { c.kind = CellKind::Text; c.text = v->get<bool>() ? "yes" : "no"; }
            break;
        case Kind::Date:
            if (v->is_string()) { if (auto t = parse_utc(v->get<std::string>())) { c.kind = CellKind::Date; c.text = format_utc(*t); } }
            break;
        case Kind::PercentList:
            if (v->is_array()) {
                c.kind = CellKind::Text;
                for (const auto& item : *v) {
                    if (!c.text.empty()) c.text += ", ";
                    if (auto d = decimal_of_json(item)) c.text += to_text(*d);
                }
            }
            break;
        case Kind::FigureList:
            if (v->is_array()) {
                c.kind = CellKind::Text;
                for (const auto& item : *v) {
                    if (!c.text.empty()) c.text += ", ";
                    const auto d = decimal_of_json(item);
                    c.text += d ? to_text(*d) : "n/a";
                }
            }
            break;
        case Kind::Languages:
            if (v->is_array()) {
                const bool welsh = std::find(v->begin(), v->end(), json("cy")) != v->end();
                c.kind = CellKind::Text; c.text = welsh ? kLanguages[1] : kLanguages[0];
            }
            break;
        case Kind::Day:
            if (v->is_string()) { if (auto t = parse_utc(v->get<std::string>() + "T00:00:00Z")) { c.kind = CellKind::Date; c.text = format_utc(*t); } }
            break;
        case Kind::CapApplies:
            c.kind = CellKind::Text; c.text = v->is_string() ? "no" : "yes"; break;
        case Kind::Listed:
            c.kind = CellKind::Text; c.text = v->is_array() ? "yes" : "no"; break;
    }
    return c;
}

Cell welsh_cell(const json* v) {
    if (v && v->is_object() && v->contains("cy")) return text_cell(cell_text_for_json((*v)["cy"]));
    return Cell{};
}

int width_of(Kind k) {
    switch (k) {
        case Kind::Text: return 40;
        case Kind::Id: return 22;
        case Kind::Choice: return 20;
        case Kind::Date: return 20;
        case Kind::Day: return 14;
        default: return 14;
    }
}

Sheet about_sheet(const DocumentSpec& doc, bool welsh) {
    Sheet s;
    s.name = kAboutSheet;
    s.widths = {24, 100};
    s.rows.push_back({header_cell("Sheet", nullptr), header_cell("What it holds", nullptr)});
    s.rows.push_back({text_cell(doc.fields_sheet), text_cell(doc.fields_note)});
    for (const auto& spec : *doc.lists) s.rows.push_back({text_cell(spec.sheet), text_cell(spec.note)});
    s.rows.push_back({});
    s.rows.push_back({text_cell("How to use it"),
                      text_cell("Change the rows, keep each sheet's first row of headings (hover on a heading for what it means), "
                                "and upload the workbook to the console: it lists every problem with its sheet and cell.")});
    s.rows.push_back({text_cell("Money and percentages"),
                      text_cell("Money is in pounds with at most two decimal places. Percentages are percentages: type 2.99%.")});
    if (welsh)
        s.rows.push_back({text_cell("Cymraeg"), text_cell("Every text has a column beside it headed \"(Cymraeg)\" for its Welsh.")});
    return s;
}

Sheet fields_sheet(const DocumentSpec& doc, const json& document, bool welsh) {
    Sheet s;
    s.name = doc.fields_sheet;
    s.widths = welsh ? std::vector<int>{38, 40, 40, 60} : std::vector<int>{38, 40, 60};
    std::vector<Cell> header{header_cell("Field", (std::string("Each row is one field of the ") + doc.noun + "; keep these labels.").c_str()),
                             header_cell("Value", nullptr)};
    if (welsh) header.push_back(header_cell("Welsh", "The Welsh text, for fields residents read."));
    header.push_back(header_cell("Notes", "Guidance only; not read back."));
    s.rows.push_back(std::move(header));
    for (const auto& f : *doc.fields) {
        const json* v = find_path(document, f.key);
        std::vector<Cell> row{text_cell(f.header, Style::Label), value_cell(v, f)};
        if (welsh) row.push_back(f.welsh ? welsh_cell(v) : Cell{});
        row.push_back(text_cell(f.note));
        s.rows.push_back(std::move(row));
    }
    return s;
}

void list_header(Sheet& s, const ListSpec& spec, bool welsh) {
    std::vector<Cell> header;
    for (const auto& f : spec.fields) {
        header.push_back(header_cell(f.header, f.note));
        header.back().choices = f.choices;  // the column's drop-down, for rows added later too
        s.widths.push_back(width_of(f.kind));
        if (f.welsh && welsh) {
            header.push_back(header_cell(welsh_header(f.header), "The Welsh for the column before."));
            s.widths.push_back(width_of(f.kind));
        }
    }
    s.rows.push_back(std::move(header));
}

// A row for an item; `owner` is its parent row's id, or its key in a keyed list.
void list_row(Sheet& s, const ListSpec& spec, const json& item, const std::string& owner, bool welsh) {
    std::vector<Cell> row;
    for (const auto& f : spec.fields) {
        if (*f.key == '\0') { row.push_back(text_cell(owner)); continue; }
        const json* v = std::string_view(f.key) == "." ? &item : find_path(item, f.key);
        row.push_back(value_cell(v, f));
        if (f.welsh && welsh) row.push_back(welsh_cell(v));
    }
    s.rows.push_back(std::move(row));
}

}  // namespace

Book document_to_book(const json& document, const DocumentSpec& doc) {
    const bool welsh = doc.bilingual(document);
    Book book;
    book.sheets.push_back(about_sheet(doc, welsh));
    book.sheets.push_back(fields_sheet(doc, document, welsh));
    for (const auto& spec : *doc.lists) {
        Sheet s;
        s.name = spec.sheet;
        s.tab_note = spec.note;
        list_header(s, spec, welsh);
        if (!spec.parent_sheet) {
            const json* items = find_path(document, spec.array);
            if (items && spec.keyed && items->is_object())
                for (auto it = items->begin(); it != items->end(); ++it) list_row(s, spec, it.value(), it.key(), welsh);
            else if (items && items->is_array())
                for (const auto& item : *items) list_row(s, spec, item, "", welsh);
        } else {
            const ListSpec* parent = nullptr;
            for (const auto& p : *doc.lists)
                if (std::string_view(p.sheet) == spec.parent_sheet) parent = &p;
            if (const json* parents = parent ? find_path(document, parent->array) : nullptr; parents && parents->is_array())
                for (const auto& owner : *parents) {
                    const json* children = find_path(owner, spec.array);
                    if (!children || !children->is_array()) continue;
                    const std::string owner_id = owner.contains("id") ? cell_text_for_json(owner["id"]) : std::string();
                    for (const auto& child : *children) list_row(s, spec, child, owner_id, welsh);
                }
        }
        book.sheets.push_back(std::move(s));
    }
    return book;
}

std::string place_name(std::string_view sheet, std::size_t column, std::size_t row) {
    std::string letters;
    for (std::size_t c = column + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    const bool plain = !sheet.empty() && std::all_of(sheet.begin(), sheet.end(), [](char ch) {
        return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
    std::string name;
    if (plain) name = std::string(sheet);
    else {
        name = "'";
        for (char ch : sheet) { name += ch; if (ch == '\'') name += '\''; }
        name += "'";
    }
    return name + "!" + letters + std::to_string(row + 1);
}

std::optional<std::string> normalise_decimal(std::string_view text) {
    auto d = parse_decimal(text);
    if (!d) return std::nullopt;
    return to_text(*d);
}

// ---- Reading -----------------------------------------------------------------------------------

namespace {

class Importer {
public:
    Importer(const Book& book, const DocumentSpec& doc) : book_(book), doc_(doc) {}

    BookImport run();

private:
    struct Located { const Sheet* sheet; std::size_t header_row; std::map<std::string, std::size_t> columns; };

    void problem(const char* code, std::string place, std::string message) {
        Problem p;
        p.code = code;
        p.place = std::move(place);
        p.message = std::move(message);
        out_.problems.push_back(std::move(p));
    }
    void warning(const char* code, std::string place, std::string message) {
        Problem p;
        p.code = code;
        p.place = std::move(place);
        p.message = std::move(message);
        out_.warnings.push_back(std::move(p));
    }

    const Sheet* find_sheet(std::string_view name) const {
        const std::string want = lower_trim(name);
        for (const auto& s : book_.sheets)
            if (lower_trim(s.name) == want) return &s;
        return nullptr;
    }

    static bool row_empty(const std::vector<Cell>& row) {
        return std::all_of(row.begin(), row.end(), [](const Cell& c) {
            return c.kind == CellKind::Empty || (c.kind == CellKind::Text && trim(c.text).empty());
        });
    }
    static const Cell* cell_at(const std::vector<Cell>& row, std::size_t col) { return col < row.size() ? &row[col] : nullptr; }

    std::optional<Located> locate_columns(const Sheet& s, const ListSpec& spec, bool welsh_allowed);
    void read_fields();
    ordered_json& list_at(const std::string& path);  // the root's list (or keyed object) at a path, made when missing
    void read_list(const ListSpec& spec);
    // Converts a cell of a kind to JSON; nullopt (with a problem) when it cannot.
    std::optional<ordered_json> convert(const Cell& c, Kind kind, const ChoiceList* choices, const std::string& place);
    void set(ordered_json& root, const std::string& base_pointer, std::string_view key, ordered_json value, const std::string& place);
    void note_place(const std::string& pointer, const std::string& place) { places_.emplace(pointer, place); }
    std::string place_of(std::string pointer) const;

    const Book& book_;
    const DocumentSpec& doc_;
    BookImport out_;
    std::map<std::string, std::pair<bool, std::string>> listed_;  // Listed fields: key -> (yes, cell)
    ordered_json root_ = ordered_json::object();
    std::map<std::string, std::string> places_;  // JSON pointer -> cell
    std::vector<std::string> broken_;             // rows (or Council fields) with a cell that could not be read
    std::map<std::string, std::map<std::string, std::size_t>> ids_;  // sheet -> row id -> index in its array
};

std::string pointer_join(const std::string& base, std::string_view key) {
    std::string p = base;
    for (const auto& part : split_path(key)) p += "/" + part;
    return p;
}

std::optional<ordered_json> Importer::convert(const Cell& c, Kind kind, const ChoiceList* choices, const std::string& place) {
    const std::string shown = c.kind == CellKind::Boolean ? (c.text == "1" ? "TRUE" : "FALSE") : c.text;
    auto as_text = [&]() -> std::string {
        if (c.kind == CellKind::Number) { auto d = parse_decimal(c.text); return d ? to_text(*d) : c.text; }
        return shown;
    };
    auto number = [&](const char* what) -> std::optional<Decimal> {
        std::optional<Decimal> d;
        if (c.kind == CellKind::Number || c.kind == CellKind::Text) d = parse_decimal(c.text);
        if (!d) problem("workbook.not_a_number", place, "\"" + shown + "\" is not " + what);
        return d;
    };
    switch (kind) {
        case Kind::Id: return ordered_json(trim(as_text()));
        case Kind::Text: return ordered_json(as_text());
        case Kind::Choice: {
            const std::string v = lower_trim(as_text());
            if (choices && std::find(choices->begin(), choices->end(), v) == choices->end()) {
                std::string list;
                for (const auto& ch : *choices) list += (list.empty() ? "" : ", ") + ch;
                problem("workbook.not_a_choice", place, "\"" + shown + "\" is not one of: " + list);
                return std::nullopt;
            }
            return ordered_json(v);
        }
        case Kind::Money: case Kind::Decimal2: {
            auto d = number(kind == Kind::Money ? "an amount of money" : "a number");
            if (!d) return std::nullopt;
            if (fraction_digits(*d) > 2) {
                problem("workbook.too_many_decimals", place, to_text(*d) + " has more than two decimal places");
                return std::nullopt;
            }
            if (fraction_digits(*d) == 0) return json_number(*d);
            std::string t = to_text(*d);
            if (fraction_digits(*d) == 1) t += '0';
            return ordered_json(t);
        }
        case Kind::Number: {
            auto d = number("a number");
            if (!d) return std::nullopt;
            return json_number(*d);
        }
        case Kind::Integer: {
            auto d = number("a whole number");
            if (!d) return std::nullopt;
            if (fraction_digits(*d) > 0) {
                problem("workbook.not_whole_number", place, to_text(*d) + " is not a whole number");
                return std::nullopt;
            }
            return json_number(*d);
        }
        case Kind::Percent: {
            std::string t = trim(c.text);
            const bool written_percent = c.kind == CellKind::Text && !t.empty() && t.back() == '%';
            if (written_percent) t.pop_back();
            std::optional<Decimal> d = (c.kind == CellKind::Number || c.kind == CellKind::Text) ? parse_decimal(t) : std::nullopt;
            if (!d) { problem("workbook.not_a_number", place, "\"" + shown + "\" is not a percentage"); return std::nullopt; }
            return json_number(written_percent ? *d : shifted(*d, 2));
        }
        case Kind::YesNo: case Kind::CapApplies: case Kind::Listed: {
            if (c.kind == CellKind::Boolean) return ordered_json(c.text == "1");
            const std::string v = lower_trim(as_text());
            if (v == "yes" || v == "true" || v == "y" || v == "1" || v == "ie") return ordered_json(true);
            if (v == "no" || v == "false" || v == "n" || v == "0" || v == "na") return ordered_json(false);
            problem("workbook.not_yes_no", place, "\"" + shown + "\" is not yes or no");
            return std::nullopt;
        }
        case Kind::Date: {
            std::optional<std::int64_t> t;
            if (c.kind == CellKind::Number || c.kind == CellKind::Date) {
                if (c.kind == CellKind::Date) t = parse_utc(c.text);
                else if (auto d = parse_decimal(c.text)) t = unix_of_serial(*d);
            } else if (c.kind == CellKind::Text) {
                std::string s = trim(c.text);
                if (auto d = parse_decimal(s)) t = unix_of_serial(*d);
                else {
                    if (s.size() == 10) s += "T00:00:00Z";
                    else if (s.size() == 16 && s[10] == ' ') s = s.substr(0, 10) + "T" + s.substr(11) + ":00Z";
                    else if (s.size() == 19 && s[10] == ' ') s = s.substr(0, 10) + "T" + s.substr(11) + "Z";
                    t = parse_utc(s);
                }
            }
            if (!t) {
                problem("workbook.not_a_date", place, "\"" + shown + "\" is not a date and time (write it like 2027-01-05 09:00, in UTC)");
                return std::nullopt;
            }
            return ordered_json(format_utc(*t));
        }
        case Kind::Day: {
            std::optional<std::int64_t> t;
            if (c.kind == CellKind::Date) t = parse_utc(c.text);
            else if (c.kind == CellKind::Number) { if (auto d = parse_decimal(c.text)) t = unix_of_serial(*d); }
            else if (c.kind == CellKind::Text) {
                const std::string day = trim(c.text);
                if (auto d = parse_decimal(day)) t = unix_of_serial(*d);
                else if (day.size() == 10) t = parse_utc(day + "T00:00:00Z");
            }
            if (!t || *t % 86400 != 0) {
                problem("workbook.not_a_day", place, "\"" + shown + "\" is not a date (write it like 2024-03-31)");
                return std::nullopt;
            }
            return ordered_json(format_utc(*t).substr(0, 10));
        }
        case Kind::PercentList: {
            ordered_json list = ordered_json::array();
            std::string item;
            const std::string all = as_text() + ",";
            for (char ch : all) {
                if (ch != ',' && ch != ';') { item += ch; continue; }
                std::string t = trim(item);
                item.clear();
                if (!t.empty() && t.back() == '%') t.pop_back();
                if (t.empty()) continue;
                auto d = parse_decimal(t);
                if (!d) { problem("workbook.bad_list", place, "\"" + shown + "\" is not a list of percentages separated by commas"); return std::nullopt; }
                list.push_back(json_number(*d));
            }
            return list;
        }
        case Kind::FigureList: {
            ordered_json list = ordered_json::array();
            const std::string all = as_text();
            if (trim(all).empty()) return list;
            std::string item;
            for (const char ch : all + ",") {
                if (ch != ',' && ch != ';') { item += ch; continue; }
                const std::string t = lower_trim(item);
                item.clear();
                if (t.empty() || t == "n/a") { list.push_back(nullptr); continue; }
                const auto d = parse_decimal(t);
                if (!d) {
                    problem("workbook.bad_list", place, "\"" + shown + "\" is not a list of figures separated by commas (n/a where there is none)");
                    return std::nullopt;
                }
                list.push_back(json_number(*d));
            }
            return list;
        }
        case Kind::Languages: {
            const std::string v = lower_trim(as_text());
            if (v == "english" || v == "en") return ordered_json::array({"en"});
            if (v == "english and welsh" || v == "en, cy" || v == "en,cy") return ordered_json::array({"en", "cy"});
            problem("workbook.not_a_choice", place, "\"" + shown + "\" is not one of: English, English and Welsh");
            return std::nullopt;
        }
    }
    return std::nullopt;
}

void Importer::set(ordered_json& obj, const std::string& base_pointer, std::string_view key, ordered_json value,
                   const std::string& place) {
    ordered_json* at = &obj;
    const auto parts = split_path(key);
    std::string pointer = base_pointer;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        pointer += "/" + parts[i];
        if (!at->contains(parts[i])) (*at)[parts[i]] = ordered_json::object();
        at = &(*at)[parts[i]];
        if (!at->is_object()) {
            problem("workbook.conflict", place, "\"Referendum limit applies\" is no, so this cannot be given");
            return;
        }
    }
    (*at)[parts.back()] = std::move(value);
}

std::string Importer::place_of(std::string pointer) const {
    for (;;) {
        const auto it = places_.find(pointer);
        if (it != places_.end()) return it->second;
        const auto slash = pointer.rfind('/');
        if (slash == std::string::npos) return place_name(doc_.fields_sheet, 0, 0);
        pointer.resize(slash);
    }
}

void Importer::read_fields() {
    const Sheet* s = find_sheet(doc_.fields_sheet);
    if (!s) {
        problem("workbook.missing_sheet", place_name(doc_.fields_sheet, 0, 0), std::string("the workbook has no \"") + doc_.fields_sheet + "\" sheet");
        return;
    }
    // Columns: the label is in the first column; the value and Welsh columns are found by their headings.
    std::size_t header = 0;
    while (header < s->rows.size() && row_empty(s->rows[header])) ++header;
    std::size_t value_col = 1, welsh_col = SIZE_MAX;
    if (header < s->rows.size())
        for (std::size_t c = 0; c < s->rows[header].size(); ++c) {
            const std::string h = lower_trim(s->rows[header][c].text);
            if (h == "value") value_col = c;
            else if (h == "welsh" || h == "cymraeg") welsh_col = c;
        }
    std::map<std::string, std::size_t> seen;
    for (std::size_t r = header + 1; r < s->rows.size(); ++r) {
        const auto& row = s->rows[r];
        if (row_empty(row)) continue;
        const Cell* label = cell_at(row, 0);
        const std::string key = label ? lower_trim(label->text) : std::string();
        const Field* field = nullptr;
        for (const auto& f : *doc_.fields)
            if (lower_trim(f.header) == key) field = &f;
        if (!field) {
            if (!key.empty())
                warning("workbook.unknown_field", place_name(s->name, 0, r), "\"" + trim(label->text) + "\" is not a " + doc_.noun + " field and is ignored");
            continue;
        }
        if (!seen.emplace(key, r).second) {
            problem("workbook.duplicate_field", place_name(s->name, 0, r), "\"" + std::string(field->header) + "\" is given twice");
            continue;
        }
        const std::string pointer = pointer_join("", field->key);
        const std::string place = place_name(s->name, value_col, r);
        note_place(pointer, place);
        for (std::string p = pointer; p.rfind('/') != 0 && p.rfind('/') != std::string::npos;) {  // ancestors, first field wins
            p.resize(p.rfind('/'));
            places_.emplace(p, place_name(s->name, 0, r));
        }
        const Cell* v = cell_at(row, value_col);
        const Cell* cy = welsh_col != SIZE_MAX ? cell_at(row, welsh_col) : nullptr;
        const bool has_value = v && !row_empty({*v});
        const bool has_welsh = field->welsh && cy && !row_empty({*cy});
        if (has_welsh) {
            note_place(pointer + "/en", place);
            note_place(pointer + "/cy", place_name(s->name, welsh_col, r));
        }
        if (field->kind == Kind::Listed) {  // an empty cell is no
            const auto yes = has_value ? convert(*v, field->kind, field->choices, place) : ordered_json(false);
            if (yes) listed_[field->key] = {yes->get<bool>(), place};
            continue;
        }
        if (!has_value && !has_welsh) continue;
        std::optional<ordered_json> value;
        if (has_value) value = convert(*v, field->kind, field->choices, place);
        if (has_value && !value) { broken_.push_back(pointer); continue; }
        if (field->kind == Kind::CapApplies) {
            if (value->get<bool>()) {
                if (!root_.contains("council_tax")) root_["council_tax"] = ordered_json::object();
                if (!root_["council_tax"].contains("referendum_cap")) root_["council_tax"]["referendum_cap"] = ordered_json::object();
            } else {
                const ordered_json* ct = root_.contains("council_tax") ? &root_["council_tax"] : nullptr;
                if (ct && ct->contains("referendum_cap") && !(*ct)["referendum_cap"].empty())
                    problem("workbook.conflict", place, "a referendum limit is given above, so this cannot be no");
                else
                    set(root_, "", field->key, "none", place);
            }
            continue;
        }
        if (has_welsh) {
            ordered_json text = ordered_json::object();
            if (value) text["en"] = *value;
            text["cy"] = cy->kind == CellKind::Number ? to_text(parse_decimal(cy->text).value_or(Decimal{})) : cy->text;
            value = std::move(text);
        }
        set(root_, "", field->key, std::move(*value), place);
    }
}

std::optional<Importer::Located> Importer::locate_columns(const Sheet& s, const ListSpec& spec, bool welsh_allowed) {
    Located at{&s, 0, {}};
    while (at.header_row < s.rows.size() && row_empty(s.rows[at.header_row])) ++at.header_row;
    if (at.header_row == s.rows.size()) return at;  // an empty sheet: no rows
    const auto& header = s.rows[at.header_row];
    for (std::size_t c = 0; c < header.size(); ++c) {
        const std::string h = lower_trim(header[c].text);
        if (h.empty()) continue;
        bool known = false;
        for (const auto& f : spec.fields)
            if (h == lower_trim(f.header) || (f.welsh && welsh_allowed && h == lower_trim(welsh_header(f.header)))) known = true;
        if (!known) {
            warning("workbook.unknown_column", place_name(s.name, c, at.header_row), "the \"" + trim(header[c].text) + "\" column is not part of a " + doc_.noun + " and is ignored");
            continue;
        }
        if (!at.columns.emplace(h, c).second)
            problem("workbook.duplicate_column", place_name(s.name, c, at.header_row), "the \"" + trim(header[c].text) + "\" column appears twice");
    }
    bool complete = true;
    for (const auto& f : spec.fields)
        if (!at.columns.count(lower_trim(f.header))) {
            problem("workbook.missing_column", place_name(s.name, 0, at.header_row),
                    "the \"" + s.name + "\" sheet has no \"" + f.header + "\" column");
            complete = false;
        }
    if (!complete) return std::nullopt;
    return at;
}

ordered_json& Importer::list_at(const std::string& path) {
    ordered_json* at = &root_;
    const auto parts = split_path(path);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const bool last = i + 1 == parts.size();
        if (!at->contains(parts[i])) (*at)[parts[i]] = last ? ordered_json::array() : ordered_json::object();
        at = &(*at)[parts[i]];
    }
    return *at;
}

void Importer::read_list(const ListSpec& spec) {
    const std::string root_pointer = std::string("/") + spec.array;
    const ListSpec* parent = nullptr;
    for (const auto& p : *doc_.lists)
        if (spec.parent_sheet && std::string_view(p.sheet) == spec.parent_sheet) parent = &p;
    if (!parent && doc_.empty_lists && !find_path(root_, spec.array)) list_at(spec.array);
    const Sheet* s = find_sheet(spec.sheet);
    if (!s) {
        if (spec.required) problem("workbook.missing_sheet", place_name(spec.sheet, 0, 0), std::string("the workbook has no \"") + spec.sheet + "\" sheet");
        return;
    }
    if (!parent) note_place(root_pointer, place_name(s->name, 0, 0));
    const bool welsh_allowed = true;
    const auto at = locate_columns(*s, spec, welsh_allowed);
    if (!at) return;
    auto& own_ids = ids_[spec.sheet];
    for (std::size_t r = at->header_row + 1; r < s->rows.size(); ++r) {
        const auto& row = s->rows[r];
        if (row_empty(row)) continue;
        // Where this row goes: the root array (or keyed object), or its parent row's array.
        ordered_json* array = nullptr;
        std::string array_pointer, item_key;
        if (!parent) {
            array = &list_at(spec.array);
            array_pointer = root_pointer;
            if (spec.keyed) {
                if (!array->is_object()) *array = ordered_json::object();
                const std::size_t col = at->columns.at(lower_trim(spec.fields.front().header));
                const Cell* key_cell = cell_at(row, col);
                const std::string place = place_name(s->name, col, r);
                const auto key = key_cell ? convert(*key_cell, Kind::Id, nullptr, place) : std::nullopt;
                item_key = key ? key->get<std::string>() : std::string();
                if (item_key.empty()) {
                    problem("workbook.missing_key", place, std::string("give the ") + spec.fields.front().header + " this row is for");
                    continue;
                }
                if (array->contains(item_key)) {
                    problem("workbook.duplicate_key", place, "\"" + item_key + "\" is given twice");
                    continue;
                }
            }
        } else {
            const std::size_t col = at->columns.at(lower_trim(spec.parent_header));
            const Cell* owner_cell = cell_at(row, col);
            const std::string place = place_name(s->name, col, r);
            const auto owner = owner_cell ? convert(*owner_cell, Kind::Id, nullptr, place) : std::nullopt;
            const std::string owner_id = owner ? owner->get<std::string>() : std::string();
            if (owner_id.empty()) {
                problem("workbook.missing_parent", place, std::string("give the id of the row of \"") + parent->sheet + "\" this belongs to");
                continue;
            }
            const auto& parent_ids = ids_[parent->sheet];
            const auto found = parent_ids.find(owner_id);
            if (found == parent_ids.end()) {
                problem("workbook.unknown_parent", place, std::string("no row of \"") + parent->sheet + "\" has the id \"" + owner_id + "\"");
                continue;
            }
            ordered_json& owner_row = root_[parent->array][found->second];
            if (!owner_row.contains(spec.array)) owner_row[spec.array] = ordered_json::array();
            array = &owner_row[spec.array];
            array_pointer = std::string("/") + parent->array + "/" + std::to_string(found->second) + "/" + spec.array;
            places_.emplace(array_pointer, place_name(s->name, 0, r));
        }
        const std::size_t index = array->size();
        const std::string row_pointer = array_pointer + "/" + (spec.keyed ? pointer_token(item_key) : std::to_string(index));
        note_place(row_pointer, place_name(s->name, 0, r));
        ordered_json item = ordered_json::object();
        for (const auto& f : spec.fields) {
            if (*f.key == '\0') continue;
            const bool whole = std::string_view(f.key) == ".";  // the row's one cell is the item
            const std::size_t col = at->columns.at(lower_trim(f.header));
            const std::string pointer = whole ? row_pointer : pointer_join(row_pointer, f.key);
            const std::string place = place_name(s->name, col, r);
            note_place(pointer, place);
            const Cell* v = cell_at(row, col);
            const bool has_value = v && !row_empty({*v});
            const Cell* cy = nullptr;
            if (f.welsh) {
                const auto wc = at->columns.find(lower_trim(welsh_header(f.header)));
                if (wc != at->columns.end()) {
                    cy = cell_at(row, wc->second);
                    if (cy && row_empty({*cy})) cy = nullptr;
                    note_place(pointer + "/en", place);
                    note_place(pointer + "/cy", place_name(s->name, wc->second, r));
                }
            }
            if (!has_value && !cy) continue;
            std::optional<ordered_json> value;
            if (has_value) {
                value = convert(*v, f.kind, f.choices, place);
                if (!value) { broken_.push_back(row_pointer); continue; }
            }
            if (cy) {
                ordered_json text = ordered_json::object();
                if (value) text["en"] = *value;
                const auto cy_text = convert(*cy, Kind::Text, nullptr, place);
                text["cy"] = cy_text ? *cy_text : ordered_json("");
                value = std::move(text);
            }
            if (whole) item = std::move(*value);
            else set(item, row_pointer, f.key, std::move(*value), place);
        }
        if (spec.keyed) { (*array)[item_key] = std::move(item); continue; }
        if (!parent && item.is_object() && item.contains("id") && item["id"].is_string()) own_ids.emplace(item["id"].get<std::string>(), index);
        array->push_back(std::move(item));
    }
}

BookImport Importer::run() {
    root_["format"] = doc_.format;
    root_["format_version"] = doc_.format_version;
    read_fields();
    for (const auto& spec : *doc_.lists) read_list(spec);
    // A Listed field says whether its list is there at all: yes makes it (even empty); no forbids rows.
    for (const auto& [key, listed] : listed_) {
        const ordered_json* list = find_path(root_, key);
        if (listed.first && !list) list_at(key);
        if (!listed.first && list && !list->empty()) {
            std::string sheet = key;
            for (const auto& spec : *doc_.lists)
                if (key == spec.array) sheet = spec.sheet;
            problem("workbook.conflict", listed.second, "the \"" + sheet + "\" sheet has rows, so this cannot be no");
        }
    }
    for (const auto& s : book_.sheets) {
        bool known = lower_trim(s.name) == lower_trim(doc_.fields_sheet) || lower_trim(s.name) == lower_trim(kAboutSheet);
        for (const auto& spec : *doc_.lists) known = known || lower_trim(s.name) == lower_trim(spec.sheet);
        if (!known)
            warning("workbook.unknown_sheet", place_name(s.name, 0, 0), "the \"" + s.name + "\" sheet is not part of a " + doc_.noun + " and is ignored");
    }
    if (doc_.complete) doc_.complete(root_, [this](const std::string& pointer) { return place_of(pointer); }, out_.problems);
    out_.json = root_.dump(2);
    out_.json += '\n';
    // The loader checks the rest in the same pass, except within a row whose own cell could not be read.
    auto within_broken = [&](const std::string& pointer) {
        return std::any_of(broken_.begin(), broken_.end(), [&](const std::string& b) {
            return pointer.compare(0, b.size(), b) == 0 && (pointer.size() == b.size() || pointer[b.size()] == '/');
        });
    };
    Problems problems, warnings;
    doc_.check(out_.json, problems, warnings);
    for (auto& p : problems) {
        p.place = place_of(p.pointer);
        if (!within_broken(p.pointer)) out_.problems.push_back(std::move(p));
    }
    for (auto& w : warnings) { w.place = place_of(w.pointer); out_.warnings.push_back(std::move(w)); }
    return std::move(out_);
}

}  // namespace

BookImport book_to_document(const Book& book, const DocumentSpec& doc) { return Importer(book, doc).run(); }

}  // namespace budget::sheets
