// A participatory-budgeting ballot: projects with costs, a budget, what a voter may choose and how
// the votes are counted. The second kind of consultation, beside the council budget.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "local_text.h"
#include "money.h"

namespace budget {

enum class BallotRule { Approval, Knapsack };
enum class CountingRule { Greedy, EqualShares };
const char* counting_rule_id(CountingRule rule);  // "greedy", "equal-shares"
// How equal shares spends what its rounds leave: Add1 alone (pabulib's equalshares/add1), or Add1
// and then projects by votes while they fit (equal-shares.net's recommended greedy completion).
enum class Completion { Add1, Add1ThenGreedy };
const char* completion_id(Completion c);  // "add1", "add1-then-greedy"

struct BallotArea {  // a ward or heading with a budget of its own
    std::string id;
    LocalText name;
    Pence budget = 0;
};

struct Project {
    std::string id;
    LocalText name;
    LocalText description;
    Pence cost = 0;
    std::string category;
    std::string area;  // an area id, when the ballot has areas
};

struct Ballot {
    std::string id;
    std::int64_t version = 1;
    std::vector<std::string> languages;  // "en", and "cy" when bilingual
    LocalText council;  // who runs it (pabulib's unit)
    LocalText title;
    LocalText description;
    std::string currency = "GBP";
    Pence budget = 0;  // the whole budget; with areas, the sum of theirs
    BallotRule rule = BallotRule::Approval;
    int min_projects = 1;
    int max_projects = 0;                // approval: at most this many (0: no limit)
    BasisPoints min_share_bp = 0;        // knapsack: spend at least this share of the budget (Decidim's 70%)
    CountingRule counting = CountingRule::Greedy;
    Completion completion = Completion::Add1;  // equal shares only
    bool results_public = false;
    bool codes_required = false;         // each vote needs a one-time voter code
    std::optional<std::int64_t> opens_at, closes_at;  // UTC seconds
    std::vector<BallotArea> areas;
    std::vector<Project> projects;
    std::vector<std::pair<std::string, std::string>> pabulib_meta;  // META kept from an imported file

    bool bilingual() const;
    std::optional<std::size_t> find_project(const std::string& id) const;
    std::optional<std::size_t> find_area(const std::string& id) const;
    Pence budget_of_area(const std::string& area) const;  // the ballot's budget when it has no areas
};

}  // namespace budget
