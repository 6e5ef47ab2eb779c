// Ballot votes as devices send them: the canonical form round-trips, the rule is the ballot's, each
// mistake has its code, and stored bytes decode only when whole.
#include <boost/test/unit_test.hpp>

#include "ballot_loader.h"
#include "ballot_submission.h"
#include "ballot_support.h"

using namespace budget;

namespace {

Ballot parks_ballot() { return *load_ballot(test::small_ballot().dump()).ballot; }

std::string problems(const BallotSubmissionCheck& c) {
    std::string out;
    for (const auto& p : c.problems) out += p.pointer + ": " + p.message + " [" + p.code + "]\n";
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(ballot_submission)

BOOST_AUTO_TEST_CASE(canonical_form_round_trips) {
    const Ballot b = parks_ballot();
    const std::string sent = R"({"projects": ["trees", "benches"], "language": "cy", "ballot": {"version": 1, "id": "parks-2027"},
                                 "submission_id": "vote-0001", "format_version": 1, "format": "pb-ballot-vote"})";
    const auto c = read_ballot_submission(b, sent);
    BOOST_TEST_REQUIRE(c.ok, problems(c));
    BOOST_TEST(c.submission.projects == (std::vector<std::uint32_t>{2, 0}));
    const std::string canonical = ballot_submission_json(b, c.submission);
    BOOST_TEST(canonical == R"({"format":"pb-ballot-vote","format_version":1,"submission_id":"vote-0001","ballot":{"id":"parks-2027","version":1},"language":"cy","projects":["trees","benches"]})");
    const auto again = read_ballot_submission(b, canonical);
    BOOST_TEST(again.ok);
    BOOST_TEST(ballot_submission_json(b, again.submission) == canonical);
}

BOOST_AUTO_TEST_CASE(a_voter_code_is_read_but_never_stored_in_the_document) {
    const Ballot b = parks_ballot();
    const std::string sent = R"({"format": "pb-ballot-vote", "format_version": 1, "submission_id": "vote-0002",
                                 "ballot": {"id": "parks-2027", "version": 1}, "projects": ["play"], "voter_code": " 938nk-rkayd "})";
    const auto c = read_ballot_submission(b, sent);
    BOOST_TEST_REQUIRE(c.ok, problems(c));
    BOOST_TEST(c.submission.voter_code == "938NKRKAYD");
    const std::string canonical = ballot_submission_json(b, c.submission);
    BOOST_TEST(canonical.find("voter_code") == std::string::npos);
    BOOST_TEST(canonical.find("938") == std::string::npos);
    // What the device sends carries it, printed as on the slip, and reads back the same.
    const std::string to_send = ballot_vote_to_send(b, c.submission);
    BOOST_TEST(to_send == canonical.substr(0, canonical.size() - 1) + R"(,"voter_code":"938NK-RKAYD"})");
    BOOST_TEST(read_ballot_submission(b, to_send).submission.voter_code == "938NKRKAYD");
    BallotSubmission none = c.submission;
    none.voter_code.clear();
    BOOST_TEST(ballot_vote_to_send(b, none) == canonical);
    const auto bad = read_ballot_submission(b, R"({"format": "pb-ballot-vote", "format_version": 1, "submission_id": "vote-0003",
        "ballot": {"id": "parks-2027", "version": 1}, "projects": ["play"], "voter_code": "938NK-RKAY"})");
    BOOST_TEST(problems(bad) == "/voter_code: a voter code is 10 letters and digits, as printed on the slip [submission.bad_voter_code]\n");
    const auto not_text = read_ballot_submission(b, R"({"format": "pb-ballot-vote", "format_version": 1, "submission_id": "vote-0003",
        "ballot": {"id": "parks-2027", "version": 1}, "projects": ["play"], "voter_code": 938})");
    BOOST_TEST(problems(not_text) == "/voter_code: expected a string [submission.wrong_type]\n");
}

