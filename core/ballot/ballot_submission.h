// What a voter's device sends for a ballot (kBallotVoteFormat): read with the same bounds as
// budget submissions, checked against the ballot's rule, and written back in one canonical form.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ballot.h"
#include "json_document.h"
#include "problem.h"
#include "vote.h"

namespace budget {

constexpr const char* kBallotVoteFormat = "pb-ballot-vote";
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
// The same checks on a document already parsed within submission_limits().
BallotSubmissionCheck check_ballot_vote(const Ballot& ballot, const JsonDocument& doc);

// What the device sends: the canonical document with the voter code, when there is one.
std::string ballot_vote_to_send(const Ballot& ballot, const BallotSubmission& submission);
// The canonical document (the form stored; a retry must match it byte for byte). It leaves out the
// voter code, which the collector keeps only as a hash.
std::string ballot_submission_json(const Ballot& ballot, const BallotSubmission& submission);

// The chosen projects as bytes for storage (a count, then each index, as base-128 varints), and back.
std::string encode_vote(const std::vector<std::uint32_t>& projects);
std::optional<std::vector<std::uint32_t>> decode_vote(const std::string& bytes, std::size_t project_count);
// A paper ballot entered by an officer: the canonical document and its polling station.
std::string paper_ballot_json(const Ballot& ballot, const BallotSubmission& submission, const std::string& station);
// A station's name as typed: trimmed, 1 to kMaxStationBytes of UTF-8 without control characters.
std::optional<std::string> clean_station(std::string_view typed);
// A stored vote: encode_vote's bytes, then for a paper ballot its polling station (a length byte and
// the name, 1 to kMaxStationBytes of UTF-8). Online votes are stored without one.
constexpr std::size_t kMaxStationBytes = 100;
std::string encode_stored_vote(const std::vector<std::uint32_t>& projects, const std::string& station);
std::optional<BallotVote> decode_stored_vote(const std::string& bytes, std::size_t project_count);

}  // namespace budget
