// Council tax rules.
#include "council_tax.h"

#include <algorithm>

namespace budget {

std::vector<Band> bands_for(Nation nation) {
    std::vector<Band> bands = {{'A', 6}, {'B', 7}, {'C', 8}, {'D', 9}, {'E', 11}, {'F', 13}, {'G', 15}, {'H', 18}};
    if (nation == Nation::Wales) bands.push_back({'I', 21});
    return bands;
}

Pence band_charge(Pence band_d, int ninths) { return divide_round(static_cast<__int128>(band_d) * ninths, 9); }

Pence band_d_after(const CouncilTax& ct, BasisPoints bp) { return ct.band_d + percent_of(ct.band_d, bp); }

std::optional<Pence> max_rise_without_referendum(const CouncilTax& ct) {
    if (!ct.cap.capped) return std::nullopt;
    const Pence core = std::max(percent_of(ct.band_d, ct.cap.core_limit_bp), ct.cap.core_limit_pounds_alternative);
    return core + percent_of(ct.band_d, ct.cap.adult_social_care_bp);
}

bool within_cap(const CouncilTax& ct, BasisPoints bp) {
    const auto limit = max_rise_without_referendum(ct);
    return !limit || band_d_after(ct, bp) - ct.band_d <= *limit;
}

std::string describe_cap(const CouncilTax& ct, const std::string& language) {
    const bool cy = language == "cy";
    if (!ct.cap.capped) return cy ? "dim terfyn refferendwm" : "no referendum limit";
    std::string out = (cy ? "hyd at " : "up to ") + format_bp_as_percent(ct.cap.core_limit_bp) + "%";
    if (ct.cap.core_limit_pounds_alternative > 0)
        out += (cy ? " neu " : " or ") + format_pounds(ct.cap.core_limit_pounds_alternative) +
               (cy ? " ar Fand D, pa un bynnag sydd uchaf" : " on Band D, whichever is higher");
    if (ct.cap.adult_social_care_bp > 0)
        out += (cy ? ", ynghyd ag " : ", plus ") + format_bp_as_percent(ct.cap.adult_social_care_bp) +
               (cy ? "% o braesept gofal cymdeithasol i oedolion" : "% adult social care precept");
    return out;
}

std::vector<BasisPoints> slider_values(const CouncilTax& ct) {
    if (!ct.lever_stops.empty()) return ct.lever_stops;
    std::vector<BasisPoints> values;
    if (ct.lever_step_bp <= 0) return values;
    for (BasisPoints v = ct.lever_min_bp; v <= ct.lever_max_bp; v += ct.lever_step_bp) values.push_back(v);
    return values;
}

}  // namespace budget
