// Small queries on a loaded budget.
#include "budget.h"

#include <algorithm>
#include <cmath>

#include <algorithm>

#include "short_sort.h"

namespace budget {

Nation nation_of(CouncilKind kind) { return kind == CouncilKind::WelshPrincipal ? Nation::Wales : Nation::England; }

const char* council_kind_id(CouncilKind kind) {
    switch (kind) {
        case CouncilKind::EnglishCounty: return "english_county";
        case CouncilKind::EnglishDistrict: return "english_district";
        case CouncilKind::EnglishUnitary: return "english_unitary";
        case CouncilKind::EnglishMetropolitan: return "english_metropolitan";
        case CouncilKind::LondonBorough: return "london_borough";
        case CouncilKind::WelshPrincipal: return "welsh_principal";
    }
    return "";
}

const char* risk_id(Risk r) {
    switch (r) {
        case Risk::Low: return "low";
        case Risk::Medium: return "medium";
        case Risk::High: return "high";
    }
    return "";
}

const char* kpi_group_id(KpiGroup g) {
    switch (g) {
        case KpiGroup::Perception: return "perception";
        case KpiGroup::Cost: return "cost";
        case KpiGroup::Outcome: return "outcome";
    }
    return "";
}

const char* rag_id(Rag r) {
    switch (r) {
        case Rag::Red: return "red";
        case Rag::Amber: return "amber";
        case Rag::Green: return "green";
    }
    return "";
}

namespace {
// Positions of `items` in order of id (stable: equal ids keep their order, so a lookup finds the
// first).
template <class T>
void index_ids(const std::vector<T>& items, std::vector<std::size_t>& index) {
    index.resize(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) index[i] = i;
    short_sort(index, [&items](std::size_t a, std::size_t b) { return items[a].id < items[b].id; });
}
// Uses the index once built; a linear scan while the loader is still filling the budget.
template <class T>
std::optional<std::size_t> find_by_id(const std::vector<T>& items, const std::vector<std::size_t>& index, const std::string& id) {
    if (index.size() == items.size() && !items.empty()) {
        const auto it = std::lower_bound(index.begin(), index.end(), id,
                                         [&items](std::size_t at, const std::string& wanted) { return items[at].id < wanted; });
        if (it == index.end() || items[*it].id != id) return std::nullopt;
        return *it;
    }
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].id == id) return i;
    return std::nullopt;
}
}  // namespace

void Budget::build_index() {
    index_ids(services, service_index_);
    index_ids(efficiencies, efficiency_index_);
    index_ids(incomes, income_index_);
    index_ids(kpis, kpi_index_);
}

std::optional<std::size_t> Budget::find_service(const std::string& wanted) const { return find_by_id(services, service_index_, wanted); }
std::optional<std::size_t> Budget::find_efficiency(const std::string& wanted) const {
    return find_by_id(efficiencies, efficiency_index_, wanted);
}
std::optional<std::size_t> Budget::find_income(const std::string& wanted) const { return find_by_id(incomes, income_index_, wanted); }
std::optional<std::size_t> Budget::find_kpi(const std::string& wanted) const { return find_by_id(kpis, kpi_index_, wanted); }

Pence council_tax_income(const CouncilTax& ct, Pence band_d) {
    return divide_round(static_cast<__int128>(band_d) * ct.tax_base_hundredths, 100);
}

Pence Budget::baseline_council_tax_income() const { return council_tax_income(council_tax, council_tax.band_d); }

Pence Budget::baseline_funding() const {
    Pence total = baseline_council_tax_income();
    for (const auto& f : funding) total += f.amount;
    return total;
}

void Brand::set_colour(std::uint32_t rgb) {
    colour = rgb;
    on_white_words = contrast_ratio(rgb, 0xFFFFFF);
    on_page = contrast_ratio(rgb, kPageBackground);
    colour_for_text = on_white_words >= 4.5;
    colour_for_controls = on_page >= 3.0 && on_white_words >= 3.0;
}

double contrast_ratio(std::uint32_t a, std::uint32_t b) {
    // Relative luminance (WCAG 2.2): colour, not money, so floating point is the definition.
    const auto luminance = [](std::uint32_t rgb) {
        double sum = 0;
        const double weights[] = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; ++i) {
            const double c = static_cast<double>((rgb >> (16 - 8 * i)) & 0xFFu) / 255.0;
            sum += weights[i] * (c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
        }
        return sum;
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

}  // namespace budget
