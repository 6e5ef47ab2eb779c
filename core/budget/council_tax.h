// Council tax: band ratios for England and Wales, bills per band, and the referendum cap.
#pragma once
#include <vector>

#include "budget.h"

namespace budget {

std::vector<Band> bands_for(Nation nation);

// A band's charge from the Band D charge: Band D × ninths / 9, to the penny.
Pence band_charge(Pence band_d, int ninths);

// Band D after a change of `bp` basis points, to the penny.
Pence band_d_after(const CouncilTax& ct, BasisPoints bp);

// The largest Band D rise (in pence) the cap allows without a referendum; nullopt when uncapped.
std::optional<Pence> max_rise_without_referendum(const CouncilTax& ct);

// True when a change of `bp` is within the cap (always true when uncapped).
bool within_cap(const CouncilTax& ct, BasisPoints bp);
// The values the resident's council tax slider moves over: the lever's stops, or else every step.
std::vector<BasisPoints> slider_values(const CouncilTax& ct);

// Cap rule in words, e.g. "up to 2.99%, plus 2% adult social care precept" ("cy" for Welsh).
std::string describe_cap(const CouncilTax& ct, const std::string& language = "en");

}  // namespace budget
