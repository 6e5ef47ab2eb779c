// Counts a ballot's votes by a rule: each area on its own (its projects, its budget, the voters who
// chose its projects), or the whole ballot when it has no areas.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "ballot.h"
#include "counting.h"
#include "vote.h"

namespace budget {

struct AreaCount {
    std::string area;              // "" for a ballot without areas
    Pence budget = 0;
    std::int64_t voters = 0;
    CountOutcome outcome;          // project indices are the ballot's; approvals by ballot project
};

// Votes from one polling station ("" for votes with none, such as online ones): for subtotals.
struct StationTotal {
    std::string station;
    std::int64_t votes = 0;
    std::vector<std::int64_t> approvals;  // by ballot project
};

struct BallotCount {
    CountingRule rule = CountingRule::Greedy;
    std::int64_t votes = 0;
    std::vector<AreaCount> areas;
    std::vector<StationTotal> stations;  // only when some vote names a station; by station name, "" first
    std::vector<std::size_t> winners() const;  // every area's winners, area by area, in the order chosen
};

// The count as JSON for people and programs: amounts as decimals of the ballot's currency ("1234.56"),
// each share also exact in hundredths ("4000/3"): per area, every project's approvals and whether it
// won, and the winners in order with what each group of supporters paid; per-station subtotals when
// some vote names a station.
std::string count_json(const Ballot& ballot, const BallotCount& count);

std::optional<BallotCount> count_ballot(const Ballot& ballot, const std::vector<BallotVote>& votes, CountingRule rule,
                                        Problems& problems, const EqualSharesLimits& limits = EqualSharesLimits{});

}  // namespace budget
