// The council budget model: what a budget file describes, after loading and checking.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "local_text.h"
#include "money.h"

namespace budget {

enum class CouncilKind { EnglishCounty, EnglishDistrict, EnglishUnitary, EnglishMetropolitan, LondonBorough, WelshPrincipal };
enum class Nation { England, Wales };
Nation nation_of(CouncilKind kind);
const char* council_kind_id(CouncilKind kind);

// Council tax band ratio to Band D, in ninths (A = 6/9 ... H = 18/9, Wales I = 21/9).
struct Band { char letter; int ninths; };

struct CouncilTaxCap {
    bool capped = true;                  // false: no referendum limit (Wales)
    BasisPoints core_limit_bp = 0;       // e.g. 299 for "below 3%"
    Pence core_limit_pounds_alternative = 0;  // shire districts: the higher of the % or £5 on Band D
    BasisPoints adult_social_care_bp = 0;     // social care precept, where the council may levy it
};

struct CouncilTax {
    std::int64_t tax_base_hundredths = 0;  // Band D equivalents × 100
    Pence band_d = 0;                      // this council's Band D charge (its own element)
    std::vector<Band> bands;               // by nation
    CouncilTaxCap cap;
    BasisPoints lever_min_bp = 0, lever_max_bp = 0, lever_step_bp = 0, lever_default_bp = 0;
    // The values the resident's slider stops at (ascending, each on a step, the default among them),
    // so a person can hit the referendum limit; empty: every step.
    std::vector<BasisPoints> lever_stops;
};

enum class FundingKind { Grant, BusinessRates, Reserves, Other };
struct FundingLine {
    std::string id;
    LocalText name;
    FundingKind kind = FundingKind::Grant;
    Pence amount = 0;
};

struct Group {
    std::string id;
    LocalText name;
};

struct ConsequenceBand {
    BasisPoints from_bp = 0;  // applies from here up to the next band's from_bp
    LocalText text;
};

struct Service {
    std::string id;
    std::string group_id;
    std::size_t group = 0;  // index into Budget::groups
    LocalText name;
    LocalText description;
    Pence baseline = 0;  // net spend
    bool locked = false;
    LocalText locked_reason;
    BasisPoints min_bp = 0, max_bp = 0, step_bp = 100;
    std::vector<ConsequenceBand> consequences;
    std::string unit_label;  // optional, for the receipt
};

enum class Risk { Low, Medium, High };
const char* risk_id(Risk r);

struct KpiEffect {
    std::size_t kpi = 0;
    Milli change = 0;
};

struct EfficiencyOption {
    std::string id;
    LocalText name;
    LocalText description;
    std::optional<std::size_t> service;  // the service the saving comes from, if any
    Pence saving = 0;                    // recurring, per year
    Pence one_off_cost = 0;              // paid in the budget year
    Risk risk = Risk::Low;
    std::vector<KpiEffect> kpi_effects;
};

enum class IncomeKind { FeesAndCharges, Commercial, Other };
struct IncomeOption {
    std::string id;
    LocalText name;
    LocalText description;
    IncomeKind kind = IncomeKind::FeesAndCharges;
    Pence yield = 0;
    std::vector<KpiEffect> kpi_effects;
};

enum class KpiGroup { Perception, Cost, Outcome };
const char* kpi_group_id(KpiGroup g);
enum class Polarity { HigherIsBetter, LowerIsBetter };
enum class Rag { Red, Amber, Green };
const char* rag_id(Rag r);

struct KpiYear { std::string year; Milli value = 0; };

// How an indicator responds to spending on one service: `per_percent` units per 1% change,
// with diminishing returns (half-saturation at `half_saturation_bp`), capped at ±max_effect.
struct KpiResponse {
    std::size_t service = 0;
    Milli per_percent = 0;
    BasisPoints half_saturation_bp = 1000;
    Milli max_effect = 0;
};

struct Kpi {
    std::string id;
    KpiGroup group = KpiGroup::Outcome;
    LocalText name;
    LocalText description;
    std::string unit;  // "percent", "pounds", "days", "count", "rate_per_1000", "score"
    int decimals = 1;
    Polarity polarity = Polarity::HigherIsBetter;
    std::vector<KpiYear> history;  // oldest first; the last is the current value
    std::optional<Milli> target;
    Milli green = 0;  // at or better than this is green
    Milli amber = 0;  // at or better than this (but not green) is amber; else red
    LocalText comparator_group;
    Milli comparator_lower_quartile = 0, comparator_median = 0, comparator_upper_quartile = 0;
    std::vector<KpiResponse> responses;
    std::optional<Milli> floor, ceiling;  // physical bounds (e.g. 0..100 for a percentage)
};

struct DemographicQuestion {
    std::string id;
    LocalText label;
    std::vector<std::pair<std::string, LocalText>> options;  // id, label
};

enum class BalanceRule { MustBalance, MayBeUnbalanced };
// Whether published comments wait for an officer's check, or go out at once (and may be hidden after).
enum class CommentModeration { BeforePublishing, AfterPublishing };

// The council's brand, from the budget file: a colour the app's theme uses where contrast allows
// (checked at load) and a small logo served beside the site.
struct Brand {
    std::optional<std::uint32_t> colour;  // 0xRRGGBB
    bool colour_for_text = false;         // white words on it reach 4.5:1 (a filled bar, the chosen tab)
    bool colour_for_controls = false;     // against the page and a white field it reaches 3:1 (slider grabs, ticks)
    std::string logo;                     // a path below the site ("logos/eastbrook.svg"), or empty
    // Sets the colour and decides, by its contrast, where it may be used (loader and pack alike).
    void set_colour(std::uint32_t rgb);
    double on_white_words = 0, on_page = 0;  // its contrast ratios, set with it
};

constexpr std::uint32_t kPageBackground = 0xF5F5F5;  // the app's page colour (wasm/main_web.cpp's theme)

// WCAG 2.2 contrast ratio of two sRGB colours (0xRRGGBB), from 1 to 21.
double contrast_ratio(std::uint32_t a, std::uint32_t b);

// The council's finances and warning signs as the annual report page words them, for the app: the
// collector fills it from the budget's profile with core/accountability's judgement (both languages),
// and packs it, so the app shows the same figures and signs without a JSON parser or the thresholds.
struct AccountabilityDigest {
    struct Row {
        LocalText label;
        std::vector<LocalText> values;  // one per year, as shown ("£312m", or "not known")
        LocalText change;               // "+4.2% since 2021/22", or empty
    };
    struct Sign {
        std::string id;  // warning_signs' stable id, e.g. "reserves.runway"
        bool red = false;
        LocalText title, words;
    };
    struct Unknown {
        LocalText title, needs;
    };
    // An indicator beside the profile's similar councils, as core/accountability's benchmark found it.
    struct Comparison {
        std::string kpi;                // the indicator's id
        std::string year, own_year;     // the neighbours' year; the year of the council's own figure
        LocalText words;                // "slightly worse", or empty where there are none
        Milli median = 0;               // to the nearest thousandth
        std::vector<std::optional<Milli>> figures;  // in the order of `neighbours`; none where not published
        std::optional<Milli> national_median;
    };
    // A service's cost a resident here and at similar councils (pounds, in thousandths).
    struct ServiceCost {
        std::string service;  // the service's id
        std::string year;
        Milli council = 0;
        std::optional<Milli> median;  // of the neighbours that published one
    };
    // The council's own rating of a service group (the profile's self_assessment), in words.
    struct OwnRating {
        std::string group;  // the service group's id
        LocalText rating, summary, assessed_on;
    };
    LocalText judged_on;  // the date the signs were worked out for ("7 December 2026")
    bool illustrative = false;
    std::vector<std::string> years;  // "2022/23", ...
    std::vector<Row> rows;
    std::vector<Sign> signs;
    std::vector<Unknown> unknown;
    std::string neighbour_group;          // "CIPFA nearest neighbours"; empty when the profile names none
    std::vector<std::string> neighbours;  // their names, in the profile's order
    std::vector<Comparison> comparisons;
    std::vector<ServiceCost> service_costs;
    std::vector<OwnRating> self_assessment;  // in the budget's order of groups
};

// A year: long enough for a council to report back, answer challenges and reopen a consultation
// that was cut short; no longer than its results need the personal data behind them.
constexpr std::int64_t kDefaultRetainDays = 365;

struct Budget {
    std::string id;
    std::int64_t version = 1;
    bool illustrative = false;
    LocalText notice;
    std::vector<std::string> languages;  // "en", optionally "cy"

