// A budget's sheets, described once as data (formats/sheets.h writes and reads them): the Council
// sheet of fields and a sheet for each list, each column with its kind, drop-down and note.
#include "formats/budget_sheets.h"

#include <algorithm>
#include <climits>
#include <optional>

#include "budget.h"
#include "budget_loader.h"
#include "money.h"

namespace budget::sheets {

using nlohmann::json;

namespace {

const ChoiceList kFundingKinds{"grant", "business_rates", "reserves", "other"};
const ChoiceList kBalanceRules{"must_balance", "may_be_unbalanced"};
const ChoiceList kCommentModeration{"before_publishing", "after_publishing"};
const ChoiceList kRisks{"low", "medium", "high"};
const ChoiceList kIncomeKinds{"fees_and_charges", "commercial", "other"};
const ChoiceList kKpiGroups{"perception", "cost", "outcome"};
const ChoiceList kUnits{"percent", "pounds", "days", "count", "rate_per_1000", "rate_per_10000", "rate_per_100000", "score", "weeks", "kg"};
const ChoiceList kPolarities{"higher_is_better", "lower_is_better"};

const char* const kCouncilSheet = "Council";

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
        {"Keep personal data (days after close)", "retain_days", Kind::Integer, false, nullptr,
         "Optional: comments, personal answers and voter codes are purged this many days after the close (default 365)."},
        {"Comments checked", "comment_moderation", Kind::Choice, false, &kCommentModeration,
         "Optional: before_publishing (the default: an officer approves each comment first) or after_publishing (at once; officers may hide any)."},
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

bool bilingual_budget(const json& budget) {
    const json* langs = budget.contains("languages") ? &budget["languages"] : nullptr;
    return langs && langs->is_array() && std::find(langs->begin(), langs->end(), json("cy")) != langs->end();
}

void check_budget(const std::string& text, Problems& problems, Problems& warnings) {
    BudgetLoad load = load_budget(text);
    problems = std::move(load.problems);
    warnings = std::move(load.warnings);
}

// Money as the importer leaves it in the document: whole pounds as a number, or "12.50".
std::optional<Pence> pence_of(const nlohmann::ordered_json* v) {
    if (!v) return std::nullopt;
    if (v->is_string()) return parse_pounds(v->get<std::string>());
    if (v->is_number_integer()) {
        const auto pounds = v->get<std::int64_t>();
        if (pounds > INT64_MAX / 100 || pounds < INT64_MIN / 100) return std::nullopt;
        return pounds * 100;
    }
    return std::nullopt;
}

// The budget's totals, worked out from its rows: the services' net spend, and the gap (that less
// funding and council tax on the tax base). A total typed in the workbook, or a spreadsheet's cached
// value, that disagrees is a problem at its cell; an empty one is filled in.
void complete_budget(nlohmann::ordered_json& root, const std::function<std::string(const std::string&)>& place_of, Problems& problems) {
    const auto at = [&](const nlohmann::ordered_json& o, const char* key) -> const nlohmann::ordered_json* {
        return o.is_object() && o.contains(key) ? &o[key] : nullptr;
    };
    // Each sum, or nothing when a row it needs could not be read (that row has its own problem).
    const auto sum = [&](const char* list, const char* key) -> std::optional<__int128> {
        const nlohmann::ordered_json* rows = at(root, list);
        __int128 total = 0;
        if (!rows) return total;
        if (!rows->is_array()) return std::nullopt;
        for (const auto& row : *rows) {
            const auto pence = pence_of(at(row, key));
            if (!pence) return std::nullopt;
            total += *pence;
        }
        return total;
    };
    const auto settle = [&](const char* key, std::optional<__int128> computed, const std::string& what) {
        // Not worked out: a row it needs is broken. A placeholder keeps an empty cell from a second
        // problem; the loader's own sum stops at the broken row.
        if (!computed || *computed > INT64_MAX || *computed < INT64_MIN) {
            if (!at(root, key)) root[key] = 0;
            return;
        }
        const auto pence = static_cast<Pence>(*computed);
        const auto typed = pence_of(at(root, key));
        if (at(root, key) && typed != pence)
            problems.push_back(Problem("workbook.total_disagrees", std::string("/") + key, 0, 0,
                                       what + " comes to " + format_pounds(pence) + ", but this cell says " +
                                           (typed ? format_pounds(*typed) : root[key].dump()) +
                                           "; empty the cell and it is worked out, or correct the rows",
                                       place_of(std::string("/") + key)));
        if (typed == pence) return;  // as typed (or as the spreadsheet worked it out)
        // Written as the importer writes money: whole pounds as a number, else "12.50".
        if (pence % 100 == 0) root[key] = pence / 100;
        else root[key] = pounds_decimal(pence);
    };
    const std::optional<__int128> total = sum("services", "baseline"), funding = sum("funding", "amount");
    const nlohmann::ordered_json* tax = at(root, "council_tax");
    const auto base = tax ? pence_of(at(*tax, "tax_base_band_d_equivalents")) : std::nullopt;  // hundredths, as pence are
    const auto band_d = tax ? pence_of(at(*tax, "band_d")) : std::nullopt;
    std::optional<__int128> gap;
    if (total && funding && base && band_d) gap = *total - *funding - divide_round(static_cast<__int128>(*band_d) * *base, 100);
    settle("total_net_budget", total, "the services' net spend");
    settle("gap_to_close", gap, "spending less funding and council tax");
}

const DocumentSpec& budget_spec() {
    static const DocumentSpec spec = [] {
        DocumentSpec d{"budget", kCouncilSheet, "The council, council tax and consultation: one field a row.",
                       &council_fields(), &list_specs(), "council-budget", kBudgetFormatVersion,
                       bilingual_budget, check_budget};
        d.complete = complete_budget;
        return d;
    }();
    return spec;
}

// The Council sheet's totals as formulas over the rows, so a spreadsheet keeps them right as rows change.
void total_formulas(Book& book) {
    const auto sheet = [&](const char* name) -> Sheet* {
        for (auto& s : book.sheets)
            if (s.name == name) return &s;
        return nullptr;
    };
    const auto column = [](const Sheet& s, const char* header) -> std::optional<std::size_t> {
        if (s.rows.empty()) return std::nullopt;
        for (std::size_t c = 0; c < s.rows[0].size(); ++c)
            if (s.rows[0][c].text == header) return c;
        return std::nullopt;
    };
    const auto rows_of = [](const Sheet& s) {
        std::size_t n = 0;
        for (std::size_t r = 1; r < s.rows.size(); ++r)
            if (std::any_of(s.rows[r].begin(), s.rows[r].end(), [](const Cell& c) { return c.kind != CellKind::Empty; })) n = r;
        return n;  // the last row with anything in it
    };
    // "Services!E2:E9", or the cell alone on its own sheet ("B22").
    const auto range = [](const Sheet& s, std::size_t col, std::size_t last) {
        const std::string first = place_name(s.name, col, 1), end = place_name(s.name, col, last);
        return first + ":" + end.substr(end.find('!') + 1);
    };
    const auto local = [](const Sheet& s, std::size_t col, std::size_t row) {
        const std::string p = place_name(s.name, col, row);
        return p.substr(p.find('!') + 1);
    };
    Sheet *council = sheet(kCouncilSheet), *services = sheet("Services"), *funding = sheet("Funding");
    if (!council || !services || !funding) return;
    const auto value_col = column(*council, "Value"), spend = column(*services, "Net spend"), amount = column(*funding, "Amount");
    if (!value_col || !spend || !amount || rows_of(*services) == 0) return;
    std::optional<std::size_t> total_row, gap_row, base_row, band_d_row;
    for (std::size_t r = 1; r < council->rows.size(); ++r) {
        if (council->rows[r].empty()) continue;
        const std::string& label = council->rows[r][0].text;
        if (label == "Total net budget") total_row = r;
        if (label == "Gap to close") gap_row = r;
        if (label == "Council tax base (Band D equivalents)") base_row = r;
        if (label == "Band D council tax") band_d_row = r;
    }
    if (!total_row || !gap_row || !base_row || !band_d_row) return;
    Cell& total = council->rows[*total_row][*value_col];
    Cell& gap = council->rows[*gap_row][*value_col];
    if (total.kind != CellKind::Number || gap.kind != CellKind::Number) return;
    total.formula = "SUM(" + range(*services, *spend, rows_of(*services)) + ")";
    const std::string funding_sum = rows_of(*funding) ? "-SUM(" + range(*funding, *amount, rows_of(*funding)) + ")" : "";
    gap.formula = local(*council, *value_col, *total_row) + funding_sum + "-ROUND(" + local(*council, *value_col, *base_row) + "*" +
                  local(*council, *value_col, *band_d_row) + ",2)";
}

}  // namespace

Book budget_to_book(const json& budget) {
    Book book = document_to_book(budget, budget_spec());
    total_formulas(book);
    return book;
}

BookImport book_to_budget(const Book& book) { return book_to_document(book, budget_spec()); }

}  // namespace budget::sheets
