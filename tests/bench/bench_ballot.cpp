// Counting benchmark: a ballot of 100 projects and 10,000 voters, counted greedily and by equal shares
// with Add1, natively or (built by the web preset) in the browser; then, natively, the real pabulib
// instances in tests/fixtures/pabulib (or the .pb files named after RUNS). Prints what it measured.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "counting.h"

#ifdef PABULIB_DIR
#include <sys/resource.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ballot_count.h"
#include "formats/pabulib.h"
#endif

using namespace budget;
using Clock = std::chrono::steady_clock;

namespace {

// Costs £5,000-£150,000 (in pence); a budget of £1,000,000; each voter approves 1-8 projects, drawn
// with a popularity skew (project k about 1/(k+3) as likely as the first), as real PB ballots look.
ApprovalElection event(std::uint64_t seed, std::size_t projects, std::size_t voters) {
    std::mt19937_64 rng(seed);
    ApprovalElection e;
    e.budget = 1'000'000 * 100;
    e.add1_step = 100;
    std::vector<std::uint64_t> weight;
    std::uint64_t total = 0;
    for (std::size_t p = 0; p < projects; ++p) {
        e.costs.push_back(static_cast<std::int64_t>(5'000 + rng() % 145'001) * 100);
        weight.push_back(1'000'000 / (p + 3));
        total += weight.back();
    }
    for (std::size_t v = 0; v < voters; ++v) {
        const std::size_t size = 1 + rng() % 8;
        std::vector<std::uint32_t> ballot;
        while (ballot.size() < size) {
            std::uint64_t r = rng() % total;
            std::uint32_t p = 0;
            while (r >= weight[p]) r -= weight[p++];
            bool seen = false;
            for (const auto x : ballot) seen = seen || x == p;
            if (!seen) ballot.push_back(p);
        }
        e.ballots.push_back(ballot);
    }
    return e;
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

#ifdef PABULIB_DIR
// A real file counted greedily and by equal shares with Add1, with the time and the process's peak memory.
bool count_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    Problems problems, warnings;
    const auto file = import_pabulib(text.str(), "bench", problems, warnings);
    if (!file.ok) {
        std::printf("%s: not read: %s\n", path.c_str(), problems.empty() ? "?" : problems.front().message.c_str());
        return false;
    }
    const std::string name = std::filesystem::path(path).filename().string();
    for (const CountingRule rule : {CountingRule::Greedy, CountingRule::EqualShares}) {
        const auto start = Clock::now();
        const auto count = count_ballot(file.ballot, file.votes, rule, problems);
        const double took = ms_since(start);
        if (!count) {
            std::printf("%s: %s stopped: %s\n", name.c_str(), counting_rule_id(rule), problems.front().message.c_str());
            return false;
        }
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        const auto& a = count->areas.front();
        std::printf("%s (%zu votes, %zu projects): %s %.1f ms, %zu winners%s; peak memory so far %ld MB\n", name.c_str(), file.votes.size(),
                    file.ballot.projects.size(), counting_rule_id(rule), took, a.outcome.winners.size(),
                    rule == CountingRule::EqualShares ? (", " + std::to_string(a.outcome.add1_steps) + " Add1 rises").c_str() : "",
                    usage.ru_maxrss / 1024);
    }
    return true;
}
#endif

}  // namespace

int main(int argc, char** argv) {
    const int runs = argc > 1 ? std::stoi(argv[1]) : 5;
    std::printf("ballot counting: 100 projects, 10,000 voters, budget £1,000,000; %d runs each, seeds 1..%d\n", runs, runs);
    double greedy_worst = 0, shares_worst = 0, greedy_total = 0, shares_total = 0;
    for (int run = 1; run <= runs; ++run) {
        const auto e = event(static_cast<std::uint64_t>(run), 100, 10'000);
        auto start = Clock::now();
        const auto g = count_greedy(e);
        const double greedy_ms = ms_since(start);
        start = Clock::now();
        Problems problems;
        const auto s = count_equal_shares(e, problems);
        const double shares_ms = ms_since(start);
        if (!s) {
            std::printf("run %d: equal shares stopped: %s\n", run, problems.front().message.c_str());
            return 1;
        }
        std::size_t widest = 0;  // the longest exact share, in decimal digits
        for (const auto& w : s->winners)
            for (const auto& p : w.payments) widest = std::max(widest, p.amount.to_string().size());
        std::printf("run %d: greedy %.2f ms (%zu winners, £%lld spent); equal shares + Add1 %.1f ms (%lld rises, %zu winners, "
                    "£%lld spent, longest exact share %zu characters)\n",
                    run, greedy_ms, g.winners.size(), static_cast<long long>(g.spent / 100), shares_ms,
                    static_cast<long long>(s->add1_steps), s->winners.size(), static_cast<long long>(s->spent / 100), widest);
        greedy_worst = std::max(greedy_worst, greedy_ms);
        shares_worst = std::max(shares_worst, shares_ms);
        greedy_total += greedy_ms;
        shares_total += shares_ms;
    }
    std::printf("greedy: mean %.2f ms, worst %.2f ms; equal shares + Add1: mean %.1f ms, worst %.1f ms\n", greedy_total / runs,
                greedy_worst, shares_total / runs, shares_worst);
#ifdef PABULIB_DIR
    std::vector<std::string> files;
    for (int i = 2; i < argc; ++i) files.emplace_back(argv[i]);
    if (files.empty())
        for (const auto& entry : std::filesystem::directory_iterator(PABULIB_DIR))
            if (entry.path().extension() == ".pb") files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
        if (!count_file(f)) return 1;
#endif
    return 0;
}
