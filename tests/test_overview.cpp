// The budget at a glance: group totals, funding, and cost per resident and per Band D household.
#include <boost/test/unit_test.hpp>

#include "overview.h"
#include "support.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(overview)

BOOST_AUTO_TEST_CASE(at_rest_it_shows_the_budget_as_set) {
    const Budget b = test::load_ok(test::small_budget());
    const Overview v = budget::overview(b, simulate(b, default_choices(b)));
    BOOST_TEST(v.net_budget == 170'000'000);
    BOOST_REQUIRE(v.groups.size() == 1u);
    BOOST_TEST(v.groups[0].spend == 170'000'000);
    BOOST_TEST(v.groups[0].locked == 20'000'000);  // the debt line
    BOOST_REQUIRE(v.funding.size() == 1u);
    BOOST_TEST(v.funding[0] == 60'000'000);
    BOOST_TEST(v.council_tax == 100'000'000);
    BOOST_TEST(v.other_income == 0);
    BOOST_TEST(v.per_resident == 1'700);   // £1.7m over 100,000 people: £17.00
    BOOST_TEST(v.per_band_d == 170'000);   // over 1,000 Band D equivalents: £1,700.00
}

BOOST_AUTO_TEST_CASE(it_follows_the_choices) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    c.service_bp[1] = -1000;  // parks -10%: -£50,000
    c.efficiency_on[0] = 1;   // -£50,000 from care, £10,000 one-off
    c.income_on[0] = 1;       // +£30,000
    const Outcome o = simulate(b, c);
    const Overview v = budget::overview(b, o);
    BOOST_TEST(v.net_budget == o.spend_total);
    BOOST_TEST(v.groups[0].spend == 170'000'000 - 5'000'000 - 5'000'000);
    BOOST_TEST(v.one_off_costs == 1'000'000);
    BOOST_TEST(v.other_income == 3'000'000);
    BOOST_TEST(v.per_resident == 1'610);  // £1.61m (with the one-off cost) over 100,000
}

BOOST_AUTO_TEST_CASE(per_head_figures_round_to_the_nearest_penny) {
    nlohmann::json j = test::small_budget();
    j["council"]["population"] = 300'000;  // £1.7m / 300,000 = 566.67p
    j["council_tax"]["tax_base_band_d_equivalents"] = "3000.00";
    j["council_tax"]["band_d"] = "333.33";  // council tax £999,990, so the gap is £100,010
    j["gap_to_close"] = "100010.00";
    const Budget b = test::load_ok(j);
    const Overview v = budget::overview(b, simulate(b, default_choices(b)));
    BOOST_TEST(v.per_resident == 567);
    BOOST_TEST(v.per_band_d == 56'667);
}

BOOST_AUTO_TEST_SUITE_END()
