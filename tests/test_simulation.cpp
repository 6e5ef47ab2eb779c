// Simulation: totals, balance, bills, receipts, indicators and consequences, all exact.
#include <boost/test/unit_test.hpp>

#include <numeric>

#include "council_tax.h"
#include "simulation.h"
#include "support.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(simulation)

BOOST_AUTO_TEST_CASE(at_rest_the_gap_is_the_savings_target) {
    const Budget b = test::load_ok(test::small_budget());
    const Outcome o = simulate(b, default_choices(b));
    BOOST_TEST(o.spend_total == 170'000'000);
    BOOST_TEST(o.funding_total == 160'000'000);
    BOOST_TEST(o.remaining_gap == b.gap_to_close);
    BOOST_TEST(!o.balanced);
    BOOST_TEST(o.council_tax_change == 0);
}

BOOST_AUTO_TEST_CASE(levers_move_the_totals_exactly) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    c.service_bp[0] = -500;       // care -5%: -£50,000
    c.service_bp[1] = -1000;      // parks -10%: -£50,000
    c.efficiency_on[0] = 1;       // +£50,000 saving, £10,000 one-off
    c.income_on[0] = 1;           // +£30,000
    c.council_tax_bp = 199;       // Band D £1,000 -> £1,019.90: +£19,900 over 1000 Band D
    const Outcome o = simulate(b, c);
    BOOST_TEST(o.services[0].change == -5'000'000);
    BOOST_TEST(o.services[0].spend == 100'000'000 - 5'000'000 - 5'000'000);  // linked saving comes off care
    BOOST_TEST(o.spend_total == 170'000'000 - 5'000'000 - 5'000'000 - 5'000'000 + 1'000'000);
    BOOST_TEST(o.band_d == 101'990);
    BOOST_TEST(o.council_tax_income == 101'990'000);
    BOOST_TEST(o.council_tax_change == 1'990'000);
    BOOST_TEST(o.funding_total == 60'000'000 + 101'990'000 + 3'000'000);
    BOOST_TEST(o.remaining_gap == 156'000'000 - 164'990'000);
    BOOST_TEST(o.balanced);
    BOOST_TEST(o.efficiency_savings == 5'000'000);
    BOOST_TEST(o.one_off_costs == 1'000'000);
    BOOST_TEST(o.high_risk_savings == 0);
}

BOOST_AUTO_TEST_CASE(exactly_zero_gap_balances) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    c.service_bp[0] = -1000;  // exactly the £100,000 gap
    const Outcome o = simulate(b, c);
    BOOST_TEST(o.remaining_gap == 0);
    BOOST_TEST(o.balanced);
}

