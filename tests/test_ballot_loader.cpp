// Ballot files: a valid ballot loads and round-trips; each mistake is one located problem.
#include <boost/test/unit_test.hpp>

#include "ballot_loader.h"
#include "ballot_support.h"

using namespace budget;
using nlohmann::json;

namespace {

std::vector<std::string> problems_of(const json& j) {
    const auto l = load_ballot(j.dump(2));
    std::vector<std::string> out;
    for (const auto& p : l.problems) out.push_back(p.pointer + ": " + p.message + " [" + p.code + "]");
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ballot_loader)

BOOST_AUTO_TEST_CASE(loads_a_valid_ballot) {
    const auto l = load_ballot(test::small_ballot().dump());
    BOOST_REQUIRE(l.ballot);
    const Ballot& b = *l.ballot;
    BOOST_TEST(b.id == "parks-2027");
    BOOST_TEST(b.budget == 10'000'000);
    BOOST_TEST(b.projects.size() == 4u);
    BOOST_TEST(b.projects[1].cost == 6'000'050);
    BOOST_TEST(b.projects[2].description.in("cy") == "Hanner cant o goed stryd");
    BOOST_TEST(b.max_projects == 3);
    BOOST_TEST(std::string(counting_rule_id(b.counting)) == "equal-shares");
    BOOST_TEST(l.warnings.empty());
}

BOOST_AUTO_TEST_CASE(round_trips_through_its_file) {
    auto j = test::small_ballot();
    j["areas"] = json::parse(R"([{"id": "north", "name": {"en": "North", "cy": "Gogledd"}, "budget": 40000},
                                 {"id": "south", "name": {"en": "South", "cy": "De"}, "budget": 60000}])");
    for (auto& p : j["projects"]) p["area"] = "north";
    j["projects"][1]["area"] = "south";
    j["pabulib_meta"] = {{"country", "Wales"}};
    const auto first = load_ballot(j.dump());
    BOOST_REQUIRE(first.ballot);
    const std::string text = ballot_json(*first.ballot);
    const auto again = load_ballot(text);
    BOOST_REQUIRE(again.ballot);
    BOOST_TEST(ballot_json(*again.ballot) == text);
    BOOST_TEST(again.ballot->budget_of_area("south") == 6'000'000);
}

BOOST_AUTO_TEST_CASE(each_mistake_is_located) {
    auto j = test::small_ballot();
    j["format"] = "council-budget";
    j["projects"][1]["id"] = "benches";
    j["ballot"] = {{"type", "approval"}, {"min_projects", 3}, {"max_projects", 2}};
    j["counting"] = "borda";
    j["currency"] = "pounds";
    j["projects"][3]["name"] = "Lights";
    j["projects"][2]["area"] = "north";
    BOOST_TEST(problems_of(j) == (std::vector<std::string>{
        "/format: expected \"pb-ballot\", found \"council-budget\" [ballot.wrong_format]",
        "/currency: a currency is three capital letters (ISO 4217), such as \"GBP\" [ballot.bad_currency]",
        "/counting: unknown value \"borda\"; expected one of greedy, equal-shares [ballot.bad_enum]",
        "/ballot/max_projects: max_projects must not be below min_projects [ballot.min_above_max]",
        "/projects/1/id: duplicate id \"benches\"; first defined at /projects/0/id [ballot.duplicate_id]",
        "/projects/2/area: the ballot has no areas [ballot.no_areas]",
        "/projects/3/name: Welsh text (\"cy\") is required in a bilingual ballot [ballot.missing_translation]",
    }));
}

BOOST_AUTO_TEST_CASE(areas_must_add_up_and_be_used) {
    auto j = test::small_ballot();
    j["areas"] = json::parse(R"([{"id": "north", "name": {"en": "North", "cy": "Gogledd"}, "budget": 40000},
                                 {"id": "east", "name": {"en": "East", "cy": "Dwyrain"}, "budget": 50000}])");
    for (auto& p : j["projects"]) p["area"] = "north";
    j["projects"][0]["area"] = "west";
    BOOST_TEST(problems_of(j) == (std::vector<std::string>{
        "/budget: the areas' budgets add up to £90,000.00, not the ballot's £100,000.00 [ballot.area_budgets]",
        "/projects/0/area: unknown area \"west\" [ballot.unknown_area]",
        "/areas: area \"east\" has no projects [ballot.empty_area]",
    }));
}

BOOST_AUTO_TEST_CASE(warns_of_a_project_that_can_never_win) {
    auto j = test::small_ballot();
    j["projects"][3]["cost"] = 250000;
    const auto l = load_ballot(j.dump(2));
    BOOST_REQUIRE(l.ballot);
    BOOST_REQUIRE(l.warnings.size() == 1u);
    BOOST_TEST(l.warnings[0].code == "ballot.project_over_budget");
    BOOST_TEST(l.warnings[0].message == "costs £250,000.00, more than the budget of £100,000.00: it can never win");
    BOOST_TEST(l.warnings[0].pointer == "/projects/3/cost");
}

BOOST_AUTO_TEST_CASE(knapsack_rules) {
    auto j = test::small_ballot();
    j["ballot"] = {{"type", "knapsack"}, {"min_share_percent", 70}};
    const auto l = load_ballot(j.dump());
    BOOST_REQUIRE(l.ballot);
    BOOST_TEST(l.ballot->min_share_bp == 7000);
    j["ballot"] = {{"type", "approval"}, {"min_share_percent", 70}};
    BOOST_TEST(problems_of(j) == (std::vector<std::string>{
        "/ballot/min_share_percent: min_share_percent is for knapsack ballots only [ballot.share_needs_knapsack]"}));
}

BOOST_AUTO_TEST_SUITE_END()
