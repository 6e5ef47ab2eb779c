// The warning signs: each a comparison of exact integers (cross-multiplied in 128 bits), on the latest
// year that has every figure it needs, or on the events dated within three years of the as-of date.
#include "warning_signs.h"

#include <algorithm>
#include <functional>

#include "catalogue_mark.h"
#include "json_writer.h"
#include "simulation.h"

namespace budget {

namespace {

using Field = FinanceField;

using Wide = __int128;

struct Default {
    const char* id;
    std::int64_t amber, red;  // hundredths of the signal's unit; 0 where the level does not apply
};
// The project's defaults (docs/accountability.md).
constexpr Default kDefaults[] = {
    {"reserves.runway", 500, 300},       {"reserves.level", 500, 250},          {"reserves.falling", 1500, 2500},
    {"debt.to_spending", 400, 700},      {"debt.financing_costs", 1000, 2000},  {"budget.overspend", 100, 100},
    {"budget.savings_delivery", 8000, 6000}, {"audit.accounts_late", 100, 200}, {"audit.opinion", 0, 0},
    {"audit.vfm", 0, 0},                 {"governance.s114", 0, 0},             {"governance.efs", 0, 0},
    {"governance.intervention", 0, 0},   {"inspection.rating", 0, 0},           {"leadership.churn", 300, 500},
    {"performance.red_worsening", 0, 0},
};

// The first day of a financial year (1 April) and the year a date falls in.
CalendarDate year_start(int start_year) { return CalendarDate{start_year, 4, 1}; }
int financial_year_of(const CalendarDate& d) { return d.month >= 4 ? d.year : d.year - 1; }

// "1.50" -> "1.5", "1.00" -> "1".
std::string trimmed(std::string decimal) {
    while (decimal.find('.') != std::string::npos && (decimal.back() == '0' || decimal.back() == '.')) {
        const bool point = decimal.back() == '.';
        decimal.pop_back();
        if (point) break;
    }
    return decimal;
}

// "2.3": a quantity in hundredths shown to one decimal place, rounded half away from zero.
std::string one_decimal(Wide numerator, Wide denominator) {
    const Wide tenths = (numerator * 10 * 2 + denominator) / (denominator * 2);
    return format_fixed(static_cast<std::int64_t>(tenths), 1);
}

class Judge {
public:
    Judge(const CouncilProfile& p, const CalendarDate& as_of, const Budget* indicators)
        : p_(p), as_of_(as_of), window_start_(years_before(as_of, 3)), indicators_(indicators) {
        for (const FinanceYear& y : p.finance)
            if (year_start(y.start_year) <= as_of) years_.push_back(&y);  // a year not yet begun is not judged
    }

    Judgement run() {
        reserves_runway();
        reserves_level();
        reserves_falling();
        ratio_above("debt.to_spending", Field::GrossExternalDebt, 100,
                    N_("Debt of {debt} is {times} times the council's yearly net spending of {spending} ({year})."), "times");
        ratio_above("debt.financing_costs", Field::FinancingCosts, 10000,
                    N_("Interest and debt repayment of {costs} take {percent}% of the council's yearly net spending of {spending} ({year})."),
                    "percent");
        overspend();
        savings_delivery();
        accounts_late();
        audit_opinion();
        audit_vfm();
        any_event("governance.s114", {EventKind::S114},
                  N_("The council's chief finance officer issued a section 114 notice on {date}: spending it cannot pay for."));
        any_event("governance.efs", {EventKind::ExceptionalFinancialSupport},
                  N_("The council was given exceptional financial support by the government on {date}."));
        any_event("governance.intervention", {EventKind::Intervention},
                  N_("The government intervened in how the council is run on {date}."));
        inspection_rating();
        leadership_churn();
        red_worsening();
        return std::move(out_);
    }

private:
    const FinanceYear* year(int start) const {
        for (const FinanceYear* y : years_)
            if (y->start_year == start) return y;
        return nullptr;
    }
    static bool has(const FinanceYear& y, std::initializer_list<Field> fields) {
        return std::all_of(fields.begin(), fields.end(), [&](Field f) { return y[f].has_value(); });
    }
    // The latest year (judged at as_of) for which `fits` holds; else the signal is unknown, needing
    // what the latest year lacks (or every field, when there is no year at all).
    // `otherwise`: what is needed when the latest year has the fields but does not fit (a year to
    // compare with, or a figure above zero to divide by).
    const FinanceYear* latest(const std::string& id, std::initializer_list<Field> fields,
                              const std::function<bool(const FinanceYear&)>& fits, const std::vector<std::string>& otherwise) {
        for (auto it = years_.rbegin(); it != years_.rend(); ++it)
            if (has(**it, fields) && fits(**it)) return *it;
        UnknownSignal u{id, {}};
        for (Field f : fields)
            if (years_.empty() || !(*years_.back())[f]) u.needs.push_back(finance_field_name(f));
        if (u.needs.empty()) u.needs = otherwise;
        out_.unknown.push_back(std::move(u));
        return nullptr;
    }
    static std::vector<std::string> three_years_before(std::initializer_list<Field> fields) {
        std::vector<std::string> out;
        for (Field f : fields) out.push_back(std::string(finance_field_name(f)) + " (3 years before)");
        return out;
    }
    static std::vector<std::string> above_zero(Field f) { return {std::string(finance_field_name(f)) + " above zero"}; }
    static Pence usable(const FinanceYear& y) {
        return *y[Field::UsableReservesUnallocated] + *y[Field::UsableReservesEarmarked];
    }
    Thresholds limits(const std::string& id) const { return thresholds_for(p_, id); }

