// The one entry point for what residents send: which consultation and version, valid or why not.
#include <boost/test/unit_test.hpp>

#include "ballot_loader.h"
#include "ballot_support.h"
#include "intake.h"
#include "support.h"

using namespace budget;

namespace {

Budget budget_version(std::int64_t version) {
    auto doc = test::small_budget();
    doc["version"] = version;
    return *load_budget(doc.dump()).budget;
}

struct Published {
    Budget v3 = budget_version(3), v4 = budget_version(4);
    Ballot ballot = *load_ballot(test::small_ballot().dump()).ballot;
    PublishedBudgets budgets{{{&v4, &v3}}};
    std::vector<const Ballot*> ballots{&ballot};
};

std::string valid_for(const Budget& b) {
    Choices c = default_choices(b);
    c.service_bp[1] = -2000;  // parks -20% closes the gap
    return submission_to_json(b, make_submission(b, c, "intake-0001"));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(intake)

BOOST_AUTO_TEST_CASE(a_valid_submission_keeps_the_version_it_was_made_against) {
    Published p;
    const Intake older = take_in(valid_for(p.v3), p.budgets, &p.ballots);
    BOOST_TEST(static_cast<int>(older.kind) == static_cast<int>(IntakeKind::BudgetSubmission));
    BOOST_TEST(older.budget == &p.v3);
    BOOST_TEST(older.submission.ok);
    BOOST_TEST(older.submission.submission.submission_id == "intake-0001");
    const Intake newer = take_in(valid_for(p.v4), p.budgets, &p.ballots);
    BOOST_TEST(newer.budget == &p.v4);
    BOOST_TEST(newer.submission.ok);
}

BOOST_AUTO_TEST_CASE(an_invalid_submission_names_its_budget_and_says_why) {
    Published p;
    std::string body = valid_for(p.v4);
    body.replace(body.find("\"parks\":-2000"), 13, "\"parks\":-1999");
    const Intake in = take_in(body, p.budgets, &p.ballots);
    BOOST_TEST(static_cast<int>(in.kind) == static_cast<int>(IntakeKind::BudgetSubmission));
    BOOST_TEST(in.budget == &p.v4);
    BOOST_TEST(!in.submission.ok);
    BOOST_TEST_REQUIRE(!in.submission.problems.empty());
    BOOST_TEST(in.submission.problems.front().code == "submission.off_step");
    BOOST_TEST(in.submission.problems.front().message == "-19.99% is not a step of 5%");
}

BOOST_AUTO_TEST_CASE(a_version_not_published_is_checked_against_the_current_one) {
    Published p;
    std::string body = valid_for(p.v4);
    body.replace(body.find("\"version\":4"), 11, "\"version\":9");
    const Intake in = take_in(body, p.budgets, &p.ballots);
    BOOST_TEST(in.budget == &p.v4);
    BOOST_TEST_REQUIRE(!in.submission.problems.empty());
    BOOST_TEST(in.submission.problems.front().code == "submission.wrong_budget_version");
}

BOOST_AUTO_TEST_CASE(unknown_budgets_ballots_and_malformed_bodies) {
    Published p;
    std::string other = valid_for(p.v4);
    other.replace(other.find("\"testshire\""), 11, "\"elsewhere\"");
    BOOST_TEST(static_cast<int>(take_in(other, p.budgets, &p.ballots).kind) == static_cast<int>(IntakeKind::UnknownBudget));
    const Intake bad = take_in("{\"budget\": ", p.budgets, &p.ballots);
    BOOST_TEST(static_cast<int>(bad.kind) == static_cast<int>(IntakeKind::Malformed));
    BOOST_TEST_REQUIRE(!bad.problems.empty());
    BOOST_TEST(bad.problems.front().code == "json.syntax");
    const std::string vote = std::string(R"({"format": ")") + kBallotVoteFormat +
                             R"(", "format_version": 1, "submission_id": "vote-0001", "ballot": {"id": "nowhere", "version": 1}, "projects": []})";
    BOOST_TEST(static_cast<int>(take_in(vote, p.budgets, &p.ballots).kind) == static_cast<int>(IntakeKind::UnknownBallot));
    // A collector that takes no votes reads it as a budget submission, which names no budget.
    BOOST_TEST(static_cast<int>(take_in(vote, p.budgets, nullptr).kind) == static_cast<int>(IntakeKind::UnknownBudget));
}

BOOST_AUTO_TEST_CASE(a_vote_is_checked_against_the_ballot_it_names) {
    Published p;
    const std::string vote = std::string(R"({"format": ")") + kBallotVoteFormat +
                             R"(", "format_version": 1, "submission_id": "vote-0001", "ballot": {"id": "parks-2027", "version": 1}, "projects": ["trees"]})";
    const Intake in = take_in(vote, p.budgets, &p.ballots);
    BOOST_TEST(static_cast<int>(in.kind) == static_cast<int>(IntakeKind::BallotVote));
    BOOST_TEST(in.ballot == &p.ballot);
    BOOST_TEST(in.vote.ok);
    BOOST_TEST(in.vote.submission.projects.size() == 1u);
    std::string wrong = vote;
    wrong.replace(wrong.find("\"version\": 1"), 12, "\"version\": 7");
    const Intake stale = take_in(wrong, p.budgets, &p.ballots);
    BOOST_TEST(!stale.vote.ok);
    BOOST_TEST_REQUIRE(!stale.vote.problems.empty());
    BOOST_TEST(stale.vote.problems.front().code == "submission.wrong_version");
}

BOOST_AUTO_TEST_SUITE_END()
