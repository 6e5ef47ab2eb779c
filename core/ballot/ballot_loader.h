// Loads a ballot file ("format": "pb-ballot"): every problem found in one pass, with its location.
#pragma once
#include <optional>
#include <string>

#include "ballot.h"
#include "json_document.h"
#include "problem.h"

namespace budget {

constexpr int kBallotFormatVersion = 1;
constexpr std::size_t kMaxBallotProjects = 2000;

struct BallotLoad {
    std::optional<Ballot> ballot;  // set only when there are no problems
    Problems problems;
    Problems warnings;  // usable, but worth a look (a project costing more than its budget)
};

BallotLoad load_ballot(std::string text, const JsonLimits& limits = JsonLimits{});

// The ballot as its file: load_ballot(ballot_json(b)) gives b back.
std::string ballot_json(const Ballot& ballot);

}  // namespace budget