    UsedFigure figure(const FinanceYear& y, Field f) const {
        return UsedFigure{finance_field_name(f), y.year, *y[f], y.source};
    }
    Signal& add(const std::string& id, SignalLevel level, std::string year, std::string message) {
        Signal s;
        s.id = id;
        s.level = level;
        s.year = std::move(year);
        s.message = std::move(message);
        out_.signals.push_back(std::move(s));
        return out_.signals.back();
    }

    // Usable reserves against the average yearly fall over three years: years left at that rate.
    void reserves_runway() {
        const char* id = "reserves.runway";
        const auto fields = {Field::UsableReservesUnallocated, Field::UsableReservesEarmarked};
        const FinanceYear* now = latest(id, fields, [&](const FinanceYear& y) {
            const FinanceYear* then = year(y.start_year - 3);
            return then && has(*then, fields);
        }, three_years_before(fields));
        if (!now) return;
        const FinanceYear& then = *year(now->start_year - 3);
        const Pence r = usable(*now), fall = usable(then) - r;
        if (fall <= 0) return;  // reserves did not fall
        const Thresholds t = limits(id);
        // Runway r / (fall / 3) years is below T/100 years when 300 r < T fall.
        const auto below = [&](std::int64_t hundredths) { return Wide(300) * r < Wide(hundredths) * fall; };
        if (!below(t.amber) && !below(t.red)) return;
        Signal& s = add(id, below(t.red) ? SignalLevel::Red : SignalLevel::Amber, now->year,
                        r <= 0 ? N_("Usable reserves are used up ({reserves}, {year}); they fell by {fall} over the three years to then.")
                               : N_("Reserves would last about {years} years at the rate they fell over the last three years ({reserves}, {year})."));
        s.params = {{"years", one_decimal(Wide(3) * r, fall)}, {"reserves", format_pounds_short(r)}, {"year", now->year},
                    {"fall", format_pounds_short(fall)}};
        for (const FinanceYear* y : {&then, now})
            for (Field f : fields) s.figures.push_back(figure(*y, f));
    }

    // Unallocated reserves as a share of a year's net spending.
    void reserves_level() {
        const char* id = "reserves.level";
        const FinanceYear* y = latest(id, {Field::UsableReservesUnallocated, Field::NetRevenueExpenditure},
                                      [](const FinanceYear& f) { return *f[Field::NetRevenueExpenditure] > 0; },
                                      above_zero(Field::NetRevenueExpenditure));
        if (!y) return;
        const Pence u = *(*y)[Field::UsableReservesUnallocated], n = *(*y)[Field::NetRevenueExpenditure];
        const Thresholds t = limits(id);
        const auto below = [&](std::int64_t hundredths) { return Wide(10000) * u < Wide(hundredths) * n; };
        if (!below(t.amber) && !below(t.red)) return;
        Signal& s = add(id, below(t.red) ? SignalLevel::Red : SignalLevel::Amber, y->year,
                        N_("Unallocated reserves of {reserves} would pay for {percent}% of a year's net spending of {spending} ({year})."));
        s.params = {{"reserves", format_pounds_short(u)}, {"percent", one_decimal(Wide(100) * u, n)}, {"spending", format_pounds_short(n)}, {"year", y->year}};
        s.figures = {figure(*y, Field::UsableReservesUnallocated), figure(*y, Field::NetRevenueExpenditure)};
    }

