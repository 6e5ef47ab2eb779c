// pabulib files (.pb, http://pabulib.org/format): participatory-budgeting instances as META, PROJECTS
// and VOTES sections of ';'-separated rows. Approval ballots are read into a Ballot and its votes, and
// a Ballot with votes is written back with every field the pabulib checker requires.
#pragma once
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
};

struct PabulibImport {
    Ballot ballot;
    std::vector<BallotVote> votes;
    bool ok = false;  // false: see problems
};

// Reads an approval-ballot pabulib file. Money becomes hundredths of the file's unit (so our £1 Add1
// step is the file's 1). Problems are pabulib.* with the line; warnings for counts that disagree.
PabulibImport import_pabulib(std::string_view text, const std::string& ballot_id, Problems& problems, Problems& warnings,
                             const PabulibLimits& limits = PabulibLimits{});

// The ballot and its votes as a pabulib file, `selected` filled by the ballot's own counting rule.
// Problems: pabulib.areas (one file per area is not written yet), pabulib.missing_dates,
// pabulib.duplicate_voter, and any from counting.
bool export_pabulib(const Ballot& ballot, const std::vector<BallotVote>& votes, std::string& out, Problems& problems);

}  // namespace budget
