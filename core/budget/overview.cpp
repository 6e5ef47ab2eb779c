// The budget at a glance, computed from an outcome.
#include "overview.h"

#include "council_tax.h"

namespace budget {

Overview overview(const Budget& b, const Outcome& o) {
    Overview v;
    v.net_budget = o.spend_total;
    for (const FundingLine& f : b.funding) v.funding.push_back(f.amount);
    v.council_tax = o.council_tax_income;
    v.other_income = o.income_options;
    v.groups.assign(b.groups.size(), GroupSpend{});
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        GroupSpend& g = v.groups[b.services[i].group];
        g.spend += o.services[i].spend;
        if (b.services[i].locked) g.locked += o.services[i].spend;
    }
    v.unlinked_savings = o.unlinked_savings;
    v.one_off_costs = o.one_off_costs;
    if (b.population > 0) v.per_resident = divide_round(v.net_budget, b.population);
    // The tax base is in hundredths of a Band D equivalent: spend × 100 / base.
    if (b.council_tax.tax_base_hundredths > 0)
        v.per_band_d = divide_round(static_cast<__int128>(v.net_budget) * 100, b.council_tax.tax_base_hundredths);
    return v;
}

std::optional<BasisPoints> lowest_balancing_council_tax(const Budget& b, const Choices& c) {
    Outcome o;
    simulate(b, c, o);
    if (!o.balanced) return std::nullopt;
    // Balance only improves as council tax rises, so the first value that balances is the lowest.
    Choices trial = c;
    for (const BasisPoints v : slider_values(b.council_tax)) {
        if (v >= c.council_tax_bp) break;
        trial.council_tax_bp = v;
        simulate(b, trial, o);
        if (o.balanced) return v;
    }
    return c.council_tax_bp;
}

GapSteps gap_steps(const Budget& b, const Outcome& o) {
    GapSteps g;
    g.gap_to_close = b.gap_to_close;
    for (const ServiceOutcome& s : o.services) g.service_changes += s.change;
    g.savings = o.efficiency_savings;
    g.one_off_costs = o.one_off_costs;
    g.income = o.income_options;
    g.council_tax = o.council_tax_change;
    g.remaining = o.remaining_gap;
    return g;
}

}  // namespace budget