    // Total usable reserves now against three years before.
    void reserves_falling() {
        const char* id = "reserves.falling";
        const auto fields = {Field::UsableReservesUnallocated, Field::UsableReservesEarmarked};
        const FinanceYear* now = latest(id, fields, [&](const FinanceYear& y) {
            const FinanceYear* then = year(y.start_year - 3);
            return then && has(*then, fields) && usable(*then) > 0;
        }, three_years_before(fields));
        if (!now) return;
        const FinanceYear& then = *year(now->start_year - 3);
        const Pence before = usable(then), fall = before - usable(*now);
        const Thresholds t = limits(id);
        const auto above = [&](std::int64_t hundredths) { return Wide(10000) * fall > Wide(hundredths) * before; };
        if (!above(t.amber) && !above(t.red)) return;
        Signal& s = add(id, above(t.red) ? SignalLevel::Red : SignalLevel::Amber, now->year,
                        N_("Usable reserves fell by {percent}% in three years, from {before} ({then}) to {after} ({year})."));
        s.params = {{"percent", one_decimal(Wide(100) * fall, before)}, {"before", format_pounds_short(before)}, {"then", then.year},
                    {"after", format_pounds_short(usable(*now))}, {"year", now->year}};
        for (const FinanceYear* y : {&then, now})
            for (Field f : fields) s.figures.push_back(figure(*y, f));
    }

    // A figure over net spending, above the thresholds: `scale` 100 for times, 10000 for percent.
    void ratio_above(const char* id, Field field, std::int64_t scale, const char* message, const char* unit) {
        const FinanceYear* y = latest(id, {field, Field::NetRevenueExpenditure},
                                      [](const FinanceYear& f) { return *f[Field::NetRevenueExpenditure] > 0; },
                                      above_zero(Field::NetRevenueExpenditure));
        if (!y) return;
        const Pence a = *(*y)[field], n = *(*y)[Field::NetRevenueExpenditure];
        const Thresholds t = limits(id);
        const auto above = [&](std::int64_t hundredths) { return Wide(scale) * a > Wide(hundredths) * n; };
        if (!above(t.amber) && !above(t.red)) return;
        Signal& s = add(id, above(t.red) ? SignalLevel::Red : SignalLevel::Amber, y->year, message);
        s.params = {{unit, one_decimal(Wide(scale / 100) * a, n)}, {"spending", format_pounds_short(n)}, {"year", y->year},
                    {field == Field::GrossExternalDebt ? "debt" : "costs", format_pounds_short(a)}};
        s.figures = {figure(*y, field), figure(*y, Field::NetRevenueExpenditure)};
    }

