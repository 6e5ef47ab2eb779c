// What a voter's device sends for a ballot ("format": "pb-ballot-vote"): read with the same bounds as
// budget submissions, checked against the ballot's rule, and written back in one canonical form.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ballot.h"
#include "problem.h"

namespace budget {

constexpr int kBallotVoteFormatVersion = 1;

struct BallotSubmission {
    std::string ballot_id;
    std::int64_t version = 0;
    std::string submission_id;            // made by the device; the collector de-duplicates on it
    std::vector<std::uint32_t> projects;  // indices into Ballot::projects, as chosen
    std::string language = "en";
    std::string voter_code;  // canonical (voter_code.h), when given; never part of the stored document
};

struct BallotSubmissionCheck {
    bool ok = false;
    BallotSubmission submission;
    Problems problems;  // submission.* for the document, vote.* for the choice
};

// {"format": "pb-ballot-vote", "format_version": 1, "submission_id": "...", "ballot": {"id": ..., "version": ...},
//  "language": "en", "projects": ["id", ...], "voter_code": "ABCDE-FGHJK" (optional)}
BallotSubmissionCheck read_ballot_submission(const Ballot& ballot, std::string text);

// What the device sends: the canonical document with the voter code, when there is one.
std::string ballot_vote_to_send(const Ballot& ballot, const BallotSubmission& submission);
// The canonical document (the form stored; a retry must match it byte for byte). It leaves out the
// voter code, which the collector keeps only as a hash.
std::string ballot_submission_json(const Ballot& ballot, const BallotSubmission& submission);

// The chosen projects as bytes for storage (a count, then each index, as base-128 varints), and back.
std::string encode_vote(const std::vector<std::uint32_t>& projects);
std::optional<std::vector<std::uint32_t>> decode_vote(const std::string& bytes, std::size_t project_count);

}  // namespace budget
