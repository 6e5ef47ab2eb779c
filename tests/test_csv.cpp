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

// One case per way a spreadsheet can still be reached (OWASP's list, and what an outside probe found).
BOOST_AUTO_TEST_CASE(formula_after_blanks_and_invisible_characters_is_neutralised) {
    BOOST_TEST(csv_text(" =1+1") == "\"' =1+1\"");
    BOOST_TEST(csv_text("   @SUM(A1)") == "\"'   @SUM(A1)\"");
    BOOST_TEST(csv_text("\xC2\xA0=1") == "\"'\xC2\xA0=1\"");               // NBSP
    BOOST_TEST(csv_text("\xE2\x80\x8B-1") == "\"'\xE2\x80\x8B-1\"");       // zero-width space
    BOOST_TEST(csv_text("\xEF\xBB\xBF+1") == "\"'\xEF\xBB\xBF+1\"");       // BOM
    BOOST_TEST(csv_text("\xE2\x80\xAA+1") == "\"'\xE2\x80\xAA+1\"");       // LEFT-TO-RIGHT EMBEDDING (found by fuzz_csv)
    BOOST_TEST(csv_text("\xE2\x81\xA6@x") == "\"'\xE2\x81\xA6@x\"");       // LEFT-TO-RIGHT ISOLATE
    BOOST_TEST(csv_text("\n=1") == "\"'\n=1\"");                          // LF
    BOOST_TEST(csv_text("\x1B=1") == "\"'\xEF\xBF\xBD=1\"");              // ESC, replaced as well
    BOOST_TEST(csv_text(std::string("\0=1", 3)) == "\"'\xEF\xBF\xBD=1\"");  // NUL
}

BOOST_AUTO_TEST_CASE(full_width_and_small_forms_are_neutralised) {
    BOOST_TEST(csv_text("\xEF\xBC\x9D" "1+1") == "\"'\xEF\xBC\x9D" "1+1\"");  // FULLWIDTH EQUALS SIGN
    BOOST_TEST(csv_text("\xEF\xBC\x8B" "1") == "\"'\xEF\xBC\x8B" "1\"");      // FULLWIDTH PLUS SIGN
    BOOST_TEST(csv_text("\xEF\xBC\x8D" "1") == "\"'\xEF\xBC\x8D" "1\"");      // FULLWIDTH HYPHEN-MINUS
    BOOST_TEST(csv_text("\xEF\xBC\xA0x") == "\"'\xEF\xBC\xA0x\"");      // FULLWIDTH COMMERCIAL AT
    BOOST_TEST(csv_text("\xE2\x88\x92" "1") == "\"'\xE2\x88\x92" "1\"");      // MINUS SIGN
}

BOOST_AUTO_TEST_CASE(pipe_and_line_starts_are_neutralised) {
    BOOST_TEST(csv_text("|calc") == "\"'|calc\"");
    BOOST_TEST(csv_text(" |calc") == "\"' |calc\"");
    BOOST_TEST(csv_text("\nx") == "\"'\nx\"");
}

BOOST_AUTO_TEST_CASE(text_that_merely_contains_signs_is_left_alone) {
    BOOST_TEST(csv_text("A+B") == "A+B");
    BOOST_TEST(csv_text(" spaced") == " spaced");
    BOOST_TEST(csv_text("Caf\xC3\xA9 - open") == "Caf\xC3\xA9 - open");
    BOOST_TEST(csv_text("") == "");
}

BOOST_AUTO_TEST_CASE(control_bytes_are_replaced_everywhere) {
    BOOST_TEST(csv_clean("a\x07" "b\x1B[31mc\x7F") == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD[31mc\xEF\xBF\xBD");
    BOOST_TEST(csv_clean("tab\there\r\nnext") == "tab\there\r\nnext");
    BOOST_TEST(csv_clean("bad \xFF byte") == "bad \xEF\xBF\xBD byte");
    BOOST_TEST(csv_text("bell\x07") == "\"bell\xEF\xBF\xBD\"");
}

BOOST_AUTO_TEST_CASE(rows_end_with_crlf) { BOOST_TEST(csv_row({"a", "b"}) == "a,b\r\n"); }

BOOST_AUTO_TEST_SUITE_END()
