// Per-submission CSV export: a column per lever, exact decimals, neutralised free text.
#include <boost/test/unit_test.hpp>

#include "submission_export.h"
#include "support.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(submission_export)

BOOST_AUTO_TEST_CASE(header_and_row) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    c.service_bp[0] = -1000;
    c.income_on[0] = 1;
    c.council_tax_bp = 199;
    Submission s = make_submission(b, c, "export-0001");
    s.overall_comment = "=HYPERLINK(\"http://evil\",\"click\")";
    s.service_comments.emplace_back(1, "+44 7700 900000, call me");
    s.service_comments.emplace_back(0, "<script>alert('x')</script>");
    const Outcome o = simulate(b, c);
    BOOST_TEST(export_csv_header(b) ==
               "\xEF\xBB\xBFsubmission_id,received_at,language,service:care (%),service:parks (%),efficiency:shared,income:fees,"
               "council_tax_change (%),band_d (GBP),remaining_gap (GBP),balanced,comment,service_comments\r\n");
    BOOST_TEST(export_csv_row(b, s, o, "2026-11-22T23:59:00Z") ==
               "export-0001,2026-11-22T23:59:00Z,en,-10.00,0.00,0,1,1.99,1019.90,-49900.00,yes,"
               "\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\","
               "\"parks: +44 7700 900000, call me\ncare: <script>alert('x')</script>\"\r\n");
}

BOOST_AUTO_TEST_SUITE_END()