BOOST_AUTO_TEST_CASE(paper_ballots_carry_their_station) {
    const Ballot b = parks_ballot();
    BallotSubmission s;
    s.submission_id = "paper-0001-1";
    s.projects = {2};
    BOOST_TEST(paper_ballot_json(b, s, "Neuadd \"y\" Dref") ==
               R"({"format":"pb-ballot-vote","format_version":1,"submission_id":"paper-0001-1","ballot":{"id":"parks-2027","version":1},"language":"en","projects":["trees"],"station":"Neuadd \"y\" Dref"})");
    BOOST_TEST(clean_station("  Llyfrgell Bala \r").value_or("") == "Llyfrgell Bala");
    BOOST_TEST(clean_station("Ysgol Ŵyl").value_or("") == "Ysgol Ŵyl");
    for (const std::string& bad : std::vector<std::string>{"", "   ", "tab\tinside", "bell\a", std::string(101, 'a'), std::string("bad \xC3")})
        BOOST_TEST(!clean_station(bad).has_value(), bad);
    BOOST_TEST(clean_station(std::string(100, 'a')).has_value());
}

BOOST_AUTO_TEST_CASE(each_mistake_has_its_code) {
    const Ballot b = parks_ballot();
    BOOST_TEST(problems(read_ballot_submission(b, R"({"format":"pb-ballot-vote","format_version":1,"submission_id":"x",
        "ballot":{"id":"other","version":2},"projects":[3],"colour":"red"})")) ==
               "/colour: unknown field \"colour\" [submission.unknown_field]\n"
               "/submission_id: submission_id must be 8-64 characters of A-Z, a-z, 0-9, '-' or '_' [submission.bad_id]\n"
               "/ballot/id: this vote is for ballot \"other\", not \"parks-2027\" [submission.wrong_ballot]\n"
               "/ballot/version: the ballot's version is 1 [submission.wrong_version]\n"
               "/projects/0: expected a project id [submission.wrong_type]\n");
    BOOST_TEST(problems(read_ballot_submission(b, R"({"format":"pb-ballot-vote","format_version":1,"submission_id":"vote-0002",
        "ballot":{"id":"parks-2027","version":1},"projects":["trees","benches","play","lights"]})")) ==
               "/projects: choose at most 3 projects [vote.too_many]\n");
    BOOST_TEST(problems(read_ballot_submission(b, "{\"format\": ")).find("[json.syntax]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(stored_bytes_decode_only_when_whole) {
    const std::vector<std::uint32_t> v = {3, 0, 200, 1999};
    const std::string bytes = encode_vote(v);
    BOOST_TEST(*decode_vote(bytes, 2000) == v);
    BOOST_TEST(!decode_vote(bytes, 1999));                          // an index past the ballot
    BOOST_TEST(!decode_vote(bytes.substr(0, bytes.size() - 1), 2000));  // cut short
    BOOST_TEST(!decode_vote(bytes + "x", 2000));                    // trailing bytes
    BOOST_TEST(decode_vote(encode_vote({}), 5)->empty());
    // Stored votes: an online vote is encode_vote's bytes; a paper ballot adds its station.
    BOOST_TEST(encode_stored_vote(v, "") == bytes);
    BOOST_TEST(decode_stored_vote(bytes, 2000)->station.empty());
    const std::string paper = encode_stored_vote(v, "Neuadd y Dref");
    const auto back = decode_stored_vote(paper, 2000);
    BOOST_REQUIRE(back);
    BOOST_TEST(back->projects == v);
    BOOST_TEST(back->station == "Neuadd y Dref");
    BOOST_TEST(!decode_vote(paper, 2000));                                   // not a draft
    BOOST_TEST(!decode_stored_vote(paper.substr(0, paper.size() - 1), 2000));  // the station cut short
    BOOST_TEST(!decode_stored_vote(paper + "x", 2000));
    BOOST_TEST(!decode_stored_vote(bytes + std::string(1, '\0'), 2000));     // an empty station
    BOOST_TEST(!decode_stored_vote(bytes + std::string(1, static_cast<char>(101)) + std::string(101, 'a'), 2000));  // too long
}

BOOST_AUTO_TEST_SUITE_END()
