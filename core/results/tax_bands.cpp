// Council tax choices grouped into bands, each counted exactly from the step histogram.
#include "tax_bands.h"

#include <optional>

#include "council_tax.h"

namespace budget {

std::optional<BasisPoints> highest_rise_within_limit(const CouncilTax& ct) {
    if (!ct.cap.capped) return std::nullopt;
    std::optional<BasisPoints> best;
    for (BasisPoints v = ct.lever_min_bp; v <= ct.lever_max_bp && ct.lever_step_bp > 0; v += ct.lever_step_bp)
        if (within_cap(ct, v)) best = v;
    return best;
}

std::vector<TaxBand> council_tax_bands(const CouncilTax& ct, const std::vector<std::uint64_t>& histogram) {
    std::vector<TaxBand> bands;
    if (ct.lever_step_bp <= 0) return bands;
    const std::optional<BasisPoints> limit = highest_rise_within_limit(ct);
    const BasisPoints top = limit && *limit > 0 ? *limit : ct.lever_max_bp;
    const auto change = [&](BasisPoints bp) { return band_d_after(ct, bp) - ct.band_d; };
    const auto add = [&](TaxBand::Kind kind, BasisPoints low, BasisPoints high) {
        TaxBand b;
        b.kind = kind;
        b.low_bp = low;
        b.high_bp = high;
        bool on_grid = false;
        for (std::size_t k = 0; k < histogram.size(); ++k) {
            const BasisPoints v = ct.lever_min_bp + static_cast<BasisPoints>(k) * ct.lever_step_bp;
            const bool in = kind == TaxBand::Kind::Cut ? v < 0
                          : kind == TaxBand::Kind::Rise ? v > low && v <= high
                                                        : v == high;
            if (!in) continue;
            on_grid = true;
            b.count += histogram[k];
        }
        if (!on_grid) return;
        b.band_d_low = change(kind == TaxBand::Kind::Rise ? low : kind == TaxBand::Kind::Cut ? ct.lever_min_bp : high);
        b.band_d_high = change(kind == TaxBand::Kind::Cut ? 0 : high);
        bands.push_back(b);
    };
    add(TaxBand::Kind::Cut, ct.lever_min_bp, 0);
    add(TaxBand::Kind::Freeze, 0, 0);
    // (0, 1], (1, 2], ... and the last part below the limit; the limit itself apart.
    for (BasisPoints low = 0; low < top; low += 100) {
        const BasisPoints high = std::min<BasisPoints>(low + 100, top);
        if (limit && high == top) {
            if (high - 1 > low) add(TaxBand::Kind::Rise, low, high - 1);
            break;
        }
        add(TaxBand::Kind::Rise, low, high);
    }
    if (limit && *limit > 0) add(TaxBand::Kind::Limit, *limit, *limit);
    return bands;
}

}  // namespace budget
