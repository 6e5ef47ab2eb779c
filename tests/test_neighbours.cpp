// neighbours: the median, the unscaled MAD, the distance and its words at every band's edge and
// either side, a zero spread, polarity and none, unpublished figures, and exact decimals.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <ostream>
#include <sstream>

#include "budget_loader.h"
#include "neighbours.h"

namespace budget {
std::ostream& operator<<(std::ostream& out, Standing s) { return out << standing_words(s); }
}  // namespace budget

using namespace budget;

namespace {

Fraction n(std::int64_t whole) { return Fraction(whole); }
Fraction ratio(std::int64_t a, std::int64_t b) { return Fraction(BigInt(a), BigInt(b)); }

// Median 10 and MAD 2 (deviations 4, 2, 0, 2, 4): a value 10 + 2d is d deviations above.
const std::vector<std::optional<Fraction>> kSpread{n(6), n(8), n(10), n(12), n(14)};

std::optional<Standing> standing(const Fraction& value, std::optional<Polarity> polarity = Polarity::HigherIsBetter) {
    return compare_with_neighbours(value, kSpread, polarity)->standing;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(neighbours)

BOOST_AUTO_TEST_CASE(median_and_mad_are_exact) {
    const auto c = compare_with_neighbours(n(11), kSpread, Polarity::HigherIsBetter);
    BOOST_REQUIRE(c);
    BOOST_TEST(c->median.to_string() == "10");
    BOOST_TEST(c->mad.to_string() == "2");
    BOOST_TEST(c->distance->to_string() == "1/2");
    BOOST_TEST(c->published == 5u);
    // An even count: halfway between the middle two, and the deviations' median likewise.
    const auto even = compare_with_neighbours(n(0), {ratio(705, 10), n(72), ratio(68, 1), ratio(725, 10)}, std::nullopt);
    BOOST_TEST(even->median.to_string() == "285/4");  // 68, 70.5, 72, 72.5: (70.5 + 72) / 2 = 71.25
    BOOST_TEST(even->mad.to_string() == "1");         // 0.75, 0.75, 1.25, 3.25: (0.75 + 1.25) / 2
}

BOOST_AUTO_TEST_CASE(words_at_each_band_edge_and_either_side) {
    const Fraction tiny = ratio(1, 1000);  // a thousandth of a deviation is 2/1000 in value
    BOOST_TEST(*standing(n(10)) == Standing::BroadlySimilar);
    BOOST_TEST(*standing(n(11) - tiny) == Standing::BroadlySimilar);  // 0.4995
    BOOST_TEST(*standing(n(11)) == Standing::SlightlyBetter);         // 0.5
    BOOST_TEST(*standing(n(13) - tiny) == Standing::SlightlyBetter);  // just under 1.5
    BOOST_TEST(*standing(n(13)) == Standing::Better);                 // 1.5
    BOOST_TEST(*standing(n(16) - tiny) == Standing::Better);          // just under 3
    BOOST_TEST(*standing(n(16)) == Standing::MuchBetter);             // 3
    BOOST_TEST(*standing(n(25)) == Standing::MuchBetter);             // 7.5, the last with words
    BOOST_TEST(!standing(n(25) + tiny));                              // beyond 7.5: the figures alone
    BOOST_TEST(*standing(n(9)) == Standing::SlightlyWorse);
    BOOST_TEST(*standing(n(7)) == Standing::Worse);
    BOOST_TEST(*standing(n(4)) == Standing::MuchWorse);
    BOOST_TEST(*standing(n(-5)) == Standing::MuchWorse);
    BOOST_TEST(!standing(n(-5) - tiny));
}

BOOST_AUTO_TEST_CASE(polarity_turns_the_words_round_and_none_says_higher_or_lower) {
    BOOST_TEST(*standing(n(13), Polarity::LowerIsBetter) == Standing::Worse);
    BOOST_TEST(*standing(n(7), Polarity::LowerIsBetter) == Standing::Better);
    BOOST_TEST(*standing(n(11), std::nullopt) == Standing::SlightlyHigher);
    BOOST_TEST(*standing(n(7), std::nullopt) == Standing::Lower);
    BOOST_TEST(*standing(n(17), std::nullopt) == Standing::MuchHigher);
    BOOST_TEST(*standing(n(10), std::nullopt) == Standing::BroadlySimilar);
    BOOST_TEST(std::string(standing_words(Standing::MuchLower)) == "much lower");
}

BOOST_AUTO_TEST_CASE(a_zero_spread_says_the_same_or_nothing) {
    const std::vector<std::optional<Fraction>> flat{n(5), n(5), n(5), n(9)};  // median 5, deviations 0, 0, 0, 4: MAD 0
    const auto same = compare_with_neighbours(n(5), flat, Polarity::HigherIsBetter);
    BOOST_TEST(same->mad.to_string() == "0");
    BOOST_TEST(!same->distance);
    BOOST_TEST(*same->standing == Standing::Same);
    BOOST_TEST(std::string(standing_words(*same->standing)) == "the same as similar councils");
    const auto other = compare_with_neighbours(n(6), flat, Polarity::HigherIsBetter);
    BOOST_TEST(!other->distance);
    BOOST_TEST(!other->standing);
}

BOOST_AUTO_TEST_CASE(unpublished_figures_are_left_out_and_none_at_all_is_no_comparison) {
    std::vector<std::optional<Fraction>> gaps = kSpread;
    gaps.insert(gaps.begin() + 2, std::nullopt);
    gaps.push_back(std::nullopt);
    const auto c = compare_with_neighbours(n(13), gaps, Polarity::HigherIsBetter);
    BOOST_TEST(c->published == 5u);
    BOOST_TEST(c->median.to_string() == "10");
    BOOST_TEST(!compare_with_neighbours(n(1), {std::nullopt, std::nullopt}, std::nullopt));
}

BOOST_AUTO_TEST_CASE(fixed_decimals_round_halves_away_from_zero) {
    BOOST_TEST(fixed_decimal(ratio(2, 3), 3) == "0.667");
    BOOST_TEST(fixed_decimal(ratio(1, 3), 3) == "0.333");
    BOOST_TEST(fixed_decimal(ratio(1, 2000), 3) == "0.001");
    BOOST_TEST(fixed_decimal(ratio(-1, 2000), 3) == "-0.001");
    BOOST_TEST(fixed_decimal(ratio(-1, 3000), 3) == "0.000");
    BOOST_TEST(fixed_decimal(n(15).over(2), 3) == "7.500");
    BOOST_TEST(fixed_decimal(n(123456), 0) == "123456");
}

BOOST_AUTO_TEST_CASE(the_example_county_beside_its_similar_councils) {
    auto read = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        return s.str();
    };
    const ProfileLoad profile = load_profile(read(std::string(BUDGETS_DIR) + "/councils/northmoor-county.json"));
    const BudgetLoad budget = load_budget(read(std::string(BUDGETS_DIR) + "/northmoor-county-2026.json"));
    BOOST_REQUIRE(profile.profile && budget.budget);
    // Worked by hand (Python's fractions), each the latest in the budget's history (2025/26) beside
    // the neighbours' 2024/25: satisfaction 56 against a median of 59, MAD 2: exactly 1.5 below,
    // higher is better; children in care 66 against 63, MAD 6: exactly 0.5 above, lower is better;
    // the library figures leave out the one council that published none.
    BOOST_TEST(benchmark_json(benchmark(*profile.profile, *budget.budget)) ==
               R"({"indicators":[)"
               R"({"id":"asc-cost-per-head","year":"2024/25","own_year":"2025/26","value":"571","median":"575","mad":"22","distance":"0.182","words":"broadly similar"},)"
               R"({"id":"children-in-care","year":"2024/25","own_year":"2025/26","value":"66","median":"63","mad":"6","distance":"0.500","words":"slightly worse"},)"
               R"({"id":"recycling-rate","year":"2024/25","own_year":"2025/26","value":"53.4","median":"49.1","mad":"2.7","distance":"1.593","words":"better"},)"
               R"({"id":"roads-needing-repair","year":"2024/25","own_year":"2025/26","value":"4.4","median":"3.5","mad":"0.4","distance":"2.250","words":"worse"},)"
               R"({"id":"satisfaction","year":"2024/25","own_year":"2025/26","value":"56","median":"59","mad":"2","distance":"1.500","words":"worse"}],)"
               R"("services":[{"id":"highways-maintenance","year":"2024/25","per_resident":"48.83","median":"46.2"},)"
               R"({"id":"libraries","year":"2024/25","per_resident":"12.21","median":"11.1"},)"
               R"({"id":"waste-disposal","year":"2024/25","per_resident":"66.89","median":"64.3"}]})");
}

BOOST_AUTO_TEST_SUITE_END()
