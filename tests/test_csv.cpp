// CSV cells: quoting and formula-injection neutralisation.
#include <boost/test/unit_test.hpp>

#include "csv.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(csv)

BOOST_AUTO_TEST_CASE(plain_text_is_unchanged) { BOOST_TEST(csv_text("Libraries") == "Libraries"); }

BOOST_AUTO_TEST_CASE(quotes_and_commas_are_escaped) {
    BOOST_TEST(csv_text("a, b") == "\"a, b\"");
    BOOST_TEST(csv_text("say \"hi\"") == "\"say \"\"hi\"\"\"");
    BOOST_TEST(csv_text("two\nlines") == "\"two\nlines\"");
}

BOOST_AUTO_TEST_CASE(formula_starts_are_neutralised) {
    BOOST_TEST(csv_text("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"");
    BOOST_TEST(csv_text("+1") == "\"'+1\"");
    BOOST_TEST(csv_text("-2+3") == "\"'-2+3\"");
    BOOST_TEST(csv_text("@SUM(A1)") == "\"'@SUM(A1)\"");
    BOOST_TEST(csv_text("\tx") == "\"'\tx\"");
    BOOST_TEST(csv_text("\rx") == "\"'\rx\"");
}

BOOST_AUTO_TEST_CASE(rows_end_with_crlf) { BOOST_TEST(csv_row({"a", "b"}) == "a,b\r\n"); }

BOOST_AUTO_TEST_SUITE_END()
