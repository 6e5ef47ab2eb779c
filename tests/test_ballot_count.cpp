// A ballot's count: each area on its own budget and voters, and per-station subtotals in the JSON only
// when some vote names a station.
#include <boost/test/unit_test.hpp>

#include <nlohmann/json.hpp>

#include "ballot_count.h"
#include "ballot_loader.h"
#include "ballot_support.h"

using namespace budget;

namespace {

Ballot with_areas() {
    auto j = test::small_ballot();
    j.erase("budget");
    j["areas"] = nlohmann::json::parse(R"([{"id": "north", "name": {"en": "North", "cy": "Gogledd"}, "budget": 50000},
                                           {"id": "south", "name": {"en": "South", "cy": "De"}, "budget": 65000}])");
    for (auto& p : j["projects"]) p["area"] = "north";
    j["projects"][1]["area"] = "south";  // play, £60,000.50
    return *load_ballot(j.dump()).ballot;
}

BallotVote counted_vote(std::vector<std::uint32_t> projects, std::string station = "") {
    BallotVote v;
    v.projects = std::move(projects);
    v.station = std::move(station);
    return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ballot_count)

BOOST_AUTO_TEST_CASE(areas_count_apart) {
    const Ballot b = with_areas();
    // North (£50,000): benches 20,000 (3 votes), trees 30,000 (2), lights 45,000 (1). South: play (2).
    const std::vector<BallotVote> votes = {counted_vote({0, 2}), counted_vote({0}), counted_vote({0, 2, 3}), counted_vote({1}), counted_vote({1})};
    Problems problems;
    const auto c = count_ballot(b, votes, CountingRule::Greedy, problems);
    BOOST_REQUIRE(c);
    BOOST_REQUIRE(c->areas.size() == 2u);
    BOOST_TEST(c->areas[0].voters == 3);
    BOOST_TEST(c->areas[0].budget == 5'000'000);
    BOOST_TEST(c->areas[1].voters == 2);
    BOOST_TEST(c->winners() == (std::vector<std::size_t>{0, 2, 1}));  // benches, trees; then play
    BOOST_TEST(c->areas[0].outcome.approvals == (std::vector<std::int64_t>{3, 0, 2, 1}));
    BOOST_TEST(c->stations.empty());
    BOOST_TEST(count_json(b, *c).find("\"stations\"") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(stations_are_subtotalled) {
    const Ballot b = *load_ballot(test::small_ballot().dump()).ballot;
    const std::vector<BallotVote> votes = {counted_vote({0, 2}), counted_vote({0}, "library"), counted_vote({2, 3}, "library"), counted_vote({1}, "school")};
    Problems problems;
    const auto c = count_ballot(b, votes, CountingRule::EqualShares, problems);
    BOOST_REQUIRE(c);
    BOOST_REQUIRE(c->stations.size() == 3u);
    BOOST_TEST(c->stations[0].station == "");
    BOOST_TEST(c->stations[1].station == "library");
    BOOST_TEST(c->stations[1].votes == 2);
    BOOST_TEST(c->stations[1].approvals == (std::vector<std::int64_t>{1, 0, 1, 1}));
    const auto j = nlohmann::json::parse(count_json(b, *c));
    BOOST_TEST(j["stations"][2].dump() ==
               R"({"projects":[{"approvals":0,"id":"benches"},{"approvals":1,"id":"play"},{"approvals":0,"id":"trees"},{"approvals":0,"id":"lights"}],"station":"school","votes":1})");
    BOOST_TEST(j["votes"] == 4);
}

BOOST_AUTO_TEST_SUITE_END()