    // An overspend above the threshold: amber in the latest year; red two years running, or in a
    // year balanced with reserves.
    void overspend() {
        const char* id = "budget.overspend";
        const auto fields = {Field::OutturnVariance, Field::NetRevenueExpenditure};
        const auto fits = [](const FinanceYear& f) { return *f[Field::NetRevenueExpenditure] > 0; };
        const FinanceYear* y = latest(id, fields, fits, above_zero(Field::NetRevenueExpenditure));
        if (!y) return;
        const Thresholds t = limits(id);
        const auto over = [&](const FinanceYear& f, std::int64_t hundredths) {
            return Wide(10000) * *f[Field::OutturnVariance] > Wide(hundredths) * *f[Field::NetRevenueExpenditure];
        };
        if (!over(*y, t.amber) && !over(*y, t.red)) return;
        const FinanceYear* before = year(y->start_year - 1);
        const bool running = before && has(*before, fields) && fits(*before) && over(*before, t.red) && over(*y, t.red);
        const bool reserves_used = (*y)[Field::ReservesUsedToBalance].value_or(0) > 0 && over(*y, t.red);
        Signal& s = add(id, running || reserves_used ? SignalLevel::Red : SignalLevel::Amber, y->year,
                        running ? N_("The council overspent by {overspend} ({percent}% of net spending) in {year}, and by more than {limit}% the year before too.")
                        : reserves_used ? N_("The council overspent by {overspend} ({percent}% of net spending) in {year}, a year it also used {reserves} of reserves to balance.")
                                        : N_("The council overspent by {overspend} ({percent}% of net spending) in {year}."));
        const Pence v = *(*y)[Field::OutturnVariance], n = *(*y)[Field::NetRevenueExpenditure];
        s.params = {{"overspend", format_pounds_short(v)}, {"percent", one_decimal(Wide(100) * v, n)}, {"year", y->year},
                    {"limit", trimmed(format_fixed(t.red, 2))}, {"reserves", format_pounds_short((*y)[Field::ReservesUsedToBalance].value_or(0))}};
        s.figures = {figure(*y, Field::OutturnVariance), figure(*y, Field::NetRevenueExpenditure)};
        if (running) s.figures.push_back(figure(*before, Field::OutturnVariance));
        if (reserves_used) s.figures.push_back(figure(*y, Field::ReservesUsedToBalance));
    }

    void savings_delivery() {
        const char* id = "budget.savings_delivery";
        const FinanceYear* y = latest(id, {Field::SavingsDelivered, Field::SavingsPlanned},
                                      [](const FinanceYear& f) { return *f[Field::SavingsPlanned] > 0; }, above_zero(Field::SavingsPlanned));
        if (!y) return;
        const Pence d = *(*y)[Field::SavingsDelivered], planned = *(*y)[Field::SavingsPlanned];
        const Thresholds t = limits(id);
        const auto below = [&](std::int64_t hundredths) { return Wide(10000) * d < Wide(hundredths) * planned; };
        if (!below(t.amber) && !below(t.red)) return;
        Signal& s = add(id, below(t.red) ? SignalLevel::Red : SignalLevel::Amber, y->year,
                        N_("The council delivered {delivered} of the {planned} of savings it planned ({percent}%, {year})."));
        s.params = {{"delivered", format_pounds_short(d)}, {"planned", format_pounds_short(planned)}, {"percent", one_decimal(Wide(100) * d, planned)},
                    {"year", y->year}};
        s.figures = {figure(*y, Field::SavingsDelivered), figure(*y, Field::SavingsPlanned)};
    }

    // --- Events ---
    bool needs_governance(const std::string& id) {
        if (p_.has_governance) return false;
        out_.unknown.push_back({id, {"governance"}});
        return true;
    }
    bool dated_by(const GovernanceEvent& e) const { return e.date && *e.date <= as_of_; }
    bool within_window(const GovernanceEvent& e) const { return dated_by(e) && *e.date >= window_start_; }
    static UsedEvent used(const GovernanceEvent& e, std::string detail = {}) {
        return UsedEvent{e.kind, e.date, e.year, std::move(detail), e.source};
    }
    std::string year_of(const GovernanceEvent& e) const { return financial_year_name(financial_year_of(*e.date)); }

    // Accounts not published by their deadline: still unpublished at the as-of date, or published
    // late with the deadline within three years.
    void accounts_late() {
        const char* id = "audit.accounts_late";
        if (needs_governance(id)) return;
        std::vector<const GovernanceEvent*> accounts, late;
        bool any = false;  // accounts whose deadline is still to come are known, and not late
        for (const GovernanceEvent& e : p_.governance) {
            if (e.kind != EventKind::AccountsPublished) continue;
            any = true;
            if (*e.deadline < as_of_) accounts.push_back(&e);
        }
        if (!any) {
            out_.unknown.push_back({id, {event_kind_name(EventKind::AccountsPublished)}});
            return;
        }
        for (const GovernanceEvent* e : accounts) {
            const bool unpublished = !e->date || *e->date > as_of_;
            if (unpublished || (*e->date > *e->deadline && *e->deadline >= window_start_)) late.push_back(e);
        }
        const Thresholds t = limits(id);
        const auto count = static_cast<std::int64_t>(late.size()) * 100;
        if (late.empty() || (count < t.amber && count < t.red)) return;
        std::sort(late.begin(), late.end(), [](const auto* a, const auto* b) { return a->year < b->year; });
        Signal& s = add(id, count >= t.red ? SignalLevel::Red : SignalLevel::Amber, late.back()->year,
                        late.size() == 1 ? N_("The accounts for {years} were not published by their deadline.")
                                         : N_("The accounts for {count} years ({years}) were not published by their deadlines."));
        std::string years;
        for (const auto* e : late) {
            years += (years.empty() ? "" : ", ") + e->year;
            const bool unpublished = !e->date || *e->date > as_of_;
            s.events.push_back(used(*e, unpublished ? "not published; deadline " + format_date(*e->deadline)
                                                    : "published " + format_date(*e->date) + "; deadline " + format_date(*e->deadline)));
        }
        s.params = {{"years", years}, {"count", std::to_string(late.size())}};
    }

