// Fuzz target: any bytes as a pabulib file, a ballot file, votes as JSON lines or a ballot vote are
// read or refused, never a crash or hang. What a pabulib file yields loads again as a ballot, writes
// back and reads back to the same ballot and votes; an accepted vote re-reads from its canonical form
// to the same choice; counts of what was read spend within the budget.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "ballot_count.h"
#include "ballot_loader.h"
#include "ballot_submission.h"
#include "formats/pabulib.h"
#include "vote.h"

// Says which check failed before aborting, so a crash file is quick to read.
#define FAIL() (std::fprintf(stderr, "fuzz_ballot: check failed at line %d\n", __LINE__), std::abort())

namespace {

const budget::Ballot& example() {
    static const budget::Ballot b = [] {
        std::ifstream in(std::string(BUDGETS_DIR) + "/ballots/bro-tegid-community-fund-2027.json", std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        auto l = budget::load_ballot(s.str());
        if (!l.ballot) FAIL();
        return *l.ballot;
    }();
    return b;
}

void check_count(const budget::Ballot& b, const std::vector<budget::BallotVote>& votes) {
    if (votes.size() > 200 || b.projects.size() > 40) return;  // keep each run quick
    budget::Problems problems;
    budget::EqualSharesLimits limits;
    limits.max_add1_steps = 2000;
    for (const auto rule : {budget::CountingRule::Greedy, budget::CountingRule::EqualShares}) {
        const auto c = budget::count_ballot(b, votes, rule, problems, limits);
        if (!c) continue;  // the step limit, reported as a problem
        for (const auto& a : c->areas)
            if (a.outcome.spent > a.budget) FAIL();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    // pabulib
    budget::Problems problems, warnings;
    const auto in = budget::import_pabulib(text, "fuzz", problems, warnings);
    if (in.ok != (problems.empty())) FAIL();
    if (in.ok) {
        const std::string json = budget::ballot_json(in.ballot);
        auto again = budget::load_ballot(json);
        if (in.ballot.projects.empty() != !again.ballot) {
            // a file with no projects imports, but is no ballot; anything else must load
            if (!in.ballot.projects.empty()) FAIL();
        }
        if (again.ballot) {
            std::string out;
            budget::Problems p2;
            auto dated = *again.ballot;
            if (budget::export_pabulib(dated, in.votes, out, p2, std::make_pair(std::int64_t{0}, std::int64_t{86400}))) {
                budget::Problems p3, w3;
                const auto back = budget::import_pabulib(out, "fuzz", p3, w3);
                // The same projects, budget, rule and votes (META gains the dates, unit and description
                // it was written with, and the title and council read from them).
                auto plain_in = in.ballot, plain_back = back.ballot;
                for (auto* b : {&plain_in, &plain_back}) {
                    b->pabulib_meta.clear();
                    b->council = {};
                    b->title = {};
                }
                if (!back.ok || budget::ballot_json(plain_back) != budget::ballot_json(plain_in) || back.votes.size() != in.votes.size())
                    FAIL();
                for (std::size_t i = 0; i < in.votes.size(); ++i)
                    if (back.votes[i].projects != in.votes[i].projects) FAIL();
            }
            check_count(*again.ballot, in.votes);
        }
    }
    // a ballot file
    const auto l = budget::load_ballot(text);
    if (l.ballot.has_value() != l.problems.empty()) FAIL();
    if (l.ballot && budget::ballot_json(*budget::load_ballot(budget::ballot_json(*l.ballot)).ballot) != budget::ballot_json(*l.ballot))
        FAIL();
    // votes and a vote against the example ballot
    const budget::Ballot& b = example();
    budget::Problems vp;
    const auto votes = budget::read_votes_jsonl(text, b, vp);
    check_count(b, votes);
    const auto v = budget::read_ballot_submission(b, text);
    if (v.ok != v.problems.empty()) FAIL();
    if (v.ok) {
        const auto again = budget::read_ballot_submission(b, budget::ballot_submission_json(b, v.submission));
        if (!again.ok || again.submission.projects != v.submission.projects) FAIL();
    }
    return 0;
}
