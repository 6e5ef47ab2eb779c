// A voter's choice of projects: checked against the ballot's rule by the same code in the app, the
// collector and budget-tool; and votes as JSON lines (one voter a line) for files and exports.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ballot.h"
#include "problem.h"

namespace budget {

struct BallotVote {
    std::string voter;                    // optional id (pabulib's voter_id)
    std::vector<std::uint32_t> projects;  // indices into Ballot::projects, as chosen
    std::string station;                  // a polling station, for paper ballots
};

enum class VoteCheck { Structure, Rule };  // Structure: known projects, no repeats, one area; Rule: also the ballot's limits

// The project indices, or nullopt with problems (vote.unknown_project, vote.duplicate_project,
// vote.mixed_areas, vote.too_few, vote.too_many, vote.over_budget, vote.under_share).
std::optional<std::vector<std::uint32_t>> check_vote(const Ballot& ballot, const std::vector<std::string>& project_ids,
                                                     Problems& problems, VoteCheck check = VoteCheck::Rule);

// Knapsack with a minimum share: the least a vote may spend of `limit` (rounded up to the penny); else 0.
Pence minimum_spend(const Ballot& ballot, Pence limit);
// Problems with chosen indices against the ballot's limits (the rule half of check_vote).
void check_vote_rule(const Ballot& ballot, const std::vector<std::uint32_t>& projects, Problems& problems);

// VOTES.jsonl: {"voter": "17", "projects": ["a", "b"], "station": "library"} a line (voter and station
// optional). Problems carry the line number.
std::vector<BallotVote> read_votes_jsonl(std::string_view text, const Ballot& ballot, Problems& problems,
                                         VoteCheck check = VoteCheck::Structure);
std::string vote_jsonl_line(const Ballot& ballot, const BallotVote& vote);

// `count` votes that keep the ballot's rule, for tests, demonstrations and benchmarks: each voter picks
// an area (by budget), then projects by a popularity that falls with their place in the ballot. The
// same seed gives the same votes natively and in WebAssembly.
std::vector<BallotVote> sample_votes(const Ballot& ballot, std::uint64_t count, std::uint64_t seed);

}  // namespace budget
