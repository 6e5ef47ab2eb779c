// One entry point for whatever a resident sends: which consultation and version it answers (a budget
// submission or a ballot vote), and the validated document or the problem. The body is parsed at most once.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "ballot.h"
#include "ballot_submission.h"
#include "budget.h"
#include "problem.h"
#include "submission.h"

namespace budget {

// What a collector has published: each budget consultation's versions, newest first.
struct PublishedBudgets {
    std::vector<std::vector<const Budget*>> consultations;
    const Budget* find(const std::string& id, std::int64_t version) const;
    const Budget* current(const std::string& id) const;
};

enum class IntakeKind {
    BudgetSubmission,  // `budget` is the version it answers; `submission` says whether it is valid
    BallotVote,        // `ballot` is the ballot it names; `vote` says whether it is valid
    Malformed,         // not JSON within submission_limits(): `problems` say why
    UnknownBudget,     // names no budget published here
    UnknownBallot,     // a vote that names no ballot published here
};

struct Intake {
    IntakeKind kind = IntakeKind::Malformed;
    const Budget* budget = nullptr;
    const Ballot* ballot = nullptr;
    SubmissionCheck submission;
    BallotSubmissionCheck vote;
    Problems problems;
};

// Well-formed valid budget submissions take the fast reader (each consultation's versions, newest
// first), so a submission keeps the version it was made against. Anything else is parsed once: a vote
// (kBallotVoteFormat) is checked against the ballot it names when `ballots` is given (null: this
// collector takes no votes, and the document is read as a budget submission); a budget submission
// against the version it names, or else the current one, whose check then says what is wrong.
Intake take_in(std::string body, const PublishedBudgets& budgets, const std::vector<const Ballot*>* ballots);

}  // namespace budget
