// Loading a council profile: every problem in one pass, each at its LINE:COL and JSON pointer.
#include "council_profile.h"

#include <algorithm>
#include <set>
#include <utility>

#include "budget_loader.h"
#include "catalogue_mark.h"
#include "json_document.h"
#include "json_reader.h"

namespace budget {

namespace {

using json_reading::Reader;
using nlohmann::json;

constexpr std::pair<const char*, FinanceField> kFinanceNames[] = {
    {"net_revenue_expenditure", FinanceField::NetRevenueExpenditure},
    {"usable_reserves_unallocated", FinanceField::UsableReservesUnallocated},
    {"usable_reserves_earmarked", FinanceField::UsableReservesEarmarked},
    {"gross_external_debt", FinanceField::GrossExternalDebt},
    {"financing_costs", FinanceField::FinancingCosts},
    {"council_tax_requirement", FinanceField::CouncilTaxRequirement},
    {"fees_and_charges", FinanceField::FeesAndCharges},
    {"social_care_spend", FinanceField::SocialCareSpend},
    {"savings_planned", FinanceField::SavingsPlanned},
    {"savings_delivered", FinanceField::SavingsDelivered},
    {"outturn_variance", FinanceField::OutturnVariance},
    {"reserves_used_to_balance", FinanceField::ReservesUsedToBalance},
};

constexpr std::pair<const char*, EventKind> kEventNames[] = {
    {"s114", EventKind::S114},
    {"exceptional_financial_support", EventKind::ExceptionalFinancialSupport},
    {"intervention", EventKind::Intervention},
    {"public_interest_report", EventKind::PublicInterestReport},
    {"statutory_recommendations", EventKind::StatutoryRecommendations},
    {"audit_opinion", EventKind::AuditOpinion},
    {"accounts_published", EventKind::AccountsPublished},
    {"vfm_significant_weakness", EventKind::VfmSignificantWeakness},
    {"inspection", EventKind::Inspection},
    {"leadership_change", EventKind::LeadershipChange},
};

class ProfileLoader {
public:
    ProfileLoader(const JsonDocument& doc, Problems& problems) : r(doc, problems, "profile") {}

    CouncilProfile load(const json& root, Problems& warnings) {
        r.check_fields(root, "", {"$schema", "format", "format_version", "id", "name", "kind", "population", "as_of", "illustrative",
                                  "finance", "governance", "you_said_we_did", "thresholds", "neighbours", "self_assessment"});
        if (auto f = r.string(root, "", "format"); f && *f != kProfileFormat)
            r.add("profile.wrong_format", "/format", std::string("expected \"") + kProfileFormat + "\", found \"" + *f + "\"");
        if (auto v = r.integer(root, "", "format_version", true, 0, 1'000'000); v && *v != kProfileFormatVersion)
            r.add("profile.unsupported_version", "/format_version",
                  "format_version " + std::to_string(*v) + " is not supported; this build reads version " +
                      std::to_string(kProfileFormatVersion));
        if (auto id = r.id(root, "")) p.id = *id;
        if (auto k = read_council_kind(r, root, "")) p.kind = *k;
        r.welsh = p.kind == CouncilKind::WelshPrincipal;  // words for residents in Welsh too
        p.name = r.text(root, "", "name");
        if (auto n = r.integer(root, "", "population", false, 1, 100'000'000)) p.population = *n;
        if (auto d = date(root, "", "as_of", true)) p.as_of = *d;
        if (auto i = r.boolean(root, "", "illustrative")) p.illustrative = *i;
        r.each_object(root, "finance", false, [&](const json& item, const std::string& at) { finance_year(item, at); });
        std::sort(p.finance.begin(), p.finance.end(), [](const FinanceYear& a, const FinanceYear& b) { return a.start_year < b.start_year; });
        p.has_governance = root.contains("governance");
        r.each_object(root, "governance", false, [&](const json& item, const std::string& at) { event(item, at); });
        if (const json* y = r.object(root, "", "you_said_we_did", false)) you_said_we_did(*y);
        if (const json* t = r.object(root, "", "thresholds", false)) thresholds(*t, warnings);
        if (const json* n = r.object(root, "", "neighbours", false)) neighbours(*n);
        if (const json* a = r.object(root, "", "self_assessment", false)) self_assessment(*a);
        return std::move(p);
    }

private:
    std::optional<CalendarDate> date(const json& obj, const std::string& ptr, const char* key, bool required) {
        auto s = r.string(obj, ptr, key, required);
        if (!s) return std::nullopt;
        auto d = parse_date(*s);
        if (!d) r.add("profile.bad_date", ptr + "/" + key, "expected a date such as \"2023-09-05\"");
        return d;
    }