    void audit_opinion() {
        const char* id = "audit.opinion";
        if (needs_governance(id)) return;
        const GovernanceEvent* latest_opinion = nullptr;
        for (const GovernanceEvent& e : p_.governance)
            if (e.kind == EventKind::AuditOpinion && dated_by(e) && (!latest_opinion || *e.date >= *latest_opinion->date)) latest_opinion = &e;
        if (!latest_opinion) {
            out_.unknown.push_back({id, {event_kind_name(EventKind::AuditOpinion)}});
            return;
        }
        const AuditOpinion o = *latest_opinion->opinion;
        if (o == AuditOpinion::Unqualified) return;
        Signal& s = add(id, o == AuditOpinion::Qualified ? SignalLevel::Amber : SignalLevel::Red, latest_opinion->year,
                        o == AuditOpinion::Qualified ? N_("The auditor qualified their opinion on the {year} accounts ({date}).")
                        : o == AuditOpinion::Adverse ? N_("The auditor gave an adverse opinion on the {year} accounts ({date}).")
                                                     : N_("The auditor could not give an opinion on the {year} accounts ({date})."));
        s.params = {{"year", latest_opinion->year}, {"date", format_date(*latest_opinion->date)}};
        s.events.push_back(used(*latest_opinion, audit_opinion_name(o)));
    }

    void audit_vfm() {
        const char* id = "audit.vfm";
        if (needs_governance(id)) return;
        const GovernanceEvent *worst = nullptr;
        bool red = false;
        std::vector<const GovernanceEvent*> found;
        for (const GovernanceEvent& e : p_.governance) {
            const bool r = e.kind == EventKind::StatutoryRecommendations || e.kind == EventKind::PublicInterestReport;
            if (!(r || e.kind == EventKind::VfmSignificantWeakness) || !within_window(e)) continue;
            found.push_back(&e);
            if (!worst || (r && !red) || (r == red && *e.date > *worst->date)) worst = &e;
            red = red || r;
        }
        if (!worst) return;
        Signal& s = add(id, red ? SignalLevel::Red : SignalLevel::Amber, year_of(*worst),
                        worst->kind == EventKind::PublicInterestReport ? N_("The auditor issued a public interest report on {date}.")
                        : worst->kind == EventKind::StatutoryRecommendations ? N_("The auditor made statutory recommendations on {date}.")
                                                                             : N_("The auditor found a significant weakness in value for money on {date}."));
        s.params = {{"date", format_date(*worst->date)}};
        for (const auto* e : found) s.events.push_back(used(*e, e->count ? std::to_string(*e->count) + " recommendations" : ""));
    }

    void any_event(const char* id, std::initializer_list<EventKind> kinds, const char* message) {
        if (needs_governance(id)) return;
        const GovernanceEvent* last = nullptr;
        std::vector<const GovernanceEvent*> found;
        for (const GovernanceEvent& e : p_.governance)
            if (std::find(kinds.begin(), kinds.end(), e.kind) != kinds.end() && within_window(e)) {
                found.push_back(&e);
                if (!last || *e.date > *last->date) last = &e;
            }
        if (!last) return;
        Signal& s = add(id, SignalLevel::Red, year_of(*last), message);
        s.params = {{"date", format_date(*last->date)}};
        for (const auto* e : found) s.events.push_back(used(*e, e->amount ? format_pounds_short(*e->amount) : ""));
    }

