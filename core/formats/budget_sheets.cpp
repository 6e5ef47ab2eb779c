// Budget document <-> workbook sheets. Sheets and columns are described once, as data, and both
// directions walk the same description; the loader checks the result and its problems are placed
// back at the cells they came from.
#include "formats/budget_sheets.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "budget.h"
#include "budget_loader.h"
#include "money.h"
#include "utc_time.h"

namespace budget::sheets {

using nlohmann::json;
using nlohmann::ordered_json;

namespace {

enum class Kind { Id, Text, Money, Decimal2, Percent, Number, Integer, YesNo, Choice, Date, PercentList, Languages, CapApplies };

using Choices = std::vector<std::string>;
const Choices kYesNo{"yes", "no"};
const Choices kCouncilKinds{"english_county", "english_district", "english_unitary", "english_metropolitan", "london_borough", "welsh_principal"};
const Choices kFundingKinds{"grant", "business_rates", "reserves", "other"};
const Choices kBalanceRules{"must_balance", "may_be_unbalanced"};
const Choices kRisks{"low", "medium", "high"};
const Choices kIncomeKinds{"fees_and_charges", "commercial", "other"};
const Choices kKpiGroups{"perception", "cost", "outcome"};
const Choices kUnits{"percent", "pounds", "days", "count", "rate_per_1000", "rate_per_10000", "rate_per_100000", "score", "weeks", "kg"};
const Choices kPolarities{"higher_is_better", "lower_is_better"};
const Choices kLanguages{"English", "English and Welsh"};

struct Field {
    const char* header;  // column header, or the row's label on the Council sheet
    const char* key;     // path below the row's object ("thresholds/green"); on the Council sheet, below the root
    Kind kind;
    bool welsh = false;  // a Welsh cell beside it when the budget is bilingual
    const Choices* choices = nullptr;
    const char* note = "";
};

struct ListSpec {
    const char* sheet;
    const char* array;          // the root array, or the array inside each parent row
    const char* parent_sheet;   // nullptr for a root list
    const char* parent_header;  // the column holding the parent row's id
    bool required;              // the workbook must have this sheet
    const char* note;
    std::vector<Field> fields;
};

const char* const kCouncilSheet = "Council";
const char* const kAboutSheet = "About";

const std::vector<Field>& council_fields() {
    static const std::vector<Field> f{
        {"Budget id", "id", Kind::Id, false, nullptr, "Lower-case letters, digits, '-' and '_', e.g. northmoor-county-2027."},
        {"Version", "version", Kind::Integer, false, nullptr, "A whole number; the console counts versions when you publish."},
        {"Illustrative example", "illustrative", Kind::YesNo, false, &kYesNo, "yes: the figures are invented, and the notice says so."},
        {"Notice", "notice", Kind::Text, true, nullptr, "Shown above the budget; needed when it is illustrative."},
        {"Languages", "languages", Kind::Languages, false, &kLanguages, "English and Welsh: every text needs its Welsh beside it."},
        {"Council name", "council/name", Kind::Text, true},
        {"Kind of council", "council/kind", Kind::Choice, false, &kCouncilKinds, "Sets the council tax bands and the referendum rule."},
        {"Financial year", "council/financial_year", Kind::Text, false, nullptr, "Like 2027/28."},
        {"Population", "council/population", Kind::Integer},
        {"Brand colour", "council/brand/colour", Kind::Text, false, nullptr, "Optional: #RRGGBB; used only where it has enough contrast."},
        {"Logo", "council/brand/logo", Kind::Text, false, nullptr, "Optional: a path below the site, e.g. logos/council.svg."},
        {"Council tax base (Band D equivalents)", "council_tax/tax_base_band_d_equivalents", Kind::Decimal2},
        {"Band D council tax", "council_tax/band_d", Kind::Money, false, nullptr, "This council's own element, in pounds."},
        {"Referendum limit applies", "council_tax/referendum_cap", Kind::CapApplies, false, &kYesNo, "no: there is no referendum limit (Wales)."},
        {"Referendum limit", "council_tax/referendum_cap/core_limit_percent", Kind::Percent, false, nullptr, "The core increase that needs no referendum."},
        {"Referendum limit in pounds on Band D", "council_tax/referendum_cap/core_limit_pounds", Kind::Money, false, nullptr,
         "Shire districts: the higher of this and the percentage."},
        {"Adult social care precept", "council_tax/referendum_cap/adult_social_care_percent", Kind::Percent, false, nullptr,
         "Where the council may levy it."},
        {"Council tax lowest change", "council_tax/lever/min_percent", Kind::Percent},
        {"Council tax highest change", "council_tax/lever/max_percent", Kind::Percent},
        {"Council tax step", "council_tax/lever/step_percent", Kind::Percent},
        {"Council tax starting change", "council_tax/lever/default_percent", Kind::Percent},
        {"Council tax stops", "council_tax/lever/stops_percent", Kind::PercentList, false, nullptr,
         "Optional: the percentages the slider stops at, separated by commas, e.g. -2, 0, 1.99, 2.99."},
        {"Total net budget", "total_net_budget", Kind::Money, false, nullptr, "The sum of the services' net spend."},
        {"Gap to close", "gap_to_close", Kind::Money, false, nullptr, "Spending less funding and council tax at today's levels."},
        {"Balance rule", "balance_rule", Kind::Choice, false, &kBalanceRules},
        {"Results public", "results_public", Kind::YesNo, false, &kYesNo, "yes: anyone may read the totals of responses."},
        {"Comments public", "comments_public", Kind::YesNo, false, &kYesNo, "yes: residents' comments are published with the results."},
        {"Opens (UTC)", "opens_at", Kind::Date, false, nullptr, "Optional: when responses are first taken, in UTC."},
        {"Closes (UTC)", "closes_at", Kind::Date, false, nullptr, "Optional: when responses stop, in UTC."},
        {"Privacy notice address", "privacy_notice_url", Kind::Text, true},
        {"Voter codes required", "codes_required", Kind::YesNo, false, &kYesNo,
         "yes: each response needs a one-time code from a printed slip (make them in the console)."},
        {"Council profile", "council/profile", Kind::Text, false, nullptr,
         "Optional: the id of the council's profile (councils/ID.json); its annual report is linked from the budget."},
    };
    return f;
}

const std::vector<ListSpec>& list_specs() {
    static const std::vector<ListSpec> s{
        {"Funding", "funding", nullptr, nullptr, true, "Grants, business rates, reserves and other funding.",
         {{"Id", "id", Kind::Id}, {"Name", "name", Kind::Text, true},
          {"Kind", "kind", Kind::Choice, false, &kFundingKinds}, {"Amount", "amount", Kind::Money, false, nullptr, "Pounds a year."}}},
        {"Groups", "groups", nullptr, nullptr, true, "The headings services are grouped under.",
         {{"Id", "id", Kind::Id}, {"Name", "name", Kind::Text, true}}},
        {"Services", "services", nullptr, nullptr, true, "Each service a resident can spend more or less on.",
         {{"Id", "id", Kind::Id}, {"Group", "group", Kind::Id, false, nullptr, "The id of a row of Groups."},
          {"Name", "name", Kind::Text, true}, {"Description", "description", Kind::Text, true},
          {"Net spend", "baseline", Kind::Money, false, nullptr, "Today's net spend, pounds a year."},
          {"Lowest change", "min_percent", Kind::Percent}, {"Highest change", "max_percent", Kind::Percent},
          {"Step", "step_percent", Kind::Percent},
          {"Locked", "locked", Kind::YesNo, false, &kYesNo, "yes: residents cannot change it (say why)."},
          {"Why locked", "locked_reason", Kind::Text, true}}},
        {"Consequences", "consequences", "Services", "Service", false,
         "What a change to a service means, from each percentage up to the next; in order for each service.",
         {{"Service", "", Kind::Id, false, nullptr, "The id of a row of Services."},
          {"From", "from_percent", Kind::Percent}, {"Text", "text", Kind::Text, true}}},
        {"Savings", "efficiencies", nullptr, nullptr, false, "Savings a resident can choose.",
         {{"Id", "id", Kind::Id}, {"Name", "name", Kind::Text, true}, {"Description", "description", Kind::Text, true},
          {"Service", "service", Kind::Id, false, nullptr, "Optional: the service the saving comes from."},
          {"Saving", "saving", Kind::Money, false, nullptr, "Recurring, pounds a year."},
          {"One-off cost", "one_off_cost", Kind::Money}, {"Risk", "risk", Kind::Choice, false, &kRisks}}},
        {"Saving effects", "kpi_effects", "Savings", "Saving", false, "How a saving moves an indicator.",
         {{"Saving", "", Kind::Id}, {"Indicator", "kpi", Kind::Id}, {"Change", "change", Kind::Number, false, nullptr, "In the indicator's unit."}}},
        {"Income", "income", nullptr, nullptr, false, "Ways to raise income a resident can choose.",
         {{"Id", "id", Kind::Id}, {"Name", "name", Kind::Text, true}, {"Description", "description", Kind::Text, true},
          {"Kind", "kind", Kind::Choice, false, &kIncomeKinds}, {"Yield", "yield", Kind::Money, false, nullptr, "Pounds a year."}}},
        {"Income effects", "kpi_effects", "Income", "Income", false, "How an income option moves an indicator.",
         {{"Income", "", Kind::Id}, {"Indicator", "kpi", Kind::Id}, {"Change", "change", Kind::Number}}},
        {"Indicators", "kpis", nullptr, nullptr, false, "Performance indicators: resident perception, unit cost and outcomes.",
         {{"Id", "id", Kind::Id}, {"Group", "group", Kind::Choice, false, &kKpiGroups},
          {"Name", "name", Kind::Text, true}, {"Description", "description", Kind::Text, true},
          {"Unit", "unit", Kind::Choice, false, &kUnits}, {"Decimals", "decimals", Kind::Integer},
          {"Polarity", "polarity", Kind::Choice, false, &kPolarities}, {"Target", "target", Kind::Number},
          {"Green from", "thresholds/green", Kind::Number}, {"Amber from", "thresholds/amber", Kind::Number},
          {"Comparator group", "comparators/group", Kind::Text, true},
          {"Lower quartile", "comparators/lower_quartile", Kind::Number}, {"Median", "comparators/median", Kind::Number},
          {"Upper quartile", "comparators/upper_quartile", Kind::Number},
          {"Floor", "floor", Kind::Number}, {"Ceiling", "ceiling", Kind::Number}}},
        {"Indicator history", "history", "Indicators", "Indicator", false, "Each indicator's past values, oldest first; the last is today's.",
         {{"Indicator", "", Kind::Id}, {"Year", "year", Kind::Text}, {"Value", "value", Kind::Number}}},
        {"Indicator responses", "responses", "Indicators", "Indicator", false, "How an indicator responds to spending on a service.",
         {{"Indicator", "", Kind::Id}, {"Service", "service", Kind::Id},
          {"Change per 1%", "per_percent", Kind::Number, false, nullptr, "Units per 1% change in the service's spending."},
          {"Half-saturation", "half_saturation_percent", Kind::Percent}, {"Largest effect", "max_effect", Kind::Number}}},
        {"Questions", "demographics", nullptr, nullptr, false, "Optional questions about the resident.",
         {{"Id", "id", Kind::Id}, {"Question", "label", Kind::Text, true}}},
        {"Answers", "options", "Questions", "Question", false, "The answers each question offers, in order.",
         {{"Question", "", Kind::Id}, {"Id", "id", Kind::Id}, {"Answer", "label", Kind::Text, true}}},
    };
    return s;
}

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

const json* find_path(const json& obj, std::string_view key) {
    const json* at = &obj;
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
        default: return Style::General;
    }
}

// The cell for a value (nullptr: the field is absent) of a kind.
Cell value_cell(const json* v, const Field& f) {
    Cell c;
    c.style = style_of(f.kind);
    c.choices = f.choices;
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
        case Kind::Languages:
            if (v->is_array()) {
                const bool welsh = std::find(v->begin(), v->end(), json("cy")) != v->end();
                c.kind = CellKind::Text; c.text = welsh ? kLanguages[1] : kLanguages[0];
            }
            break;
        case Kind::CapApplies:
            c.kind = CellKind::Text; c.text = v->is_string() ? "no" : "yes"; break;
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
        default: return 14;
    }
}