    std::optional<int> year(const json& obj, const std::string& ptr, bool required) {
        auto s = r.string(obj, ptr, "year", required);
        if (!s) return std::nullopt;
        auto y = parse_financial_year(*s);
        if (!y) r.add("profile.bad_year", ptr + "/year", "expected a financial year such as \"2022/23\"");
        return y;
    }

    std::string source(const json& obj, const std::string& ptr) {
        auto s = r.string(obj, ptr, "source");
        if (s && s->find_first_not_of(" \t") == std::string::npos) {
            r.add("profile.empty_source", ptr + "/source", "name where the figure comes from: a URL or a document");
            return {};
        }
        return s.value_or("");
    }

    void finance_year(const json& item, const std::string& at) {
        std::vector<const char*> allowed{"year", "source", "note"};
        for (const auto& [name, field] : kFinanceNames) allowed.push_back(name);
        for (auto it = item.begin(); it != item.end(); ++it)
            if (std::find_if(allowed.begin(), allowed.end(), [&](const char* a) { return it.key() == a; }) == allowed.end())
                r.add("profile.unknown_field", at + "/" + pointer_token(it.key()), "unknown field \"" + it.key() + "\"");
        FinanceYear y;
        const auto start = year(item, at, true);
        y.source = source(item, at);
        y.note = r.string(item, at, "note", false).value_or("");
        for (const auto& [name, field] : kFinanceNames) {
            const bool signed_amount = field == FinanceField::OutturnVariance;
            y.amounts[static_cast<std::size_t>(field)] = r.money(item, at, name, false, signed_amount);
        }
        if (!start) return;
        y.start_year = *start;
        y.year = financial_year_name(*start);
        if (!years_.insert(*start).second) {
            r.add("profile.duplicate_year", at + "/year", "the year " + y.year + " is given twice");
            return;
        }
        p.finance.push_back(std::move(y));
    }

