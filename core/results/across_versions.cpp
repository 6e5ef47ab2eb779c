// Adding results across versions, lever by lever, where the lever's meaning did not change.
#include "across_versions.h"

namespace budget {

bool same_service_lever(const Service& a, const Service& b) {
    return a.id == b.id && a.baseline == b.baseline && a.min_bp == b.min_bp && a.max_bp == b.max_bp && a.step_bp == b.step_bp &&
           !a.locked && !b.locked;
}

bool same_efficiency(const EfficiencyOption& a, const EfficiencyOption& b) {
    return a.id == b.id && a.saving == b.saving && a.one_off_cost == b.one_off_cost;
}

bool same_income(const IncomeOption& a, const IncomeOption& b) { return a.id == b.id && a.yield == b.yield; }

bool same_council_tax_lever(const CouncilTax& a, const CouncilTax& b) {
    return a.tax_base_hundredths == b.tax_base_hundredths && a.band_d == b.band_d && a.lever_min_bp == b.lever_min_bp &&
           a.lever_max_bp == b.lever_max_bp && a.lever_step_bp == b.lever_step_bp;
}

LeverSummary summarise_histogram(const std::vector<std::uint64_t>& histogram, BasisPoints min, BasisPoints step) {
    LeverSummary s;
    __int128 sum = 0;
    bool any = false;
    for (std::size_t k = 0; k < histogram.size(); ++k) {
        if (!histogram[k]) continue;
        const std::int64_t v = min + static_cast<std::int64_t>(k) * step;
        s.count += histogram[k];
        sum += static_cast<__int128>(v) * histogram[k];
        if (!any) s.min_bp = v;
        s.max_bp = v;
        any = true;
    }
    if (s.count == 0) return s;
    s.mean_centi_bp = divide_round(sum * 100, static_cast<std::int64_t>(s.count));
    s.lower_quartile_qbp = histogram_quantile_qbp(histogram, min, step, s.count, 1);
    s.median_qbp = histogram_quantile_qbp(histogram, min, step, s.count, 2);
    s.upper_quartile_qbp = histogram_quantile_qbp(histogram, min, step, s.count, 3);
    return s;
}

AcrossVersions across_versions(const std::vector<VersionResults>& versions) {
    AcrossVersions out;
    if (versions.empty()) return out;
    const Budget& now = *versions.back().budget;
    for (std::size_t i = 0; i < now.services.size(); ++i) {
        const Service& s = now.services[i];
        if (s.locked) continue;
        LeverAcrossVersions lever{i, {}, {}};
        std::vector<std::uint64_t> hist;
        for (const auto& v : versions) {
            const auto j = v.budget->find_service(s.id);
            if (!j || !same_service_lever(v.budget->services[*j], s)) continue;
            const auto& h = v.results->service_histogram(*j);
            if (hist.empty()) hist.assign(h.size(), 0);
            for (std::size_t k = 0; k < h.size() && k < hist.size(); ++k) hist[k] += h[k];
            lever.versions.push_back(v.budget->version);
        }
        lever.summary = summarise_histogram(hist, s.min_bp, s.step_bp);
        out.services.push_back(std::move(lever));
    }
    auto options = [&](const auto& current, auto find, auto same, auto uptake, std::vector<OptionAcrossVersions>& into) {
        for (std::size_t i = 0; i < current.size(); ++i) {
            OptionAcrossVersions o{i, {}, 0, 0};
            for (const auto& v : versions) {
                const auto j = find(*v.budget, current[i].id);
                if (!j || !same(*v.budget, *j, current[i])) continue;
                o.taken += uptake(*v.results, *j);
                o.responses += v.results->count();
                o.versions.push_back(v.budget->version);
            }
            into.push_back(std::move(o));
        }
    };
    options(now.efficiencies, [](const Budget& b, const std::string& id) { return b.find_efficiency(id); },
            [](const Budget& b, std::size_t j, const EfficiencyOption& e) { return same_efficiency(b.efficiencies[j], e); },
            [](const Aggregator& a, std::size_t j) { return a.efficiency_uptake(j); }, out.efficiencies);
    options(now.incomes, [](const Budget& b, const std::string& id) { return b.find_income(id); },
            [](const Budget& b, std::size_t j, const IncomeOption& e) { return same_income(b.incomes[j], e); },
            [](const Aggregator& a, std::size_t j) { return a.income_uptake(j); }, out.incomes);
    std::vector<std::uint64_t> tax;
    for (const auto& v : versions) {
        if (!same_council_tax_lever(v.budget->council_tax, now.council_tax)) continue;
        const auto& h = v.results->council_tax_histogram();
        if (tax.empty()) tax.assign(h.size(), 0);
        for (std::size_t k = 0; k < h.size() && k < tax.size(); ++k) tax[k] += h[k];
        out.council_tax.versions.push_back(v.budget->version);
    }
    out.council_tax.summary = summarise_histogram(tax, now.council_tax.lever_min_bp, now.council_tax.lever_step_bp);
    return out;
}

}  // namespace budget
