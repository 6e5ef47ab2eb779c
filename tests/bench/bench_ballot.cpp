// Counting benchmark: a ballot of 100 projects and 10,000 voters, counted greedily and by equal shares
// with Add1, natively or (built by the web preset) in the browser. Prints what it measured.
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "counting.h"

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
    return 0;
}