    // The latest rating for each body and service; the signal takes the worst.
    void inspection_rating() {
        const char* id = "inspection.rating";
        if (needs_governance(id)) return;
        std::map<std::pair<std::string, std::string>, const GovernanceEvent*> latest_by;
        for (const GovernanceEvent& e : p_.governance) {
            if (e.kind != EventKind::Inspection || !dated_by(e)) continue;
            auto& slot = latest_by[{e.body, e.service}];
            if (!slot || *e.date >= *slot->date) slot = &e;
        }
        if (latest_by.empty()) {
            out_.unknown.push_back({id, {event_kind_name(EventKind::Inspection)}});
            return;
        }
        const GovernanceEvent* worst = nullptr;
        for (const auto& [key, e] : latest_by)
            if (!worst || *e->rating > *worst->rating) worst = e;
        if (*worst->rating < InspectionRating::RequiresImprovement) return;
        const bool inadequate = *worst->rating == InspectionRating::Inadequate;
        Signal& s = add(id, inadequate ? SignalLevel::Red : SignalLevel::Amber, year_of(*worst),
                        inadequate ? N_("{body} rated the council's {service} inadequate ({date}).")
                                   : N_("{body} rated the council's {service} as requiring improvement ({date})."));
        s.params = {{"body", worst->body}, {"service", worst->service}, {"date", format_date(*worst->date)}};
        for (const auto& [key, e] : latest_by)
            if (*e->rating >= InspectionRating::RequiresImprovement)
                s.events.push_back(used(*e, std::string(inspection_rating_name(*e->rating)) + " (" + e->body + ", " + e->service + ")"));
    }

    void leadership_churn() {
        const char* id = "leadership.churn";
        if (needs_governance(id)) return;
        std::vector<const GovernanceEvent*> changes;
        for (const GovernanceEvent& e : p_.governance)
            if (e.kind == EventKind::LeadershipChange && e.role != LeadershipRole::Leader && within_window(e)) changes.push_back(&e);
        const Thresholds t = limits(id);
        const auto count = static_cast<std::int64_t>(changes.size()) * 100;
        if (changes.empty() || (count < t.amber && count < t.red)) return;
        const auto* last = *std::max_element(changes.begin(), changes.end(), [](const auto* a, const auto* b) { return *a->date < *b->date; });
        Signal& s = add(id, count >= t.red ? SignalLevel::Red : SignalLevel::Amber, year_of(*last),
                        N_("The chief executive or the chief finance officer changed {count} times in the three years to {date}."));
        s.params = {{"count", std::to_string(changes.size())}, {"date", format_date(as_of_)}};
        for (const auto* e : changes) s.events.push_back(used(*e, leadership_role_name(*e->role)));
    }

    // An indicator red and worse than the year before.
    void red_worsening() {
        const char* id = "performance.red_worsening";
        if (!indicators_) {
            out_.unknown.push_back({id, {"indicators"}});
            return;
        }
        std::vector<const Kpi*> worse;
        for (const Kpi& k : indicators_->kpis) {
            if (k.history.size() < 2) continue;
            const Milli now = k.history.back().value, before = k.history[k.history.size() - 2].value;
            const bool worsened = k.polarity == Polarity::HigherIsBetter ? now < before : now > before;
            if (rag_of(k, now) == Rag::Red && worsened) worse.push_back(&k);
        }
        if (worse.empty()) return;
        Signal& s = add(id, SignalLevel::Amber, worse.front()->history.back().year,
                        worse.size() == 1 ? N_("{names} is red and worse than the year before.")
                                          : N_("{count} indicators are red and worse than the year before: {names}."));
        std::string names;
        for (const Kpi* k : worse) {
            names += (names.empty() ? "" : ", ") + k->name.en;
            s.figures.push_back(UsedFigure{k->id, k->history.back().year, k->history.back().value, "the council's budget"});
            s.figures.push_back(UsedFigure{k->id, k->history[k->history.size() - 2].year, k->history[k->history.size() - 2].value,
                                           "the council's budget"});
        }
        s.params = {{"names", names}, {"count", std::to_string(worse.size())}};
    }

