// tax_bands: council tax choices in bands, counted exactly from the step histogram, with the change on
// Band D at each band's top; the referendum limit as a band of its own, and whole percents without one.
#include <boost/test/unit_test.hpp>

#include "support.h"
#include "tax_bands.h"

using namespace budget;

namespace {

// The histogram of the test budget's lever (-2% to 4.99% in 0.01% steps) with `counts` at given rises.
std::vector<std::uint64_t> histogram(const CouncilTax& ct, std::vector<std::pair<BasisPoints, std::uint64_t>> counts) {
    std::vector<std::uint64_t> h(static_cast<std::size_t>((ct.lever_max_bp - ct.lever_min_bp) / ct.lever_step_bp + 1), 0);
    for (const auto& [bp, n] : counts) h[static_cast<std::size_t>((bp - ct.lever_min_bp) / ct.lever_step_bp)] += n;
    return h;
}

std::string described(const std::vector<TaxBand>& bands) {
    std::string out;
    for (const TaxBand& b : bands) {
        const char* kind = b.kind == TaxBand::Kind::Cut ? "cut" : b.kind == TaxBand::Kind::Freeze ? "freeze" : b.kind == TaxBand::Kind::Limit ? "limit" : "rise";
        out += std::string(kind) + " " + std::to_string(b.low_bp) + ".." + std::to_string(b.high_bp) + " n=" + std::to_string(b.count) +
               " band_d=" + std::to_string(b.band_d_low) + ".." + std::to_string(b.band_d_high) + "\n";
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(tax_bands)

BOOST_AUTO_TEST_CASE(england_a_cut_none_whole_percents_to_the_limit_and_the_limit) {
    const Budget b = test::load_ok(test::small_budget());  // Band D £1,000.00; limit 2.99% + 2% = 4.99%
    const CouncilTax& ct = b.council_tax;
    BOOST_TEST(*highest_rise_within_limit(ct) == 499);
    const auto bands = council_tax_bands(ct, histogram(ct, {{-100, 2}, {0, 3}, {50, 1}, {100, 4}, {101, 5}, {498, 6}, {499, 7}}));
    BOOST_TEST(described(bands) ==
               "cut -200..0 n=2 band_d=-2000..0\n"
               "freeze 0..0 n=3 band_d=0..0\n"
               "rise 0..100 n=5 band_d=0..1000\n"     // 0.5% and 1% are in (0%, 1%]
               "rise 100..200 n=5 band_d=1000..2000\n"
               "rise 200..300 n=0 band_d=2000..3000\n"
               "rise 300..400 n=0 band_d=3000..4000\n"
               "rise 400..498 n=6 band_d=4000..4980\n"  // below the limit
               "limit 499..499 n=7 band_d=4990..4990\n");
    std::uint64_t all = 0;
    for (const TaxBand& band : bands) all += band.count;
    BOOST_TEST(all == 28u);  // every response in exactly one band
}

BOOST_AUTO_TEST_CASE(wales_has_no_limit_so_whole_percents_to_the_levers_top) {
    const Budget b = test::load_example("bro-tegid-2026.json");
    const CouncilTax& ct = b.council_tax;
    BOOST_REQUIRE(!ct.cap.capped);
    BOOST_TEST(!highest_rise_within_limit(ct));
    const auto bands = council_tax_bands(ct, histogram(ct, {{ct.lever_max_bp, 1}}));
    BOOST_TEST((bands.back().kind == TaxBand::Kind::Rise));
    BOOST_TEST(bands.back().high_bp == ct.lever_max_bp);
    BOOST_TEST(bands.back().count == 1u);
    BOOST_TEST(bands.size() == static_cast<std::size_t>(2 + (ct.lever_max_bp + 99) / 100));  // a cut, none, each whole percent
}

BOOST_AUTO_TEST_SUITE_END()