    void event(const json& item, const std::string& at) {
        GovernanceEvent e;
        std::initializer_list<std::pair<const char*, EventKind>> kinds{
            kEventNames[0], kEventNames[1], kEventNames[2], kEventNames[3], kEventNames[4],
            kEventNames[5], kEventNames[6], kEventNames[7], kEventNames[8], kEventNames[9]};
        const auto kind = r.choice<EventKind>(item, at, "kind", kinds);
        if (!kind) return;
        e.kind = *kind;
        e.source = source(item, at);
        if (item.contains("summary")) e.summary = r.text(item, at, "summary");
        e.date = date(item, at, "date", e.kind != EventKind::AccountsPublished);
        switch (e.kind) {
            case EventKind::ExceptionalFinancialSupport:
                r.check_fields(item, at, {"kind", "date", "source", "summary", "amount"});
                e.amount = r.money(item, at, "amount", false);
                break;
            case EventKind::StatutoryRecommendations:
                r.check_fields(item, at, {"kind", "date", "source", "summary", "count"});
                e.count = r.integer(item, at, "count", false, 1, 1000);
                break;
            case EventKind::AuditOpinion:
                r.check_fields(item, at, {"kind", "date", "source", "summary", "year", "opinion"});
                if (auto y = year(item, at, true)) e.year = financial_year_name(*y);
                e.opinion = r.choice<AuditOpinion>(item, at, "opinion",
                                                   {{"unqualified", AuditOpinion::Unqualified}, {"qualified", AuditOpinion::Qualified},
                                                    {"adverse", AuditOpinion::Adverse}, {"disclaimer", AuditOpinion::Disclaimer}});
                if (!e.opinion) return;
                break;
            case EventKind::AccountsPublished:
                r.check_fields(item, at, {"kind", "date", "source", "summary", "year", "deadline"});
                if (auto y = year(item, at, true)) e.year = financial_year_name(*y);
                e.deadline = date(item, at, "deadline", true);
                if (!e.deadline) return;
                break;
            case EventKind::Inspection:
                r.check_fields(item, at, {"kind", "date", "source", "summary", "body", "service", "rating"});
                e.body = r.string(item, at, "body").value_or("");
                e.service = r.string(item, at, "service").value_or("");
                e.rating = r.choice<InspectionRating>(item, at, "rating",
                                                      {{"outstanding", InspectionRating::Outstanding}, {"good", InspectionRating::Good},
                                                       {"requires_improvement", InspectionRating::RequiresImprovement},
                                                       {"inadequate", InspectionRating::Inadequate}});
                if (!e.rating) return;
                break;
            case EventKind::LeadershipChange:
                r.check_fields(item, at, {"kind", "date", "source", "summary", "role"});
                e.role = r.choice<LeadershipRole>(item, at, "role",
                                                  {{"chief_executive", LeadershipRole::ChiefExecutive},
                                                   {"s151_officer", LeadershipRole::S151Officer}, {"leader", LeadershipRole::Leader}});
                if (!e.role) return;
                break;
            default:
                r.check_fields(item, at, {"kind", "date", "source", "summary"});
        }
        if (!e.date && e.kind != EventKind::AccountsPublished) return;
        p.governance.push_back(std::move(e));
    }

    void you_said_we_did(const json& y) {
        const std::string at = "/you_said_we_did";
        r.check_fields(y, at, {"consultation", "decided_on", "source", "you_said", "we_did"});
        YouSaidWeDid out;
        out.consultation = r.text(y, at, "consultation");
        const auto decided = date(y, at, "decided_on", true);
        out.source = source(y, at);
        auto texts = [&](const char* key, std::vector<LocalText>& into) {
            const json* list = r.array(y, at, key);
            if (!list) return;
            for (std::size_t i = 0; i < list->size(); ++i) into.push_back(text_item((*list)[i], Reader::at(at + "/" + key, i)));
            if (list->empty()) r.add("profile.empty_list", at + "/" + key, "say at least one thing");
        };
        texts("you_said", out.you_said);
        texts("we_did", out.we_did);
        if (!decided) return;
        out.decided_on = *decided;
        p.you_said_we_did = std::move(out);
    }

    // One item of a list of words: a string, or {"en": ..., "cy": ...}.
    LocalText text_item(const json& v, const std::string& at) {
        LocalText t;
        if (v.is_string()) {
            t.en = v.get<std::string>();
        } else if (r.expect(v, at, v.is_object(), "a string or an object with \"en\" and \"cy\"")) {
            t.en = r.string(v, at, "en").value_or("");
            t.cy = r.string(v, at, "cy", false).value_or("");
            r.check_fields(v, at, {"en", "cy"});
        }
        if (r.welsh && t.cy.empty() && (v.is_string() || v.is_object()))
            r.add("profile.missing_translation", at, "Welsh text (\"cy\") is required in a Welsh council's profile");
        return t;
    }

    // One figure for each similar council, in their order; null where one published none.
    std::vector<std::optional<Milli>> figures(const json& obj, const std::string& at, std::size_t councils) {
        std::vector<std::optional<Milli>> out;
        const json* values = r.array(obj, at, "values");
        if (!values) return out;
        if (values->size() != councils) {
            r.add("profile.neighbour_values", at + "/values",
                  "expected " + std::to_string(councils) + " figures, one for each similar council in order (null where one published none), found " +
                      std::to_string(values->size()));
            return out;
        }
        for (std::size_t i = 0; i < values->size(); ++i) {
            const json& v = (*values)[i];
            const std::string here = at + "/values/" + std::to_string(i);
            if (v.is_null()) out.emplace_back(std::nullopt);
            else if (r.expect(v, here, v.is_number(), "a number, or null")) out.emplace_back(r.milli_value(v, here));
            else out.emplace_back(std::nullopt);
        }
        return out;
    }

