// A budget's sheets, described once as data (formats/sheets.h writes and reads them): the Council
// sheet of fields and a sheet for each list, each column with its kind, drop-down and note.
#include "formats/budget_sheets.h"

#include <algorithm>

#include "budget.h"
#include "budget_loader.h"

namespace budget::sheets {

using nlohmann::json;

namespace {

const ChoiceList kFundingKinds{"grant", "business_rates", "reserves", "other"};
const ChoiceList kBalanceRules{"must_balance", "may_be_unbalanced"};
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

const DocumentSpec& budget_spec() {
    static const DocumentSpec spec{"budget", kCouncilSheet, "The council, council tax and consultation: one field a row.",
                                   &council_fields(), &list_specs(), "council-budget", kBudgetFormatVersion,
                                   bilingual_budget, check_budget};
    return spec;
}

}  // namespace

Book budget_to_book(const json& budget) { return document_to_book(budget, budget_spec()); }

BookImport book_to_budget(const Book& book) { return book_to_document(book, budget_spec()); }

}  // namespace budget::sheets