Sheet about_sheet(bool welsh) {
    Sheet s;
    s.name = kAboutSheet;
    s.widths = {24, 100};
    s.rows.push_back({header_cell("Sheet", nullptr), header_cell("What it holds", nullptr)});
    s.rows.push_back({text_cell(kCouncilSheet), text_cell("The council, council tax and consultation: one field a row.")});
    for (const auto& spec : list_specs()) s.rows.push_back({text_cell(spec.sheet), text_cell(spec.note)});
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

Sheet council_sheet(const json& budget, bool welsh) {
    Sheet s;
    s.name = kCouncilSheet;
    s.widths = welsh ? std::vector<int>{38, 40, 40, 60} : std::vector<int>{38, 40, 60};
    std::vector<Cell> header{header_cell("Field", "Each row is one field of the budget; keep these labels."),
                             header_cell("Value", nullptr)};
    if (welsh) header.push_back(header_cell("Welsh", "The Welsh text, for fields residents read."));
    header.push_back(header_cell("Notes", "Guidance only; not read back."));
    s.rows.push_back(std::move(header));
    for (const auto& f : council_fields()) {
        const json* v = find_path(budget, f.key);
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

void list_row(Sheet& s, const ListSpec& spec, const json& item, const std::string& parent_id, bool welsh) {
    std::vector<Cell> row;
    for (const auto& f : spec.fields) {
        if (*f.key == '\0') { row.push_back(text_cell(parent_id)); continue; }
        const json* v = find_path(item, f.key);
        row.push_back(value_cell(v, f));
        if (f.welsh && welsh) row.push_back(welsh_cell(v));
    }
    s.rows.push_back(std::move(row));
}

}  // namespace

Book budget_to_book(const json& budget) {
    const json* langs = budget.contains("languages") ? &budget["languages"] : nullptr;
    const bool welsh = langs && langs->is_array() && std::find(langs->begin(), langs->end(), json("cy")) != langs->end();
    Book book;
    book.sheets.push_back(about_sheet(welsh));
    book.sheets.push_back(council_sheet(budget, welsh));
    for (const auto& spec : list_specs()) {
        Sheet s;
        s.name = spec.sheet;
        s.tab_note = spec.note;
        list_header(s, spec, welsh);
        if (!spec.parent_sheet) {
            if (const json* items = find_path(budget, spec.array); items && items->is_array())
                for (const auto& item : *items) list_row(s, spec, item, "", welsh);
        } else {
            const ListSpec* parent = nullptr;
            for (const auto& p : list_specs())
                if (std::string_view(p.sheet) == spec.parent_sheet) parent = &p;
            if (const json* parents = parent ? find_path(budget, parent->array) : nullptr; parents && parents->is_array())
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
    explicit Importer(const Book& book) : book_(book) {}

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
    void read_council();
    void read_list(const ListSpec& spec);
    // Converts a cell of a kind to JSON; nullopt (with a problem) when it cannot.
    std::optional<ordered_json> convert(const Cell& c, Kind kind, const Choices* choices, const std::string& place);
    void set(ordered_json& root, const std::string& base_pointer, std::string_view key, ordered_json value, const std::string& place);
    void note_place(const std::string& pointer, const std::string& place) { places_.emplace(pointer, place); }
    std::string place_of(std::string pointer) const;

    const Book& book_;
    BookImport out_;
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

std::optional<ordered_json> Importer::convert(const Cell& c, Kind kind, const Choices* choices, const std::string& place) {
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
        case Kind::YesNo: case Kind::CapApplies: {
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
        if (slash == std::string::npos) return place_name(kCouncilSheet, 0, 0);
        pointer.resize(slash);
    }
}

void Importer::read_council() {
    const Sheet* s = find_sheet(kCouncilSheet);
    if (!s) {
        problem("workbook.missing_sheet", place_name(kCouncilSheet, 0, 0), "the workbook has no \"Council\" sheet");
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
        for (const auto& f : council_fields())
            if (lower_trim(f.header) == key) field = &f;
        if (!field) {
            if (!key.empty()) warning("workbook.unknown_field", place_name(s->name, 0, r), "\"" + trim(label->text) + "\" is not a budget field and is ignored");
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
            warning("workbook.unknown_column", place_name(s.name, c, at.header_row), "the \"" + trim(header[c].text) + "\" column is not part of a budget and is ignored");
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

void Importer::read_list(const ListSpec& spec) {
    const std::string root_pointer = std::string("/") + spec.array;
    const ListSpec* parent = nullptr;
    for (const auto& p : list_specs())
        if (spec.parent_sheet && std::string_view(p.sheet) == spec.parent_sheet) parent = &p;
    if (!parent && !root_.contains(spec.array)) root_[spec.array] = ordered_json::array();
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
        // Where this row goes: the root array, or its parent row's array.
        ordered_json* array = nullptr;
        std::string array_pointer;
        if (!parent) {
            array = &root_[spec.array];
            array_pointer = root_pointer;
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
        const std::string row_pointer = array_pointer + "/" + std::to_string(index);
        note_place(row_pointer, place_name(s->name, 0, r));
        ordered_json item = ordered_json::object();
        for (const auto& f : spec.fields) {
            if (*f.key == '\0') continue;
            const std::size_t col = at->columns.at(lower_trim(f.header));
            const std::string pointer = pointer_join(row_pointer, f.key);
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
            set(item, row_pointer, f.key, std::move(*value), place);
        }
        if (!parent && item.contains("id") && item["id"].is_string()) own_ids.emplace(item["id"].get<std::string>(), index);
        array->push_back(std::move(item));
    }
}

BookImport Importer::run() {
    root_["format"] = "council-budget";
    root_["format_version"] = kBudgetFormatVersion;
    read_council();
    for (const auto& spec : list_specs()) read_list(spec);
    for (const auto& s : book_.sheets) {
        bool known = lower_trim(s.name) == lower_trim(kCouncilSheet) || lower_trim(s.name) == lower_trim(kAboutSheet);
        for (const auto& spec : list_specs()) known = known || lower_trim(s.name) == lower_trim(spec.sheet);
        if (!known) warning("workbook.unknown_sheet", place_name(s.name, 0, 0), "the \"" + s.name + "\" sheet is not part of a budget and is ignored");
    }
    out_.json = root_.dump(2);
    out_.json += '\n';
    // The loader checks the rest in the same pass, except within a row whose own cell could not be read.
    auto within_broken = [&](const std::string& pointer) {
        return std::any_of(broken_.begin(), broken_.end(), [&](const std::string& b) {
            return pointer.compare(0, b.size(), b) == 0 && (pointer.size() == b.size() || pointer[b.size()] == '/');
        });
    };
    BudgetLoad load = load_budget(out_.json);
    for (auto& p : load.problems) {
        p.place = place_of(p.pointer);
        if (!within_broken(p.pointer)) out_.problems.push_back(std::move(p));
    }
    for (auto& w : load.warnings) { w.place = place_of(w.pointer); out_.warnings.push_back(std::move(w)); }
    return std::move(out_);
}

}  // namespace

BookImport book_to_budget(const Book& book) { return Importer(book).run(); }

}  // namespace budget::sheets
