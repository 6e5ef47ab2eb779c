// Indicator formatting: units, decimals, thousands and signed changes.
#include <boost/test/unit_test.hpp>

#include "kpi_format.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(kpi_format)

BOOST_AUTO_TEST_CASE(values_by_unit) {
    Kpi k;
    k.unit = "percent";
    k.decimals = 1;
    BOOST_TEST(format_kpi_value(k, 58'450) == "58.5%");  // half away from zero
    k.unit = "pounds";
    k.decimals = 0;
    BOOST_TEST(format_kpi_value(k, 5'870'400) == "\xC2\xA3" "5,870");
    k.decimals = 2;
    BOOST_TEST(format_kpi_value(k, 214'600) == "\xC2\xA3" "214.60");
    k.unit = "days";
    k.decimals = 0;
    BOOST_TEST(format_kpi_value(k, 236'000) == "236 days");
    k.unit = "rate_per_10000";
    BOOST_TEST(format_kpi_value(k, 66'000) == "66 per 10,000");
    k.unit = "count";
    BOOST_TEST(format_kpi_value(k, 3'305'000) == "3,305");
}

BOOST_AUTO_TEST_CASE(changes_are_signed) {
    Kpi k;
    k.unit = "percent";
    k.decimals = 1;
    BOOST_TEST(format_kpi_change(k, 1'234) == "+1.2 points");
    BOOST_TEST(format_kpi_change(k, -500) == "-0.5 points");
    BOOST_TEST(format_kpi_change(k, 0) == "\xC2\xB1" "0.0 points");
    k.unit = "pounds";
    k.decimals = 0;
    BOOST_TEST(format_kpi_change(k, -35'000) == "-\xC2\xA3" "35");
    // Units in the reader's language.
    KpiWords cy;
    cy.points = " pwynt";
    cy.days = " diwrnod";
    cy.per = " fesul ";
    k.unit = "percent";
    BOOST_TEST(format_kpi_change(k, 1'000, cy) == "+1 pwynt");
    k.unit = "days";
    BOOST_TEST(format_kpi_change(k, -2'000, cy) == "-2 diwrnod");
    k.unit = "rate_per_10000";
    BOOST_TEST(format_kpi_value(k, 66'000, cy) == "66 fesul 10,000");
}

BOOST_AUTO_TEST_CASE(a_change_from_shown_figures_never_contradicts_them) {
    Kpi k;
    k.unit = "percent";
    k.decimals = 0;
    // 56.4% and 55.6% both show as 56%: the change people see is none, not "-1 points".
    BOOST_TEST(format_kpi_value(k, 56'400) == "56%");
    BOOST_TEST(format_kpi_value(k, 55'600) == "56%");
    BOOST_TEST(round_kpi(k, 55'600) - round_kpi(k, 56'400) == 0);
    BOOST_TEST(round_kpi(k, 56'500) == 57'000);   // half away from zero
    BOOST_TEST(round_kpi(k, -56'500) == -57'000);
    k.decimals = 1;
    BOOST_TEST(round_kpi(k, 58'450) == 58'500);
    BOOST_TEST(format_kpi_change(k, round_kpi(k, 58'450) - round_kpi(k, 57'340)) == "+1.2 points");  // 58.5 - 57.3
    k.decimals = 3;
    BOOST_TEST(round_kpi(k, 12'345) == 12'345);
}

BOOST_AUTO_TEST_SUITE_END()
