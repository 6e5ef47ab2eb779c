// What a new version changes against the live one, line by line and in pence.
#include <boost/test/unit_test.hpp>

#include "support.h"
#include "version_changes.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(version_changes)

BOOST_AUTO_TEST_CASE(the_same_budget_changes_nothing) {
    const Budget live = test::load_ok(test::small_budget());
    const VersionChanges c = budget::version_changes(live, live);
    BOOST_TEST(c.empty());
    BOOST_TEST(c.lines.empty());
}

BOOST_AUTO_TEST_CASE(lines_added_removed_moved_and_money_changed_are_each_listed_once) {
    nlohmann::json next = test::small_budget();
    const Budget live = test::load_ok(next);
    next["version"] = 4;
    next["groups"].push_back({{"id", "g2"}, {"name", "Group two"}});
    next["services"][0]["group"] = "g2";                   // care moves, same money
    next["services"][1]["baseline"] = "450000.01";           // parks: £49,999.99 less
    next["services"][1]["min_percent"] = -10;              // and a narrower range
    next["services"][1]["consequences"][0]["from_percent"] = -10;
    next["services"].push_back({{"id", "libraries"}, {"group", "g2"}, {"name", "Libraries"}, {"baseline", "49999.99"}, {"min_percent", -5},
                                {"max_percent", 5}, {"step_percent", 1}, {"consequences", {{{"from_percent", -5}, {"text", "Fewer hours"}}}}});
    next["income"] = nlohmann::json::array();              // fees removed
    next["gap_to_close"] = 130000;                         // the fees no longer count against it
    next["funding"][0]["amount"] = 540000;
    next["council_tax"]["band_d"] = "1030.00";
    const Budget changed = test::load_ok(next);
    const VersionChanges c = budget::version_changes(live, changed);
    BOOST_TEST(!c.empty());
    BOOST_TEST(c.from_version == 3);
    BOOST_TEST(c.to_version == 4);
    std::vector<std::string> seen;
    for (const LineChange& l : c.lines) {
        const char* what = l.change == ChangeKind::Added ? "added" : l.change == ChangeKind::Removed ? "removed" : l.change == ChangeKind::Moved ? "moved"
                         : l.change == ChangeKind::Amount ? "amount" : l.change == ChangeKind::Range ? "range" : "lock";
        seen.push_back(std::string(what) + " " + l.id + " " + std::to_string(l.before) + " " + std::to_string(l.after));
    }
    BOOST_TEST(test::joined(seen) == test::joined({"amount parks 50000000 45000001", "added libraries 0 4999999", "moved care 100000000 100000000",
                                                   "range parks 50000000 45000001", "removed fees 3000000 0", "amount grant 60000000 54000000"}));
    const LineChange& moved = c.lines[2];
    BOOST_TEST(moved.from_group.en == "Group one");
    BOOST_TEST(moved.to_group.en == "Group two");
    const LineChange& range = c.lines[3];
    BOOST_TEST(range.min_before == -2000);
    BOOST_TEST(range.min_after == -1000);
    BOOST_TEST(range.max_after == 1000);
    BOOST_TEST(c.net_budget.before == 170000000);
    BOOST_TEST(c.net_budget.after == 170000000);
    BOOST_TEST(!c.net_budget.changed());
    BOOST_TEST(c.gap.after == 13000000);
    BOOST_TEST(c.band_d.before == 100000);
    BOOST_TEST(c.band_d.after == 103000);
    BOOST_TEST(!c.tax_base_changed);
    BOOST_TEST(!c.council_tax_lever_changed);
    BOOST_TEST(!c.dates_changed);
}

BOOST_AUTO_TEST_CASE(a_line_locked_or_unlocked_is_named_as_such_not_as_a_new_range) {
    nlohmann::json next = test::small_budget();
    const Budget live = test::load_ok(next);
    next["services"][2].erase("locked");
    next["services"][2].erase("locked_reason");
    next["services"][2].update({{"min_percent", -5}, {"max_percent", 5}, {"step_percent", 1}, {"consequences", {{{"from_percent", -5}, {"text", "Less"}}}}});
    const VersionChanges c = budget::version_changes(live, test::load_ok(next));
    BOOST_REQUIRE_EQUAL(c.lines.size(), 1u);
    BOOST_TEST((c.lines[0].change == ChangeKind::Unlocked));
    BOOST_TEST(c.lines[0].id == "debt");
}

BOOST_AUTO_TEST_SUITE_END()
