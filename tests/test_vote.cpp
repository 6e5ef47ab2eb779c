// Votes: the ballot's rule is applied exactly, and JSON lines report each bad line by number.
#include <boost/test/unit_test.hpp>

#include "ballot_loader.h"
#include "ballot_support.h"
#include "vote.h"

using namespace budget;

namespace {

Ballot ballot(const nlohmann::json& j = test::small_ballot()) { return *load_ballot(j.dump()).ballot; }

std::string first_problem(const Ballot& b, const std::vector<std::string>& ids) {
    Problems p;
    const auto v = check_vote(b, ids, p);
    return v ? "ok" : p.front().message + " [" + p.front().code + "]";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(vote)

BOOST_AUTO_TEST_CASE(approval_limits) {
    const Ballot b = ballot();
    BOOST_TEST(first_problem(b, {"benches", "trees"}) == "ok");
    BOOST_TEST(first_problem(b, {}) == "choose at least 1 project [vote.too_few]");
    BOOST_TEST(first_problem(b, {"benches", "trees", "play", "lights"}) == "choose at most 3 projects [vote.too_many]");
    BOOST_TEST(first_problem(b, {"benches", "swings"}) == "unknown project \"swings\" [vote.unknown_project]");
    BOOST_TEST(first_problem(b, {"benches", "benches"}) == "project \"benches\" is chosen twice [vote.duplicate_project]");
}

BOOST_AUTO_TEST_CASE(knapsack_limits_to_the_penny) {
    auto j = test::small_ballot();
    j["ballot"] = {{"type", "knapsack"}, {"min_share_percent", 70}};
    const Ballot b = ballot(j);
    // 20,000 + 45,000 = 65,000 < 70,000; 60,000.50 + 30,000 = 90,000.50; with benches 110,000.50.
    BOOST_TEST(first_problem(b, {"benches", "lights"}) ==
               "spend at least £70,000.00 (70% of the budget); the projects chosen cost £65,000.00 [vote.under_share]");
    BOOST_TEST(first_problem(b, {"play", "trees"}) == "ok");
    BOOST_TEST(first_problem(b, {"play", "trees", "benches"}) ==
               "the projects chosen cost £110,000.50, more than the budget of £100,000.00 [vote.over_budget]");
}

BOOST_AUTO_TEST_CASE(one_area_a_vote) {
    auto j = test::small_ballot();
    j["areas"] = nlohmann::json::parse(R"([{"id": "north", "name": {"en": "North", "cy": "Gogledd"}, "budget": 40000},
                                           {"id": "south", "name": {"en": "South", "cy": "De"}, "budget": 60000}])");
    j.erase("budget");
    for (auto& p : j["projects"]) p["area"] = "north";
    j["projects"][1]["area"] = "south";
    const Ballot b = ballot(j);
    BOOST_TEST(first_problem(b, {"benches", "play"}) ==
               "project \"play\" is in another area; a vote is for one area's projects [vote.mixed_areas]");
}

BOOST_AUTO_TEST_CASE(json_lines_by_line_number) {
    const Ballot b = ballot();
    const std::string text = "{\"voter\": \"a\", \"projects\": [\"benches\"]}\n\n"
                             "{\"projects\": [\"swings\"]}\n"
                             "not json\n"
                             "{\"projects\": [\"trees\", \"play\", \"lights\", \"benches\"], \"station\": \"library\"}\n"
                             "{\"projects\": [\"trees\"], \"colour\": \"red\"}\r\n";
    Problems problems;
    const auto votes = read_votes_jsonl(text, b, problems);
    BOOST_REQUIRE(votes.size() == 2u);  // structure only: four projects is still a vote as cast
    BOOST_TEST(votes[1].station == "library");
    std::vector<std::string> got;
    for (const auto& p : problems) got.push_back(format_problem(p, "votes.jsonl"));
    BOOST_TEST(got == (std::vector<std::string>{
        "votes.jsonl:3: unknown project \"swings\" [vote.unknown_project]",
        "votes.jsonl:4: not a JSON object [votes.bad_line]",
        "votes.jsonl:6: a vote has \"projects\" (project ids) and optionally \"voter\" and \"station\" (strings), nothing else [votes.bad_line]",
    }), boost::test_tools::per_element());
    BOOST_TEST(vote_jsonl_line(b, votes[1]) == "{\"projects\":[\"trees\",\"play\",\"lights\",\"benches\"],\"station\":\"library\"}\n");
}

BOOST_AUTO_TEST_SUITE_END()