    void neighbours(const json& n) {
        const std::string at = "/neighbours";
        r.check_fields(n, at, {"group", "method", "source", "councils", "indicators", "service_costs"});
        Neighbours out;
        out.group = r.string(n, at, "group").value_or("");
        out.method = r.string(n, at, "method", false).value_or("");
        out.source = source(n, at);
        if (const json* councils = r.array(n, at, "councils")) {
            std::set<std::string> seen;
            for (std::size_t i = 0; i < councils->size(); ++i) {
                const json& c = (*councils)[i];
                const std::string here = at + "/councils/" + std::to_string(i);
                if (!r.expect(c, here, c.is_string() && !c.get<std::string>().empty(), "a council's name")) continue;
                if (!seen.insert(c.get<std::string>()).second) r.add("profile.duplicate_neighbour", here, "\"" + c.get<std::string>() + "\" is named twice");
                out.councils.push_back(c.get<std::string>());
            }
            if (councils->empty()) r.add("profile.no_neighbours", at + "/councils", "name at least one similar council");
        }
        const std::size_t count = out.councils.size();
        if (const json* indicators = r.object(n, at, "indicators", false)) {
            for (auto it = indicators->begin(); it != indicators->end(); ++it) {
                const std::string here = at + "/indicators/" + pointer_token(it.key());
                if (!r.expect(it.value(), here, it.value().is_object(), "an object with \"year\" and \"values\"")) continue;
                r.check_fields(it.value(), here, {"year", "values", "national_median"});
                NeighbourFigures f;
                if (const auto y = year(it.value(), here, true)) f.year = financial_year_name(*y);
                f.values = figures(it.value(), here, count);
                if (it.value().contains("national_median")) f.national_median = r.milli(it.value(), here, "national_median");
                out.indicators.emplace(it.key(), std::move(f));
            }
        }
        if (const json* costs = r.object(n, at, "service_costs", false)) {
            for (auto it = costs->begin(); it != costs->end(); ++it) {
                const std::string here = at + "/service_costs/" + pointer_token(it.key());
                if (!r.expect(it.value(), here, it.value().is_object(), "an object with \"year\", \"council\" and \"values\"")) continue;
                r.check_fields(it.value(), here, {"year", "council", "values"});
                NeighbourCosts c;
                if (const auto y = year(it.value(), here, true)) c.year = financial_year_name(*y);
                c.council = r.milli(it.value(), here, "council").value_or(0);
                c.values = figures(it.value(), here, count);
                out.service_costs.emplace(it.key(), std::move(c));
            }
        }
        p.neighbours = std::move(out);
    }

    // {"waste": {"rating": "good", "summary": "..." or {"en", "cy"}, "assessed_on": "2025-03-31"}}
    void self_assessment(const json& a) {
        for (auto it = a.begin(); it != a.end(); ++it) {
            const std::string here = "/self_assessment/" + pointer_token(it.key());
            if (!r.expect(it.value(), here, it.value().is_object(), "an object with \"rating\", \"summary\" and \"assessed_on\"")) continue;
            r.check_fields(it.value(), here, {"rating", "summary", "assessed_on"});
            SelfAssessment s;
            bool ok = true;
            if (const auto rating = r.string(it.value(), here, "rating")) {
                bool known = false;
                for (const SelfRating each : {SelfRating::Excellent, SelfRating::Good, SelfRating::Adequate, SelfRating::Unsatisfactory})
                    if (*rating == self_rating_id(each)) { s.rating = each; known = true; }
                if (!known) {
                    r.add("profile.bad_self_rating", here + "/rating", "rating is one of excellent, good, adequate or unsatisfactory");
                    ok = false;
                }
            } else {
                ok = false;
            }
            if (const json* summary = it.value().contains("summary") ? &it.value()["summary"] : nullptr)
                s.summary = text_item(*summary, here + "/summary");
            else { r.add("profile.missing_field", here + "/summary", "missing required field \"summary\""); ok = false; }
            const auto on = date(it.value(), here, "assessed_on", true);
            if (!on) ok = false;
            else s.assessed_on = *on;
            if (ok) p.self_assessment.emplace(it.key(), std::move(s));
        }
    }

