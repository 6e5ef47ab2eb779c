// Council tax choices in bands a cabinet can read: a cut, no change, each whole percent up to the
// referendum limit as (0%, 1%], (1%, 2%], ..., and the limit itself; with no limit (Wales), whole
// percents up to the lever's top. Each band with its count and the change on Band D in pence a year.
#pragma once
#include <cstdint>
#include <vector>

#include "budget.h"

namespace budget {

struct TaxBand {
    enum class Kind { Cut, Freeze, Rise, Limit };
    Kind kind = Kind::Rise;
    BasisPoints low_bp = 0, high_bp = 0;  // Cut: [low, 0); Freeze and Limit: exactly high; Rise: (low, high]
    std::uint64_t count = 0;
    Pence band_d_low = 0, band_d_high = 0;  // the change on Band D at each end, in pence a year
};

// The top rise within the referendum limit on the lever's grid; nullopt without a limit.
std::optional<BasisPoints> highest_rise_within_limit(const CouncilTax& ct);

// `histogram` is the aggregate's council tax histogram (lever_min_bp, lever_step_bp, ...). Bands with
// no values on the grid are left out; empty bands on the grid are kept (with 0), so the bands read alike
// for every budget with the same lever.
std::vector<TaxBand> council_tax_bands(const CouncilTax& ct, const std::vector<std::uint64_t>& histogram);

}  // namespace budget