    LocalText council_name;
    CouncilKind kind = CouncilKind::EnglishUnitary;
    std::string financial_year;
    std::int64_t population = 0;
    std::string profile;  // the council's profile (budgets/councils/ID.json), when it names one
    Brand brand;

    CouncilTax council_tax;
    std::vector<FundingLine> funding;
    Pence total_net_budget = 0;  // sum of service baselines
    Pence gap_to_close = 0;      // spend minus funding at baseline: the savings target
    BalanceRule balance_rule = BalanceRule::MustBalance;
    bool results_public = false;
    bool codes_required = false;   // each response needs a one-time voter code (as a ballot may)
    bool comments_public = false;  // with public results: residents' comments are published too (unless hidden by moderation)
    CommentModeration comment_moderation = CommentModeration::BeforePublishing;
    std::optional<std::int64_t> opens_at, closes_at;  // when responses are taken: Unix seconds, UTC (none: no limit)
    // Days after the close that comments, personal answers and voter codes are kept; then the
    // collector purges them (the aggregates stay).
    std::int64_t retain_days = kDefaultRetainDays;
    LocalText privacy_notice_url;

    std::vector<Group> groups;
    std::vector<Service> services;
    std::vector<EfficiencyOption> efficiencies;
    std::vector<IncomeOption> incomes;
    std::vector<Kpi> kpis;
    std::vector<DemographicQuestion> demographics;
    std::optional<AccountabilityDigest> accountability;  // set by the collector when the budget names a profile

    // Id lookups (hashed; built by build_index(), which the loader calls).
    void build_index();
    std::optional<std::size_t> find_service(const std::string& id) const;
    std::optional<std::size_t> find_efficiency(const std::string& id) const;
    std::optional<std::size_t> find_income(const std::string& id) const;
    std::optional<std::size_t> find_kpi(const std::string& id) const;

    Pence baseline_council_tax_income() const;
    Pence baseline_funding() const;  // funding lines plus council tax

private:
    std::vector<std::size_t> service_index_, efficiency_index_, income_index_, kpi_index_;  // positions in order of id
};

// Council tax income for a Band D charge over the budget's tax base, to the penny.
Pence council_tax_income(const CouncilTax& ct, Pence band_d);

}  // namespace budget