    void thresholds(const json& t, Problems& warnings) {
        static const std::set<std::string> known{"reserves.runway", "reserves.level", "reserves.falling", "debt.to_spending",
                                                 "debt.financing_costs", "budget.overspend", "budget.savings_delivery",
                                                 "audit.accounts_late", "leadership.churn"};
        for (auto it = t.begin(); it != t.end(); ++it) {
            const std::string at = "/thresholds/" + pointer_token(it.key());
            if (!known.count(it.key())) {
                r.add("profile.unknown_threshold", at,
                      "no signal \"" + it.key() + "\" has a threshold to set (see docs/accountability.md)");
                continue;
            }
            if (!r.expect(it.value(), at, it.value().is_object(), "an object with \"amber\" and/or \"red\"")) continue;
            r.check_fields(it.value(), at, {"amber", "red"});
            ThresholdOverride o;
            auto value = [&](const char* key) -> std::optional<std::int64_t> {
                const json* v = r.member(it.value(), at, key, false);
                if (!v || !r.expect(*v, at + "/" + key, v->is_number(), "a number")) return std::nullopt;
                const auto h = json_reading::scaled(*v, 100, 1e9);
                if (!h || *h < 0) {
                    r.add("profile.bad_threshold", at + "/" + key, "a number from 0 with at most two decimal places");
                    return std::nullopt;
                }
                return h;
            };
            o.amber = value("amber");
            o.red = value("red");
            p.thresholds[it.key()] = o;
        }
        (void)warnings;
    }

    Reader r;
    CouncilProfile p;
    std::set<int> years_;
};

}  // namespace

const char* finance_field_name(FinanceField f) { return kFinanceNames[static_cast<std::size_t>(f)].first; }
const char* event_kind_name(EventKind k) { return kEventNames[static_cast<std::size_t>(k)].first; }

const char* audit_opinion_name(AuditOpinion o) {
    static constexpr const char* kNames[] = {"unqualified", "qualified", "adverse", "disclaimer"};
    return kNames[static_cast<int>(o)];
}
const char* inspection_rating_name(InspectionRating r) {
    static constexpr const char* kNames[] = {"outstanding", "good", "requires_improvement", "inadequate"};
    return kNames[static_cast<int>(r)];
}
const char* leadership_role_name(LeadershipRole r) {
    static constexpr const char* kNames[] = {"chief_executive", "s151_officer", "leader"};
    return kNames[static_cast<int>(r)];
}

const char* self_rating_id(SelfRating r) {
    switch (r) {
        case SelfRating::Excellent: return "excellent";
        case SelfRating::Good: return "good";
        case SelfRating::Adequate: return "adequate";
        case SelfRating::Unsatisfactory: break;
    }
    return "unsatisfactory";
}

const char* self_rating_words(SelfRating r) {
    switch (r) {
        case SelfRating::Excellent: return N_("Excellent");
        case SelfRating::Good: return N_("Good");
        case SelfRating::Adequate: return N_("Adequate");
        case SelfRating::Unsatisfactory: break;
    }
    return N_("Unsatisfactory");
}

const FinanceYear* CouncilProfile::year_starting(int start_year) const {
    for (const FinanceYear& y : finance)
        if (y.start_year == start_year) return &y;
    return nullptr;
}

ProfileLoad load_profile(std::string text) {
    ProfileLoad out;
    JsonDocument doc;
    if (!parse_json(std::move(text), JsonLimits{}, doc, out.problems)) return out;
    if (!doc.root().is_object()) {
        out.problems.push_back(doc.problem("profile.wrong_type", "", "expected an object"));
        return out;
    }
    ProfileLoader loader(doc, out.problems);
    CouncilProfile p = loader.load(doc.root(), out.warnings);
    if (out.problems.empty()) out.profile = std::move(p);
    return out;
}

}  // namespace budget
