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

BOOST_AUTO_TEST_CASE(uk_time_changes_at_01_00_utc_on_the_last_sundays_of_march_and_october) {
    const auto at = [](const char* utc) { return *parse_utc(utc); };
    // 2027: 28 March and 31 October; 2026: 29 March and 25 October.
    BOOST_TEST(uk_offset_seconds(at("2027-03-28T00:59:59Z")) == 0);
    BOOST_TEST(uk_offset_seconds(at("2027-03-28T01:00:00Z")) == 3600);
    BOOST_TEST(uk_offset_seconds(at("2027-10-31T00:59:59Z")) == 3600);
    BOOST_TEST(uk_offset_seconds(at("2027-10-31T01:00:00Z")) == 0);
    BOOST_TEST(uk_offset_seconds(at("2026-03-29T01:00:00Z")) == 3600);
    BOOST_TEST(uk_offset_seconds(at("2026-10-25T00:59:59Z")) == 3600);
    BOOST_TEST(uk_offset_seconds(at("2026-12-07T12:00:00Z")) == 0);
}

BOOST_AUTO_TEST_CASE(a_uk_day_starts_at_uk_midnight) {
    const auto day = [](const char* utc) { return format_date(uk_date(*parse_utc(utc))); };
    BOOST_TEST(day("2027-07-20T22:59:59Z") == "2027-07-20");  // 23:59:59 BST
    BOOST_TEST(day("2027-07-20T23:00:00Z") == "2027-07-21");  // midnight BST
    BOOST_TEST(day("2027-01-05T23:59:59Z") == "2027-01-05");  // GMT is UTC
    BOOST_TEST(day("2027-01-06T00:00:00Z") == "2027-01-06");
    BOOST_TEST(day("2027-03-28T00:30:00Z") == "2027-03-28");  // before the change, 00:30 GMT
    BOOST_TEST(day("2027-10-30T23:30:00Z") == "2027-10-31");  // 00:30 BST on the day it ends
}

BOOST_AUTO_TEST_CASE(uk_wall_clock_to_utc_and_back) {
    const auto at = [](const char* utc) { return *parse_utc(utc); };
    BOOST_TEST(*parse_uk_local("2027-07-20T23:59") == at("2027-07-20T22:59:00Z"));  // 23:59 BST is 22:59 UTC
    BOOST_TEST(*parse_uk_local("2027-01-05T09:00") == at("2027-01-05T09:00:00Z"));  // GMT is UTC
    BOOST_TEST(!parse_uk_local("2027-03-28T01:30"));                                // the hour the clocks skip
    BOOST_TEST(*parse_uk_local("2027-10-31T01:30") == at("2027-10-31T00:30:00Z"));  // twice: the first, in BST
    BOOST_TEST(!parse_uk_local("2027-07-20 23:59"));
    BOOST_TEST(format_uk_local(at("2027-07-20T22:59:00Z")) == "2027-07-20T23:59");
    BOOST_TEST(describe_uk(at("2027-07-20T22:59:00Z"), "en") == "20 July 2027 at 23:59 BST");
    BOOST_TEST(describe_uk(at("2027-07-20T22:59:00Z"), "cy") == "20 Gorffennaf 2027 am 23:59 BST");
    BOOST_TEST(describe_uk(1799139600, "en") == "5 January 2027 at 09:00 GMT");
}

BOOST_AUTO_TEST_SUITE_END()
