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
}

BOOST_AUTO_TEST_SUITE_END()
