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

BOOST_AUTO_TEST_CASE(the_gap_closes_by_these_steps_exactly) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    c.service_bp[1] = -1000;
    c.efficiency_on[0] = 1;
    c.income_on[0] = 1;
    c.council_tax_bp = 199;
    const Outcome o = simulate(b, c);
    const GapSteps g = gap_steps(b, o);
    BOOST_TEST(g.gap_to_close == 10'000'000);
    BOOST_TEST(g.service_changes == -5'000'000);
    BOOST_TEST(g.savings == 5'000'000);
    BOOST_TEST(g.one_off_costs == 1'000'000);
    BOOST_TEST(g.income == 3'000'000);
    BOOST_TEST(g.council_tax == 1'990'000);
    BOOST_TEST(g.gap_to_close + g.service_changes - g.savings + g.one_off_costs - g.income - g.council_tax == g.remaining);
    BOOST_TEST(g.remaining == o.remaining_gap);
}

BOOST_AUTO_TEST_CASE(a_surplus_says_how_low_council_tax_could_go) {
    const Budget b = test::load_ok(test::small_budget());  // gap £100,000; 1% of council tax is £10,000
    Choices c = default_choices(b);
    BOOST_TEST(!lowest_balancing_council_tax(b, c).has_value());  // not balanced: nothing to say
    c.service_bp[0] = -1000;  // care -£100,000: balanced exactly at 0%
    BOOST_TEST(*lowest_balancing_council_tax(b, c) == 0);
    c.council_tax_bp = 499;   // a surplus of £49,900: the lowest balancing step is 0% itself
    BOOST_TEST(*lowest_balancing_council_tax(b, c) == 0);
    c.service_bp[1] = -2000;  // parks -£100,000 more: council tax could fall 2% (the lever's floor) and still balance
    BOOST_TEST(*lowest_balancing_council_tax(b, c) == -200);
    c.service_bp[1] = 0;
    c.service_bp[0] = -1100;  // £10,000 more than needed: -1%, exactly
    c.council_tax_bp = 299;
    BOOST_TEST(*lowest_balancing_council_tax(b, c) == -100);
}

BOOST_AUTO_TEST_SUITE_END()
