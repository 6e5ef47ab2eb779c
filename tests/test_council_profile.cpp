// council_profile: the example profiles load; every problem is found in one pass, at LINE:COL, with its code.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "council_profile.h"

using namespace budget;

namespace {

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> profile_problems(const Problems& problems) {
    std::vector<std::string> out;
    for (const Problem& p : problems) out.push_back(format_problem(p, "p.json"));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(council_profile)

BOOST_AUTO_TEST_CASE(the_example_profile_loads_exactly) {
    const ProfileLoad l = load_profile(read(std::string(BUDGETS_DIR) + "/councils/northmoor-county.json"));
    BOOST_REQUIRE_MESSAGE(l.profile, (l.problems.empty() ? "" : format_problem(l.problems.front(), "northmoor-county.json")));
    const CouncilProfile& p = *l.profile;
    BOOST_TEST(p.id == "northmoor-county");
    BOOST_TEST(p.illustrative);
    BOOST_TEST(format_date(p.as_of) == "2025-03-31");
    BOOST_TEST(p.finance.size() == 5u);
    BOOST_TEST(p.finance.front().year == "2020/21");
    BOOST_TEST(*p.finance.front()[FinanceField::OutturnVariance] == -120000000);  // "-1200000.00" pounds, in pence
    BOOST_TEST(!p.finance.back()[FinanceField::UsableReservesUnallocated]);       // absent: unknown, not zero
    BOOST_TEST(p.has_governance);
    BOOST_TEST(p.governance.size() == 8u);
    BOOST_REQUIRE(p.you_said_we_did);
    BOOST_TEST(p.you_said_we_did->we_did.size() == 2u);
}

BOOST_AUTO_TEST_CASE(similar_councils_are_read_exactly_in_their_order) {
    const ProfileLoad l = load_profile(read(std::string(BUDGETS_DIR) + "/councils/northmoor-county.json"));
    BOOST_REQUIRE(l.profile && l.profile->neighbours);
    const Neighbours& n = *l.profile->neighbours;
    BOOST_TEST(n.councils.size() == 15u);
    BOOST_TEST(n.councils.front() == "Ashdown");
    const NeighbourFigures& recycling = n.indicators.at("recycling-rate");
    BOOST_TEST(recycling.year == "2024/25");
    BOOST_TEST(*recycling.values.front() == 48200);  // 48.2, in thousandths
    BOOST_TEST(*recycling.national_median == 48900);
    BOOST_TEST(!n.indicators.at("satisfaction").values[7]);  // null: not published
    BOOST_TEST(n.service_costs.at("libraries").council == 12210);
}

BOOST_AUTO_TEST_CASE(similar_councils_problems_at_their_places) {
    const std::string text = R"({"format": "council-profile", "format_version": 1, "id": "x", "name": "X",
 "kind": "english_district", "as_of": "2024-03-31",
 "neighbours": {"group": "CIPFA", "source": "s", "councils": ["A", "B", "A"],
  "indicators": {"k": {"year": "2024/25", "values": [1, 2]}, "j": {"year": "2024", "values": [1.2345, "x", null]}},
  "service_costs": {"s": {"year": "2024/25", "values": [1, 2, 3]}}, "rank": 1}})";
    const ProfileLoad l = load_profile(text);
    BOOST_TEST(!l.profile);
    const std::vector<std::string> expected{
        "p.json:3:73: /neighbours/councils/2: \"A\" is named twice [profile.duplicate_neighbour]",
        "p.json:4:53: /neighbours/indicators/k/values: expected 3 figures, one for each similar council in order (null where one published none), found 2 [profile.neighbour_values]",
        "p.json:4:76: /neighbours/indicators/j/year: expected a financial year such as \"2022/23\" [profile.bad_year]",
        "p.json:4:95: /neighbours/indicators/j/values/0: a number up to 10^12 with at most three decimal places [profile.bad_number]",
        "p.json:4:103: /neighbours/indicators/j/values/1: expected a number, or null, found a string [profile.wrong_type]",
        "p.json:5:26: /neighbours/service_costs/s/council: missing required field \"council\" [profile.missing_field]",
        "p.json:5:77: /neighbours/rank: unknown field \"rank\" [profile.unknown_field]",
    };
    std::vector<std::string> got = profile_problems(l.problems);
    std::sort(got.begin(), got.end());
    std::vector<std::string> want = expected;
    std::sort(want.begin(), want.end());
    BOOST_TEST(got == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(the_councils_own_ratings_are_read_by_group) {
    const ProfileLoad l = load_profile(read(std::string(BUDGETS_DIR) + "/councils/northmoor-county.json"));
    BOOST_REQUIRE(l.profile);
    const SelfAssessment& adults = l.profile->self_assessment.at("adults");
    BOOST_TEST(std::string(self_rating_id(adults.rating)) == "adequate");
    BOOST_TEST(format_date(adults.assessed_on) == "2025-03-31");
    BOOST_TEST(l.profile->self_assessment.size() == 5u);
    BOOST_TEST(!l.profile->self_assessment.count("fixed"));
}

BOOST_AUTO_TEST_CASE(self_assessment_problems_at_their_places) {
    const std::string text = R"({"format": "council-profile", "format_version": 1, "id": "x", "name": "X",
 "kind": "english_district", "as_of": "2024-03-31",
 "self_assessment": {"waste": {"rating": "brilliant", "summary": "s", "assessed_on": "2024-02-30"},
  "parks": {"rating": "good", "when": 1}, "roads": 3}})";
    const ProfileLoad l = load_profile(text);
    BOOST_TEST(!l.profile);
    std::vector<std::string> got = profile_problems(l.problems);
    std::sort(got.begin(), got.end());
    std::string all;
    for (const auto& line : got) all += line + "\n";
    BOOST_TEST(all ==
               "p.json:3:42: /self_assessment/waste/rating: rating is one of excellent, good, adequate or unsatisfactory [profile.bad_self_rating]\n"
               "p.json:3:86: /self_assessment/waste/assessed_on: expected a date such as \"2023-09-05\" [profile.bad_date]\n"
               "p.json:4:12: /self_assessment/parks/assessed_on: missing required field \"assessed_on\" [profile.missing_field]\n"
               "p.json:4:12: /self_assessment/parks/summary: missing required field \"summary\" [profile.missing_field]\n"
               "p.json:4:39: /self_assessment/parks/when: unknown field \"when\" [profile.unknown_field]\n"
               "p.json:4:52: /self_assessment/roads: expected an object with \"rating\", \"summary\" and \"assessed_on\", found an integer "
               "[profile.wrong_type]\n");
}

