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
    s.ratings.services = {{0, 1}};
    s.ratings.perception = {{4, kDontKnow}};
    BOOST_TEST(export_csv_header(b) ==
               "\xEF\xBB\xBFsubmission_id,received_at,version,language,service:care (%),service:parks (%),efficiency:shared,income:fees,"
               "council_tax_change (%),band_d (GBP),remaining_gap (GBP),balanced,comment,service_comments,rating:g1,"
               "rating:council:runs_things,rating:council:value_for_money,rating:council:informed,rating:council:acts_on_concerns,"
               "rating:council:trust\r\n");
    BOOST_TEST(export_csv_row(b, s, o, "2026-11-22T23:59:00Z") ==
               "export-0001,2026-11-22T23:59:00Z,3,en,-10.00,0.00,0,1,1.99,1019.90,-49900.00,yes,"
               "\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\","
               "\"parks: +44 7700 900000, call me\ncare: <script>alert('x')</script>\",fairly_satisfied,,,,,dont_know\r\n");
}

BOOST_AUTO_TEST_CASE(across_versions_every_lever_once_and_empty_where_a_version_has_none) {
    const Budget v3 = test::load_ok(test::small_budget());
    auto doc = test::small_budget();
    doc["version"] = 4;
    doc["services"].erase(1);  // parks goes
    doc["kpis"][0]["responses"][0]["service"] = "care";
    doc["services"].push_back({{"id", "roads"}, {"group", "g1"}, {"name", "Roads"}, {"baseline", 500000}, {"min_percent", -20},
                               {"max_percent", 10}, {"step_percent", 5},
                               {"consequences", {{{"from_percent", -20}, {"text", "Holes"}}, {{"from_percent", 0}, {"text", "Fine"}}}}});
    const Budget v4 = test::load_ok(doc);
    const ExportColumns c = export_columns({&v3, &v4});
    BOOST_TEST(c.services == std::vector<std::string>({"care", "parks", "roads"}), boost::test_tools::per_element());
    Choices choices = default_choices(v4);
    choices.service_bp[*v4.find_service("roads")] = -500;
    const Submission s = make_submission(v4, choices, "export-0002");
    const std::string row = export_csv_row(c, v4, s, simulate(v4, choices), "2026-12-01T10:00:00Z");
    BOOST_TEST(row.rfind("export-0002,2026-12-01T10:00:00Z,4,en,0.00,,-5.00,0,0,", 0) == 0u, row);
}

BOOST_AUTO_TEST_SUITE_END()
