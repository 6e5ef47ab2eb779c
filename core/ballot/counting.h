// Counting approval votes exactly: greedy by approvals, and the Method of Equal Shares (cost
// utilities) with Add1 completion. Amounts are whole currency units of the ballot (pence for ours,
// the file's unit for pabulib files); shares of them are exact fractions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "fraction.h"
#include "problem.h"

namespace budget {

struct ApprovalElection {
    std::int64_t budget = 0;                         // B
    std::int64_t add1_step = 100;                    // Add1 raises each voter's money by this (£1 in pence)
    std::vector<std::int64_t> costs;                 // by project, in ballot order
    std::vector<std::vector<std::uint32_t>> ballots; // each voter's approved projects (indices, no repeats)
};

// Each of `voters` supporters paid `amount` towards a winner.
struct Payment {
    Fraction amount;
    std::int64_t voters = 0;
};

struct Winner {
    std::size_t project = 0;
    std::int64_t approvals = 0;
    Fraction rho;                   // equal shares: the most any supporter paid; 0 for greedy
    std::vector<Payment> payments;  // equal shares: who paid what, largest amount first
    bool completion = false;        // funded by the greedy completion after equal shares, from what was left
};

struct CountOutcome {
    std::vector<Winner> winners;            // in the order the rule chose them
    std::int64_t spent = 0;
    std::vector<std::int64_t> approvals;    // by project
    Fraction per_voter_budget;              // equal shares: each voter's money in the run kept
    std::int64_t add1_steps = 0;            // equal shares: how many times the money was raised
};

// Projects by approvals (most first; ties by lower cost, then ballot order), each funded if it still
// fits. A project nobody approves is never funded.
CountOutcome count_greedy(const ApprovalElection& election);

// One run of equal shares with `per_voter` money each (no completion). `filtered` (the default) finds
// prices in doubles first and exactly only where doubles cannot tell; false prices everything
// exactly (the reference the filter is tested against). The outcome is the same.
CountOutcome count_equal_shares_once(const ApprovalElection& election, const Fraction& per_voter, bool filtered = true);

struct EqualSharesLimits {
    std::int64_t max_add1_steps = 1'000'000;
};

// Equal shares with Add1: B/n, then B/n + step, ...; the first outcome that is exhaustive (no
// unchosen project with any approval fits in what is left of B), or the last whose cost is within B.
// Problem ballot.add1_limit when the limit is reached first.
std::optional<CountOutcome> count_equal_shares(const ApprovalElection& election, Problems& problems,
                                               const EqualSharesLimits& limits = EqualSharesLimits{});

// The greedy completion: projects `outcome` left out, by approvals (most first; ties by lower cost,
// then ballot order), each added while it fits in what is left of the budget.
void complete_greedily(const ApprovalElection& election, CountOutcome& outcome);

// True when no project outside `outcome` that someone approved fits in what is left of the budget.
bool is_exhaustive(const ApprovalElection& election, const CountOutcome& outcome);

}  // namespace budget