BOOST_AUTO_TEST_CASE(the_least_a_profile_needs) {
    const ProfileLoad l = load_profile(R"({"format": "council-profile", "format_version": 1, "id": "x", "name": "X Council",
                                          "kind": "english_district", "as_of": "2024-03-31"})");
    BOOST_REQUIRE(l.profile);
    BOOST_TEST(l.profile->finance.empty());
    BOOST_TEST(!l.profile->has_governance);  // no list: events unknown, not "none"
}

BOOST_AUTO_TEST_CASE(every_problem_at_its_place) {
    const std::string text = R"({"format": "council-profile", "format_version": 1, "id": "x", "name": "X",
 "kind": "english_shire", "as_of": "2024-02-30",
 "finance": [{"year": "2022/24", "source": "a", "net_revenue_expenditure": "1.234"},
             {"year": "2021/22", "source": " ", "savings_planned": -5, "outturn_variance": "-3.50", "bogus": 1},
             {"year": "2021/22", "source": "b"}],
 "governance": [{"kind": "s115", "date": "2024-01-01", "source": "x"},
                {"kind": "audit_opinion", "date": "2024-01-01", "source": "x", "year": "2022/23", "opinion": "fine"},
                {"kind": "accounts_published", "year": "2022/23", "source": "x"}],
 "thresholds": {"reserves.nothing": {"amber": 1}, "debt.to_spending": {"amber": -1}}
})";
    const ProfileLoad l = load_profile(text);
    BOOST_TEST(!l.profile);
    const std::vector<std::string> expected = {
        R"(p.json:2:10: /kind: unknown value "english_shire"; expected one of english_county, english_district, english_unitary, english_metropolitan, london_borough, welsh_principal [profile.bad_enum])",
        R"(p.json:2:36: /as_of: expected a date such as "2023-09-05" [profile.bad_date])",
        R"(p.json:3:23: /finance/0/year: expected a financial year such as "2022/23" [profile.bad_year])",
        R"(p.json:3:76: /finance/0/net_revenue_expenditure: not an amount of pounds with at most two decimal places, up to £1 trillion [profile.bad_money])",
        R"(p.json:4:110: /finance/1/bogus: unknown field "bogus" [profile.unknown_field])",
        R"(p.json:4:44: /finance/1/source: name where the figure comes from: a URL or a document [profile.empty_source])",
        R"(p.json:4:68: /finance/1/savings_planned: must not be negative [profile.negative_amount])",
        R"(p.json:5:23: /finance/2/year: the year 2021/22 is given twice [profile.duplicate_year])",
        R"(p.json:6:26: /governance/0/kind: unknown value "s115"; expected one of s114, exceptional_financial_support, intervention, public_interest_report, statutory_recommendations, audit_opinion, accounts_published, vfm_significant_weakness, inspection, leadership_change [profile.bad_enum])",
        R"(p.json:7:110: /governance/1/opinion: unknown value "fine"; expected one of unqualified, qualified, adverse, disclaimer [profile.bad_enum])",
        R"(p.json:8:17: /governance/2/deadline: missing required field "deadline" [profile.missing_field])",
        R"(p.json:9:81: /thresholds/debt.to_spending/amber: a number from 0 with at most two decimal places [profile.bad_threshold])",
        R"(p.json:9:37: /thresholds/reserves.nothing: no signal "reserves.nothing" has a threshold to set (see docs/accountability.md) [profile.unknown_threshold])",
    };
    BOOST_TEST(profile_problems(l.problems) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_welsh_council_gives_its_words_in_welsh) {
    const ProfileLoad l = load_profile(R"({"format": "council-profile", "format_version": 1, "id": "w", "name": "Cyngor W",
 "kind": "welsh_principal", "as_of": "2024-03-31"})");
    BOOST_TEST(profile_problems(l.problems) == std::vector<std::string>{
        R"(p.json:1:71: /name: Welsh text ("cy") is required in a bilingual profile [profile.missing_translation])"},
        boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(wrong_format_and_version) {
    const ProfileLoad l = load_profile(R"({"format": "council-budget", "format_version": 2, "id": "x", "name": "X",
 "kind": "english_district", "as_of": "2024-03-31"})");
    BOOST_TEST(profile_problems(l.problems) == (std::vector<std::string>{
        R"(p.json:1:12: /format: expected "council-profile", found "council-budget" [profile.wrong_format])",
        R"(p.json:1:48: /format_version: format_version 2 is not supported; this build reads version 1 [profile.unsupported_version])"}),
        boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
