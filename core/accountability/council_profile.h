// A council's profile (budgets/councils/ID.json): its yearly finances, dated governance events and
// "you said, we did", each with its source. Amounts are exact pence; an absent amount is unknown.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "budget.h"
#include "calendar_date.h"
#include "local_text.h"
#include "money.h"
#include "problem.h"

namespace budget {

constexpr const char* kProfileFormat = "council-profile";
constexpr int kProfileFormatVersion = 1;

// The yearly amounts, in the order of the format's field names (finance_field_name).
enum class FinanceField {
    NetRevenueExpenditure,
    UsableReservesUnallocated,
    UsableReservesEarmarked,
    GrossExternalDebt,
    FinancingCosts,
    CouncilTaxRequirement,
    FeesAndCharges,
    SocialCareSpend,
    SavingsPlanned,
    SavingsDelivered,
    OutturnVariance,
    ReservesUsedToBalance,
};
constexpr std::size_t kFinanceFields = 12;
const char* finance_field_name(FinanceField f);  // "net_revenue_expenditure", ...

struct FinanceYear {
    std::string year;     // "2022/23"
    int start_year = 0;   // 2022
    std::string source;   // a URL or a document's name
    std::string note;     // optional, in English: which figure comes from where
    std::array<std::optional<Pence>, kFinanceFields> amounts;
    const std::optional<Pence>& operator[](FinanceField f) const { return amounts[static_cast<std::size_t>(f)]; }
};

enum class EventKind {
    S114,
    ExceptionalFinancialSupport,
    Intervention,
    PublicInterestReport,
    StatutoryRecommendations,
    AuditOpinion,
    AccountsPublished,
    VfmSignificantWeakness,
    Inspection,
    LeadershipChange,
};
const char* event_kind_name(EventKind k);  // "s114", "exceptional_financial_support", ...

enum class AuditOpinion { Unqualified, Qualified, Adverse, Disclaimer };
const char* audit_opinion_name(AuditOpinion o);
enum class InspectionRating { Outstanding, Good, RequiresImprovement, Inadequate };
const char* inspection_rating_name(InspectionRating r);
enum class LeadershipRole { ChiefExecutive, S151Officer, Leader };
const char* leadership_role_name(LeadershipRole r);

struct GovernanceEvent {
    EventKind kind = EventKind::S114;
    std::optional<CalendarDate> date;  // absent only for accounts not yet published
    std::string source;
    LocalText summary;                      // optional words on what happened
    std::optional<Pence> amount;            // exceptional_financial_support
    std::optional<std::int64_t> count;      // statutory_recommendations
    std::string year;                       // audit_opinion, accounts_published: "2022/23"
    std::optional<AuditOpinion> opinion;    // audit_opinion
    std::optional<CalendarDate> deadline;   // accounts_published
    std::string body, service;              // inspection ("Ofsted", "children's services")
    std::optional<InspectionRating> rating; // inspection
    std::optional<LeadershipRole> role;     // leadership_change
};

struct YouSaidWeDid {
    LocalText consultation;         // which consultation
    CalendarDate decided_on;        // the date of the decision
    std::string source;
    std::vector<LocalText> you_said;  // the headline results
    std::vector<LocalText> we_did;    // what the council decided
};

// The council's own rating of a service group, beside residents' ratings (keyed by the group's id in
// the council's budget): a rating on a fixed scale, a sentence saying why, and when it was made.
enum class SelfRating { Excellent, Good, Adequate, Unsatisfactory };
const char* self_rating_id(SelfRating r);     // "excellent", "good", "adequate", "unsatisfactory"
const char* self_rating_words(SelfRating r);  // English, marked for the catalogues: "Excellent", ...
struct SelfAssessment {
    SelfRating rating = SelfRating::Good;
    LocalText summary;
    CalendarDate assessed_on;
};

// A threshold the profile sets for itself, in hundredths of the signal's unit (years, percent,
// times, or events); absent ones keep the project's defaults (warning_signs.h).
struct ThresholdOverride {
    std::optional<std::int64_t> amber, red;
};

// Similar councils, by name, and their published figures: for each compared indicator (a budget's
// indicator id) and each service's cost a resident, one figure per council in `councils`' order,
// none where a council published none. Figures are exact thousandths.
struct NeighbourFigures {
    std::string year;                        // "2024/25"
    std::vector<std::optional<Milli>> values;
    std::optional<Milli> national_median;    // England's (or Wales') median
};
struct NeighbourCosts {
    std::string year;
    Milli council = 0;                       // this council's pounds a resident
    std::vector<std::optional<Milli>> values;
};
struct Neighbours {
    std::string group;   // "CIPFA nearest neighbours"
    std::string method;  // how they were chosen
    std::string source;
    std::vector<std::string> councils;
    std::map<std::string, NeighbourFigures> indicators;
    std::map<std::string, NeighbourCosts> service_costs;
};

struct CouncilProfile {
    std::string id;
    LocalText name;
    CouncilKind kind = CouncilKind::EnglishUnitary;
    std::optional<std::int64_t> population;
    CalendarDate as_of;
    bool illustrative = false;  // figures made up for an example, not a real council's
    std::vector<FinanceYear> finance;  // oldest first (the loader sorts them)
    bool has_governance = false;       // a governance list, even empty, says every event is listed
    std::vector<GovernanceEvent> governance;
    std::optional<YouSaidWeDid> you_said_we_did;
    std::map<std::string, ThresholdOverride> thresholds;
    std::optional<Neighbours> neighbours;
    std::map<std::string, SelfAssessment> self_assessment;  // by service group id

    const FinanceYear* year_starting(int start_year) const;
};

struct ProfileLoad {
    std::optional<CouncilProfile> profile;
    Problems problems;  // codes "profile.*" (and "json.*"), located LINE:COL with a JSON pointer
    Problems warnings;
};

ProfileLoad load_profile(std::string text);

}  // namespace budget
