// calendar_date: dates and financial years read strictly, written one way, and counted back by years.
#include <boost/test/unit_test.hpp>

#include "calendar_date.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(calendar_date)

BOOST_AUTO_TEST_CASE(dates_read_strictly) {
    BOOST_TEST(format_date(*parse_date("2023-09-05")) == "2023-09-05");
    BOOST_TEST(format_date(*parse_date("2024-02-29")) == "2024-02-29");
    for (const char* bad : {"2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "23-09-05", "2023-9-05", "2023-09-05T00:00:00Z",
                            "1899-12-31", "２０２３-09-05", "", "2023/09/05"})
        BOOST_TEST(!parse_date(bad), bad);
}

BOOST_AUTO_TEST_CASE(order_and_words) {
    BOOST_TEST((*parse_date("2023-09-05") < *parse_date("2023-09-06")));
    BOOST_TEST((*parse_date("2022-12-31") < *parse_date("2023-01-01")));
    BOOST_TEST((*parse_date("2023-09-05") == *parse_date("2023-09-05")));
    BOOST_TEST(describe_date(*parse_date("2023-09-05"), "en") == "5 September 2023");
    BOOST_TEST(describe_date(*parse_date("2023-09-05"), "cy") == "5 Medi 2023");
}

BOOST_AUTO_TEST_CASE(years_before_keeps_the_day_or_the_month_end) {
    BOOST_TEST(format_date(years_before(*parse_date("2025-03-31"), 3)) == "2022-03-31");
    BOOST_TEST(format_date(years_before(*parse_date("2024-02-29"), 3)) == "2021-02-28");
    BOOST_TEST(format_date(years_before(*parse_date("2024-02-29"), 4)) == "2020-02-29");
}

BOOST_AUTO_TEST_CASE(financial_years) {
    BOOST_TEST(*parse_financial_year("2022/23") == 2022);
    BOOST_TEST(*parse_financial_year("1999/00") == 1999);
    BOOST_TEST(financial_year_name(1999) == "1999/00");
    BOOST_TEST(financial_year_name(2019) == "2019/20");
    for (const char* bad : {"2022/24", "2022-23", "2022/2023", "22/23", "2022/ 3"}) BOOST_TEST(!parse_financial_year(bad), bad);
}

BOOST_AUTO_TEST_SUITE_END()
