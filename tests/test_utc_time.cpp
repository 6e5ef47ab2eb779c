// utc_time: ISO 8601 UTC text and Unix seconds, both ways, exactly; bad text refused.
#include <boost/test/unit_test.hpp>

#include "utc_time.h"

using budget::describe_utc;
using budget::format_utc;
using budget::parse_utc;

BOOST_AUTO_TEST_SUITE(utc_time)

BOOST_AUTO_TEST_CASE(known_instants) {
    BOOST_TEST(*parse_utc("1970-01-01T00:00:00Z") == 0);
    BOOST_TEST(*parse_utc("2000-03-01T00:00:00Z") == 951868800);
    BOOST_TEST(*parse_utc("2027-01-05T09:00:00Z") == 1799139600);
    BOOST_TEST(*parse_utc("2027-01-05T09:00:00.999Z") == 1799139600);  // fractions dropped
    BOOST_TEST(*parse_utc("2027-01-05T09:00:00+00:00") == 1799139600);
    BOOST_TEST(*parse_utc("2024-02-29T23:59:59Z") == 1709251199);
    BOOST_TEST(*parse_utc("9999-12-31T23:59:59Z") == 253402300799);
}

BOOST_AUTO_TEST_CASE(round_trips_every_day_for_four_centuries) {
    for (std::int64_t day = 0; day < 4 * 146097; day += 1) {
        const std::int64_t t = day * 86400 + (day % 86400);
        const auto back = parse_utc(format_utc(t));
        BOOST_REQUIRE(back);
        BOOST_REQUIRE_EQUAL(*back, t);
    }
}

BOOST_AUTO_TEST_CASE(refuses_what_is_not_a_utc_time) {
    for (const char* bad : {"", "2027-01-05", "2027-01-05T09:00:00", "2027-01-05T09:00:00+01:00", "2027-01-05 09:00:00Z",
                            "2027-02-29T00:00:00Z", "2027-13-01T00:00:00Z", "2027-04-31T00:00:00Z", "2027-01-05T24:00:00Z",
                            "2027-01-05T09:60:00Z", "2027-01-05T09:00:60Z", "1969-12-31T23:59:59Z", "2027-01-05T09:00:00.Z",
                            "2027-01-05T09:00:00ZZ", "2O27-01-05T09:00:00Z", "2027-01-05T09:00:00.1234567890Z"})
        BOOST_TEST(!parse_utc(bad).has_value(), bad);
}

BOOST_AUTO_TEST_CASE(describes_in_english_and_welsh) {
    BOOST_TEST(describe_utc(1799139600, "en") == "5 January 2027 at 09:00 UTC");
    BOOST_TEST(describe_utc(1799139600, "cy") == "5 Ionawr 2027 am 09:00 UTC");
    BOOST_TEST(format_utc(1799139600) == "2027-01-05T09:00:00Z");
}

BOOST_AUTO_TEST_SUITE_END()
