// pabulib files (.pb, http://pabulib.org/format): participatory-budgeting instances as META, PROJECTS
// and VOTES sections of ';'-separated rows. Approval ballots are read into a Ballot and its votes, and
// a Ballot with votes is written back with every field the pabulib checker requires.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ballot.h"
#include "problem.h"
#include "vote.h"

namespace budget {

struct PabulibLimits {
    std::size_t max_bytes = 256u * 1024 * 1024;
    std::size_t max_votes = 10'000'000;
    // Published files have quirks: a project twice in one vote (read once, as pabutools reads a vote
    // as a set), an empty item in a vote's list ("1,2," or "1,,2": left out) and a vote with no
    // project (kept: a voter who chose nothing, counted in each voter's share). Each is mended with
    // a warning that gives its line and what was done (the first 20 of each kind, then how many
    // more); strict refuses the first two as problems instead, and warns of empty votes.
    bool strict = false;
};

struct PabulibImport {
    Ballot ballot;
    std::vector<BallotVote> votes;
    // The file's `selected` column (the official outcome), by project, when it has one.
    std::optional<std::vector<bool>> selected;
    bool ok = false;  // false: see problems
};

// Reads an approval-ballot pabulib file. Money becomes hundredths of the file's unit (so our £1 Add1
// step is the file's 1). Problems are pabulib.* with the line; warnings for counts that disagree.
PabulibImport import_pabulib(std::string_view text, const std::string& ballot_id, Problems& problems, Problems& warnings,
                             const PabulibLimits& limits = PabulibLimits{});

// The ballot and its votes as a pabulib file, `selected` filled by the ballot's own counting rule.
// Dates come from the ballot's opens_at and closes_at, else from `voting` (first and last vote, UTC
// seconds). A pabulib file holds one budget: a ballot with areas is written one area at a time
// (`area`: its projects, budget and voters; META district is its name). Problems: pabulib.areas (no
// area named, or one the ballot does not have), pabulib.missing_dates, pabulib.duplicate_voter, and
// any from counting.
bool export_pabulib(const Ballot& ballot, const std::vector<BallotVote>& votes, std::string& out, Problems& problems,
                    std::optional<std::pair<std::int64_t, std::int64_t>> voting = std::nullopt, const std::string& area = "");

}  // namespace budget
