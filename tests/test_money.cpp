// Money: parsing, rounding and formatting are exact.
#include <boost/test/unit_test.hpp>

#include "money.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(money)

BOOST_AUTO_TEST_CASE(parses_pounds_exactly) {
    BOOST_TEST(*parse_pounds("1234.56") == 123456);
    BOOST_TEST(*parse_pounds("1,234.5") == 123450);
    BOOST_TEST(*parse_pounds("-0.01") == -1);
    BOOST_TEST(*parse_pounds("0.1") == 10);
    BOOST_TEST(*parse_pounds("1000000000000") == kMaxPence);
    BOOST_TEST(!parse_pounds("1000000000000.01"));
    BOOST_TEST(!parse_pounds("1.234"));
    BOOST_TEST(!parse_pounds("£12"));
    BOOST_TEST(!parse_pounds("12."));
    BOOST_TEST(!parse_pounds(""));
    BOOST_TEST(!parse_pounds("-"));
    BOOST_TEST(!parse_pounds("1e5"));
}

BOOST_AUTO_TEST_CASE(rounds_halves_away_from_zero) {
    BOOST_TEST(divide_round(5, 10) == 1);
    BOOST_TEST(divide_round(-5, 10) == -1);
    BOOST_TEST(divide_round(4, 10) == 0);
    BOOST_TEST(divide_round(-4, 10) == 0);
    BOOST_TEST(divide_round(15, -10) == -2);
    // 2.99% of £1,712.43 = £51.201657 -> £51.20
    BOOST_TEST(percent_of(171243, 299) == 5120);
    // 0.5% of 1p is half a penny: rounds away from zero
    BOOST_TEST(percent_of(100, 50) == 1);
    BOOST_TEST(percent_of(-100, 50) == -1);
}

BOOST_AUTO_TEST_CASE(summing_tenths_of_a_pound_is_exact) {
    // 0.1 added ten million times is exactly one million pounds (binary floats drift here).
    Pence total = 0;
    for (int i = 0; i < 10'000'000; ++i) total += *parse_pounds("0.10");
    BOOST_TEST(total == 100'000'000);
    double drifting = 0;
    for (int i = 0; i < 10'000'000; ++i) drifting += 0.1;
    BOOST_TEST(drifting != 1'000'000.0);
}

BOOST_AUTO_TEST_CASE(formats) {
    BOOST_TEST(format_pounds(123456) == "\xC2\xA3" "1,234.56");
    BOOST_TEST(format_pounds(-5) == "-\xC2\xA3" "0.05");
    BOOST_TEST(format_pounds(0) == "\xC2\xA3" "0.00");
    BOOST_TEST(format_pounds(100'000'000'000) == "\xC2\xA3" "1,000,000,000.00");
    BOOST_TEST(format_pounds_short(3'000'782'418) == "\xC2\xA3" "30.0m");
    BOOST_TEST(format_pounds_short(35'000'000) == "\xC2\xA3" "350k");
    BOOST_TEST(format_pounds_short(1250) == "\xC2\xA3" "12.50");
    // Thousands separators in millions too (a county's whole budget).
    BOOST_TEST(format_pounds_short(129'667'000'000) == "\xC2\xA3" "1,296.7m");
    BOOST_TEST(format_pounds_short(-1'234'567'890'000) == "-\xC2\xA3" "12,345.7m");
    BOOST_TEST(format_pounds_short(99'995'000'000) == "\xC2\xA3" "1,000.0m");
    BOOST_TEST(pounds_decimal(-123456) == "-1234.56");
    BOOST_TEST(format_bp_as_percent(299) == "2.99");
    BOOST_TEST(format_bp_as_percent(-500) == "-5");
    BOOST_TEST(format_bp_as_percent(50) == "0.5");
    BOOST_TEST(format_bp_as_percent(-5) == "-0.05");
}

BOOST_AUTO_TEST_CASE(format_fixed_is_exact) {
    BOOST_TEST(format_fixed(-1234, 2) == "-12.34");
    BOOST_TEST(format_fixed(5, 4) == "0.0005");
    BOOST_TEST(format_fixed(-5, 4) == "-0.0005");
    BOOST_TEST(format_fixed(42, 0) == "42");
    BOOST_TEST(format_fixed(INT64_MIN, 2) == "-92233720368547758.08");  // no wrapped magnitude
}

BOOST_AUTO_TEST_SUITE_END()