    const CouncilProfile& p_;
    CalendarDate as_of_, window_start_;
    const Budget* indicators_;
    std::vector<const FinanceYear*> years_;  // oldest first, begun by as_of
    Judgement out_;
};

}  // namespace

const char* signal_level_name(SignalLevel l) { return l == SignalLevel::Red ? "red" : "amber"; }

const std::vector<std::string>& warning_sign_ids() {
    static const std::vector<std::string> ids = [] {
        std::vector<std::string> out;
        for (const Default& d : kDefaults) out.push_back(d.id);
        return out;
    }();
    return ids;
}

Thresholds thresholds_for(const CouncilProfile& p, const std::string& id) {
    Thresholds t;
    for (const Default& d : kDefaults)
        if (id == d.id) t = {d.amber, d.red};
    if (const auto o = p.thresholds.find(id); o != p.thresholds.end()) {
        if (o->second.amber) t.amber = *o->second.amber;
        if (o->second.red) t.red = *o->second.red;
    }
    return t;
}

Judgement judge(const CouncilProfile& p, const CalendarDate& as_of, const Budget* indicators) {
    Judgement j = Judge(p, as_of, indicators).run();
    // In the table's order, whatever order they were found in.
    const auto& ids = warning_sign_ids();
    const auto rank = [&](const std::string& id) { return std::find(ids.begin(), ids.end(), id) - ids.begin(); };
    std::stable_sort(j.signals.begin(), j.signals.end(), [&](const Signal& a, const Signal& b) { return rank(a.id) < rank(b.id); });
    std::stable_sort(j.unknown.begin(), j.unknown.end(), [&](const UnknownSignal& a, const UnknownSignal& b) { return rank(a.id) < rank(b.id); });
    return j;
}

std::string signal_words(const Signal& s, std::string_view language, std::string_view (*translate)(std::string_view, const void*),
                         const void* context) {
    const std::string_view pattern = translate ? translate(s.message, context) : std::string_view(s.message);
    std::string out;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            const std::size_t close = pattern.find('}', i);
            if (close != std::string_view::npos) {
                const auto it = s.params.find(std::string(pattern.substr(i + 1, close - i - 1)));
                if (it != s.params.end()) {
                    const auto date = it->first == "date" ? parse_date(it->second) : std::nullopt;
                    out += date ? describe_date(*date, language) : it->second;
                    i = close;
                    continue;
                }
            }
        }
        out += pattern[i];
    }
    return out;
}

std::string judgement_json(const Judgement& j, const CalendarDate& as_of) {
    JsonWriter w;
    w.begin_object();
    w.key("as_of").string(format_date(as_of));
    w.key("signals").begin_array();
    for (const Signal& s : j.signals) {
        w.begin_object();
        w.key("id").string(s.id).key("level").string(signal_level_name(s.level)).key("year").string(s.year);
        w.key("figures").begin_array();
        for (const UsedFigure& f : s.figures) {
            w.begin_object().key("name").string(f.name).key("year").string(f.year);
            if (f.source == "the council's budget") w.key("value").string(format_fixed(f.amount, 3));
            else w.key("pounds").string(pounds_decimal(f.amount));
            w.key("source").string(f.source).end_object();
        }
        w.end_array();
        w.key("events").begin_array();
        for (const UsedEvent& e : s.events) {
            w.begin_object().key("kind").string(event_kind_name(e.kind));
            if (e.date) w.key("date").string(format_date(*e.date));
            if (!e.year.empty()) w.key("year").string(e.year);
            if (!e.detail.empty()) w.key("detail").string(e.detail);
            w.key("source").string(e.source).end_object();
        }
        w.end_array();
        w.key("message").string(s.message);
        w.key("params").begin_object();
        for (const auto& [k, v] : s.params) w.key(k).string(v);
        w.end_object();
        w.key("words").string(signal_words(s));
        w.end_object();
    }
    w.end_array();
    w.key("unknown").begin_array();
    for (const UnknownSignal& u : j.unknown) {
        w.begin_object().key("id").string(u.id).key("needs").begin_array();
        for (const std::string& n : u.needs) w.string(n);
        w.end_array().end_object();
    }
    w.end_array();
    w.end_object();
    return std::move(w.text());
}

}  // namespace budget