BOOST_AUTO_TEST_CASE(bills_for_every_band) {
    const Budget b = test::load_ok(test::small_budget());
    const Outcome o = simulate(b, default_choices(b));
    const std::vector<Pence> expected = {66'667, 77'778, 88'889, 100'000, 122'222, 144'444, 166'667, 200'000};
    BOOST_TEST(o.bills == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(receipt_sums_exactly_to_the_bill_and_skips_locked_lines) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    for (BasisPoints care = -1000; care <= 1000; care += 100) {
        for (std::size_t band = 0; band < 8; ++band) {
            c.service_bp[0] = care;
            const Outcome o = simulate(b, c);
            std::vector<Pence> receipt;
            tax_receipt(b, o, band, receipt);
            BOOST_TEST(std::accumulate(receipt.begin(), receipt.end(), Pence{0}) == o.bills[band]);
            BOOST_TEST(receipt[2] == 0);  // the locked debt line is not paid from council tax
        }
    }
    // Band D, at rest: care 1,000,000 and parks 500,000 share £1,000 as 2:1.
    const Outcome o = simulate(b, default_choices(b));
    std::vector<Pence> receipt;
    tax_receipt(b, o, 3, receipt);
    BOOST_TEST(receipt[0] == 66'667);
    BOOST_TEST(receipt[1] == 33'333);
}

BOOST_AUTO_TEST_CASE(consequence_follows_the_slider) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    const std::pair<BasisPoints, std::size_t> cases[] = {{-1000, 0}, {-100, 0}, {0, 1}, {100, 2}, {1000, 2}};
    for (const auto& [bp, band] : cases) {
        c.service_bp[0] = bp;
        BOOST_TEST(simulate(b, c).services[0].consequence == band);
    }
}

BOOST_AUTO_TEST_CASE(indicator_response_has_diminishing_returns_and_a_cap) {
    KpiResponse r{0, 200, 1000, 3000};  // 0.2 per 1%, half-saturation 10%, cap 3
    BOOST_TEST(response_effect(r, 0) == 0);
    BOOST_TEST(response_effect(r, 100) == 182);     // 0.2 × 1 × 10/11 = 0.1818..
    BOOST_TEST(response_effect(r, -100) == -182);
    BOOST_TEST(response_effect(r, 1000) == 1000);   // half of linear (2.0) at the half-saturation point
    BOOST_TEST(response_effect(r, 2000) == 1333);   // 4.0 × 10/30
    BOOST_TEST(response_effect(r, 100000) == 1980); // 200 × 1000 × 1000/101000, far below linear
    r.max_effect = 1200;
    BOOST_TEST(response_effect(r, 2000) == 1200);   // capped
    BOOST_TEST(response_effect(r, -2000) == -1200);
    // Each step further moves it less than the one before (to within a milli-unit of rounding).
    r.max_effect = 1'000'000;
    Milli last_gain = 1'000'000, previous = 0;
    for (BasisPoints bp = 100; bp <= 5000; bp += 100) {
        const Milli now = response_effect(r, bp);
        BOOST_TEST(now - previous <= last_gain + 1);
        last_gain = now - previous;
        previous = now;
    }
}

BOOST_AUTO_TEST_CASE(indicators_move_rag_and_respect_bounds) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    Outcome o = simulate(b, c);
    BOOST_TEST(o.kpis[0].current == 58'500);
    BOOST_TEST(o.kpis[0].projected == 58'500);
    BOOST_TEST(std::string(rag_id(o.kpis[0].current_rag)) == "amber");
    c.service_bp[1] = 1000;  // parks +10%: +1.0
    c.efficiency_on[0] = 1;  // -1.5
    o = simulate(b, c);
    BOOST_TEST(o.kpis[0].moved == 1'000 - 1'500);
    BOOST_TEST(o.kpis[0].projected == 58'000);
    c.efficiency_on[0] = 0;
    c.service_bp[1] = -2000;  // parks -20%: 0.2 × -20 × 10/30 = -1.333
    o = simulate(b, c);
    BOOST_TEST(o.kpis[0].projected == 57'167);
    BOOST_TEST(std::string(rag_id(o.kpis[0].projected_rag)) == "amber");
}

BOOST_AUTO_TEST_CASE(rag_polarity) {
    Kpi k;
    k.polarity = Polarity::HigherIsBetter;
    k.green = 60'000;
    k.amber = 55'000;
    BOOST_TEST(std::string(rag_id(rag_of(k, 60'000))) == "green");
    BOOST_TEST(std::string(rag_id(rag_of(k, 59'999))) == "amber");
    BOOST_TEST(std::string(rag_id(rag_of(k, 55'000))) == "amber");
    BOOST_TEST(std::string(rag_id(rag_of(k, 54'999))) == "red");
    k.polarity = Polarity::LowerIsBetter;
    k.green = 10'000;
    k.amber = 20'000;
    BOOST_TEST(std::string(rag_id(rag_of(k, 10'000))) == "green");
    BOOST_TEST(std::string(rag_id(rag_of(k, 20'000))) == "amber");
    BOOST_TEST(std::string(rag_id(rag_of(k, 20'001))) == "red");
}

BOOST_AUTO_TEST_CASE(most_saving_choices_balance_every_example) {
    for (const char* name : {"northmoor-county-2026.json", "eastbrook-district-2026.json", "bro-tegid-2026.json"}) {
        const Budget b = test::load_example(name);
        BOOST_TEST(simulate(b, most_saving_choices(b)).balanced, name);
        BOOST_TEST(simulate(b, default_choices(b)).remaining_gap == b.gap_to_close, name);
    }
}

BOOST_AUTO_TEST_SUITE_END()
