// The simulation. Integer arithmetic only, so native and wasm agree to the penny.
#include "simulation.h"

#include <algorithm>
#include <numeric>

#include "council_tax.h"
#include "short_sort.h"

namespace budget {

Choices default_choices(const Budget& b) {
    Choices c;
    c.service_bp.assign(b.services.size(), 0);
    c.efficiency_on.assign(b.efficiencies.size(), 0);
    c.income_on.assign(b.incomes.size(), 0);
    c.council_tax_bp = b.council_tax.lever_default_bp;
    return c;
}

Choices most_saving_choices(const Budget& b) {
    Choices c = default_choices(b);
    for (std::size_t i = 0; i < b.services.size(); ++i) c.service_bp[i] = b.services[i].min_bp;
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
        c.efficiency_on[i] = b.efficiencies[i].saving > b.efficiencies[i].one_off_cost;
    std::fill(c.income_on.begin(), c.income_on.end(), 1);
    c.council_tax_bp = b.council_tax.lever_max_bp;
    return c;
}

Rag rag_of(const Kpi& kpi, Milli value) {
    if (kpi.polarity == Polarity::HigherIsBetter) {
        if (value >= kpi.green) return Rag::Green;
        return value >= kpi.amber ? Rag::Amber : Rag::Red;
    }
    if (value <= kpi.green) return Rag::Green;
    return value <= kpi.amber ? Rag::Amber : Rag::Red;
}

Milli response_effect(const KpiResponse& r, BasisPoints bp) {
    // per_percent × (bp/100) × h / (h + |bp|): linear near zero, flattening towards per_percent × h/100.
    const std::int64_t h = r.half_saturation_bp;
    const std::int64_t x = bp;
    const std::int64_t magnitude = x < 0 ? -x : x;
    const Milli effect = divide_round(static_cast<__int128>(r.per_percent) * x * h, 100 * (h + magnitude));
    return std::clamp(effect, -r.max_effect, r.max_effect);
}

void simulate(const Budget& b, const Choices& c, Outcome& o) {
    o.services.resize(b.services.size());
    o.service_spend = 0;
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        const Service& s = b.services[i];
        ServiceOutcome& so = o.services[i];
        so.change = percent_of(s.baseline, c.service_bp[i]);
        so.spend = s.baseline + so.change;
        std::size_t band = 0;
        while (band + 1 < s.consequences.size() && s.consequences[band + 1].from_bp <= c.service_bp[i]) ++band;
        so.consequence = band;
    }
    o.unlinked_savings = o.efficiency_savings = o.one_off_costs = o.high_risk_savings = 0;
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i) {
        if (!c.efficiency_on[i]) continue;
        const EfficiencyOption& e = b.efficiencies[i];
        o.efficiency_savings += e.saving;
        o.one_off_costs += e.one_off_cost;
        if (e.risk == Risk::High) o.high_risk_savings += e.saving;
        if (e.service) o.services[*e.service].spend -= e.saving;
        else o.unlinked_savings += e.saving;
    }
    for (const auto& so : o.services) o.service_spend += so.spend;
    o.spend_total = o.service_spend - o.unlinked_savings + o.one_off_costs;

    const CouncilTax& ct = b.council_tax;
    o.band_d = band_d_after(ct, c.council_tax_bp);
    o.council_tax_income = council_tax_income(ct, o.band_d);
    o.council_tax_change = o.council_tax_income - b.baseline_council_tax_income();
    o.income_options = 0;
    for (std::size_t i = 0; i < b.incomes.size(); ++i)
        if (c.income_on[i]) o.income_options += b.incomes[i].yield;
    o.funding_total = o.council_tax_income + o.income_options;
    for (const auto& f : b.funding) o.funding_total += f.amount;

    o.remaining_gap = o.spend_total - o.funding_total;
    o.balanced = o.remaining_gap <= 0;

    o.bills.resize(ct.bands.size());
    for (std::size_t i = 0; i < ct.bands.size(); ++i) o.bills[i] = band_charge(o.band_d, ct.bands[i].ninths);

    o.kpis.resize(b.kpis.size());
    for (std::size_t k = 0; k < b.kpis.size(); ++k) {
        const Kpi& kpi = b.kpis[k];
        KpiOutcome& ko = o.kpis[k];
        ko.current = kpi.history.empty() ? 0 : kpi.history.back().value;
        Milli moved = 0;
        for (const auto& r : kpi.responses) moved += response_effect(r, c.service_bp[r.service]);
        ko.projected = ko.current + moved;
        if (kpi.floor) ko.projected = std::max(ko.projected, *kpi.floor);
        if (kpi.ceiling) ko.projected = std::min(ko.projected, *kpi.ceiling);
    }
    auto apply_effects = [&](const std::vector<KpiEffect>& effects) {
        for (const auto& e : effects) {
            Milli& v = o.kpis[e.kpi].projected;
            v += e.change;
            const Kpi& kpi = b.kpis[e.kpi];
            if (kpi.floor) v = std::max(v, *kpi.floor);
            if (kpi.ceiling) v = std::min(v, *kpi.ceiling);
        }
    };
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
        if (c.efficiency_on[i]) apply_effects(b.efficiencies[i].kpi_effects);
    for (std::size_t i = 0; i < b.incomes.size(); ++i)
        if (c.income_on[i]) apply_effects(b.incomes[i].kpi_effects);
    for (std::size_t k = 0; k < b.kpis.size(); ++k) {
        KpiOutcome& ko = o.kpis[k];
        ko.moved = ko.projected - ko.current;
        ko.current_rag = rag_of(b.kpis[k], ko.current);
        ko.projected_rag = rag_of(b.kpis[k], ko.projected);
    }
}

Outcome simulate(const Budget& b, const Choices& choices) {
    Outcome o;
    simulate(b, choices, o);
    return o;
}

void tax_receipt(const Budget& b, const Outcome& o, std::size_t band, std::vector<Pence>& out) {
    out.assign(b.services.size(), 0);
    if (band >= o.bills.size()) return;
    const Pence bill = o.bills[band];
    __int128 total = 0;
    for (std::size_t i = 0; i < b.services.size(); ++i)
        if (!b.services[i].locked && o.services[i].spend > 0) total += o.services[i].spend;
    if (total == 0 || bill <= 0) return;
    std::vector<std::pair<__int128, std::size_t>> remainders;  // (remainder over `total`, index)
    Pence allocated = 0;
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (b.services[i].locked || o.services[i].spend <= 0) continue;
        const __int128 share = static_cast<__int128>(bill) * o.services[i].spend;
        out[i] = static_cast<Pence>(share / total);
        allocated += out[i];
        remainders.emplace_back(share % total, i);
    }
    // Largest remainders get the leftover pennies; ties go to the earlier line.
    short_sort(remainders, [](const auto& a, const auto& c) { return a.first != c.first ? a.first > c.first : a.second < c.second; });
    for (std::size_t k = 0; allocated < bill && k < remainders.size(); ++k, ++allocated) ++out[remainders[k].second];
}

}  // namespace budget
