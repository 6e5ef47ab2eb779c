// A council profile's sheets, described once as data (formats/sheets.h writes and reads them), with
// the drop-downs taken from the profile format's own names.
#include "formats/profile_sheets.h"

#include "council_profile.h"

namespace budget::sheets {

using nlohmann::json;

namespace {

template <class Enum, class Name>
ChoiceList names(int count, Name name) {
    ChoiceList out;
    for (int i = 0; i < count; ++i) out.emplace_back(name(static_cast<Enum>(i)));
    return out;
}
const ChoiceList kEventKinds = names<EventKind>(10, event_kind_name);
const ChoiceList kOpinions = names<AuditOpinion>(4, audit_opinion_name);
const ChoiceList kRatings = names<InspectionRating>(4, inspection_rating_name);
const ChoiceList kRoles = names<LeadershipRole>(3, leadership_role_name);
const ChoiceList kSelfRatings = names<SelfRating>(4, self_rating_id);

const char* const kProfileSheet = "Profile";

const std::vector<Field>& profile_fields() {
    static const std::vector<Field> f{
        {"Profile id", "id", Kind::Id, false, nullptr, "Lower-case letters, digits, '-' and '_'; budgets name it as their council profile."},
        {"Council name", "name", Kind::Text, true},
        {"Kind of council", "kind", Kind::Choice, false, &kCouncilKinds, "Welsh councils give every text in Welsh too."},
        {"Population", "population", Kind::Integer, false, nullptr, "Optional."},
        {"Figures as of", "as_of", Kind::Day, false, nullptr, "The date the figures are current to, like 2025-03-31."},
        {"Illustrative example", "illustrative", Kind::YesNo, false, &kYesNo, "yes: the figures are invented for an example."},
        {"Every governance event listed", "governance", Kind::Listed, false, &kYesNo,
         "yes: the Governance sheet lists every event of the last years, so the signs that rest on events are judged; "
         "no: those signs stay unknown."},
        {"Consultation", "you_said_we_did/consultation", Kind::Text, true, nullptr,
         "You said, we did: the consultation whose results are on the You said sheet (optional)."},
        {"Decided on", "you_said_we_did/decided_on", Kind::Day, false, nullptr, "The date the council decided."},
        {"Decision source", "you_said_we_did/source", Kind::Text, false, nullptr, "A URL or the name of the meeting's papers."},
        {"Similar councils", "neighbours/group", Kind::Text, false, nullptr,
         "The group compared with, like CIPFA nearest neighbours (optional); they are named on the Similar councils sheet."},
        {"How they were chosen", "neighbours/method", Kind::Text, false, nullptr, "Optional: the method, in a sentence."},
        {"Comparison source", "neighbours/source", Kind::Text, false, nullptr, "A URL or a document's name: where the figures compared come from."},
    };
    return f;
}

std::vector<Field> finance_columns() {
    static const std::pair<FinanceField, const char*> kHeaders[] = {
        {FinanceField::NetRevenueExpenditure, "Net revenue expenditure"},
        {FinanceField::UsableReservesUnallocated, "Unallocated reserves"},
        {FinanceField::UsableReservesEarmarked, "Earmarked reserves"},
        {FinanceField::GrossExternalDebt, "Gross external debt"},
        {FinanceField::FinancingCosts, "Financing costs"},
        {FinanceField::CouncilTaxRequirement, "Council tax requirement"},
        {FinanceField::FeesAndCharges, "Fees and charges"},
        {FinanceField::SocialCareSpend, "Social care spend"},
        {FinanceField::SavingsPlanned, "Savings planned"},
        {FinanceField::SavingsDelivered, "Savings delivered"},
        {FinanceField::OutturnVariance, "Outturn variance"},
        {FinanceField::ReservesUsedToBalance, "Reserves used to balance"},
    };
    std::vector<Field> f{{"Year", "year", Kind::Text, false, nullptr, "A financial year, like 2022/23; one row a year."},
                         {"Source", "source", Kind::Text, false, nullptr, "A URL or a document's name: where the year's figures come from."},
                         {"Note", "note", Kind::Text, false, nullptr, "Optional: which figure comes from where, and anything a reader should know."}};
    for (const auto& [field, header] : kHeaders) {
        const char* note = field == FinanceField::OutturnVariance ? "Pounds; an overspend is positive, an underspend negative. Empty: unknown."
                           : field == FinanceField::FinancingCosts ? "Interest plus minimum revenue provision, pounds. Empty: unknown."
                           : "Pounds. An empty cell is unknown, never zero.";
        f.push_back({header, finance_field_name(field), Kind::Money, false, nullptr, note});
    }
    return f;
}

const std::vector<ListSpec>& profile_lists() {
    static const std::vector<ListSpec> s{
        {"Finance", "finance", nullptr, nullptr, false, "The council's figures, a financial year a row, each year with its source.",
         finance_columns()},
        {"Governance", "governance", nullptr, nullptr, false,
         "Dated events: section 114 notices, audit opinions, accounts published, inspections, leadership changes; each with its source.",
         {{"Kind", "kind", Kind::Choice, false, &kEventKinds},
          {"Date", "date", Kind::Day, false, nullptr, "When it happened; for accounts_published, empty means not yet published."},
          {"Source", "source", Kind::Text, false, nullptr, "A URL or a document's name."},
          {"Summary", "summary", Kind::Text, true, nullptr, "Optional words on what happened."},
          {"Amount", "amount", Kind::Money, false, nullptr, "exceptional_financial_support: pounds."},
          {"Count", "count", Kind::Integer, false, nullptr, "statutory_recommendations: how many."},
          {"Year", "year", Kind::Text, false, nullptr, "audit_opinion and accounts_published: the accounts' year, like 2022/23."},
          {"Opinion", "opinion", Kind::Choice, false, &kOpinions, "audit_opinion."},
          {"Deadline", "deadline", Kind::Day, false, nullptr, "accounts_published: the date they were due."},
          {"Body", "body", Kind::Text, false, nullptr, "inspection: who inspected (Ofsted, CQC, Care Inspectorate Wales)."},
          {"Service", "service", Kind::Text, false, nullptr, "inspection: the service inspected."},
          {"Rating", "rating", Kind::Choice, false, &kRatings, "inspection."},
          {"Role", "role", Kind::Choice, false, &kRoles, "leadership_change: whose post changed hands."}}},
        {"You said", "you_said_we_did/you_said", nullptr, nullptr, false, "You said, we did: the consultation's headline results, one a row.",
         {{"Result", ".", Kind::Text, true}}},
        {"We did", "you_said_we_did/we_did", nullptr, nullptr, false, "You said, we did: what the council decided, one a row.",
         {{"Decision", ".", Kind::Text, true}}},
        {"Similar councils", "neighbours/councils", nullptr, nullptr, false,
         "The similar councils, one a row, in the order their figures are given on the next two sheets.",
         {{"Council", ".", Kind::Text}}},
        {"Compared indicators", "neighbours/indicators", nullptr, nullptr, false,
         "Indicators compared with the similar councils: a budget's indicator id a row, with each council's figure in order.",
         {{"Indicator", "", Kind::Id, false, nullptr, "The id of an indicator in the council's budget."},
          {"Year", "year", Kind::Text, false, nullptr, "The figures' financial year, like 2024/25."},
          {"Similar councils' figures", "values", Kind::FigureList, false, nullptr,
           "One figure for each similar council, in order, separated by commas; n/a where one published none."},
          {"National median", "national_median", Kind::Number, false, nullptr, "Optional: England's (or Wales') median."}},
         true},
        {"Service costs", "neighbours/service_costs", nullptr, nullptr, false,
         "What a service costs a resident here and at the similar councils: a budget's service id a row.",
         {{"Service", "", Kind::Id, false, nullptr, "The id of a service in the council's budget."},
          {"Year", "year", Kind::Text, false, nullptr, "The figures' financial year, like 2024/25."},
          {"This council", "council", Kind::Number, false, nullptr, "Pounds a resident."},
          {"Similar councils' figures", "values", Kind::FigureList, false, nullptr,
           "Pounds a resident for each similar council, in order, separated by commas; n/a where one published none."}},
         true},
        {"Self-assessment", "self_assessment", nullptr, nullptr, false,
         "Optional: the council's own rating of each service group, shown beside residents' ratings: a budget's group id a row.",
         {{"Service group", "", Kind::Id, false, nullptr, "The id of a service group in the council's budget."},
          {"Rating", "rating", Kind::Choice, false, &kSelfRatings},
          {"Summary", "summary", Kind::Text, true, nullptr, "A sentence on why."},
          {"Assessed on", "assessed_on", Kind::Day, false, nullptr, "When the council made this rating."}},
         true},
        {"Thresholds", "thresholds", nullptr, nullptr, false,
         "Optional: the profile's own thresholds for a warning sign, in the sign's unit (docs/accountability.md); empty keeps the default.",
         {{"Signal", "", Kind::Id, false, nullptr, "A sign's id, like debt.to_spending."},
          {"Amber", "amber", Kind::Number}, {"Red", "red", Kind::Number}},
         true},
    };
    return s;
}

bool welsh_council(const json& profile) { return profile.contains("kind") && profile["kind"] == "welsh_principal"; }

void check_profile(const std::string& text, Problems& problems, Problems& warnings) {
    ProfileLoad load = load_profile(text);
    problems = std::move(load.problems);
    warnings = std::move(load.warnings);
}

const DocumentSpec& profile_spec() {
    static const DocumentSpec spec{"council profile", kProfileSheet,
                                   "The council, the date its figures are current to, and \"you said, we did\": one field a row.",
                                   &profile_fields(), &profile_lists(), kProfileFormat, kProfileFormatVersion,
                                   welsh_council, check_profile, false};
    return spec;
}

}  // namespace

Book profile_to_book(const json& profile) { return document_to_book(profile, profile_spec()); }

BookImport book_to_profile(const Book& book) { return book_to_document(book, profile_spec()); }

}  // namespace budget::sheets
