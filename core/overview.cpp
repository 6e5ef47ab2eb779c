// The budget at a glance, computed from an outcome.
#include "overview.h"

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

}  // namespace budget
