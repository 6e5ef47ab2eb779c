// Counting: hand-worked instances for greedy and equal shares (ties, free projects, projects nobody
// approves or that cost more than the budget, Add1 keeping the last outcome within the budget), and
// thousands of random instances against a plain, per-voter implementation of the definitions.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <map>
#include <random>

#include "counting.h"
#include "print_exact.h"

using namespace budget;

namespace {

std::vector<std::size_t> winners(const CountOutcome& o) {
    std::vector<std::size_t> w;
    for (const auto& x : o.winners) w.push_back(x.project);
    return w;
}

Fraction frac(std::int64_t n, std::int64_t d = 1) { return Fraction(BigInt(n), BigInt(d)); }

// --- The reference: the definitions followed literally, voter by voter, every price recomputed. ---

std::vector<std::int64_t> ref_approvals(const ApprovalElection& e) {
    std::vector<std::int64_t> a(e.costs.size(), 0);
    for (const auto& b : e.ballots)
        for (auto p : b) ++a[p];
    return a;
}

std::vector<std::size_t> ref_greedy(const ApprovalElection& e) {
    const auto a = ref_approvals(e);
    std::vector<bool> considered(e.costs.size(), false);
    std::vector<std::size_t> out;
    std::int64_t left = e.budget;
    for (std::size_t round = 0; round < e.costs.size(); ++round) {
        std::optional<std::size_t> best;
        for (std::size_t p = 0; p < e.costs.size(); ++p) {
            if (considered[p]) continue;
            if (!best || a[p] > a[*best] || (a[p] == a[*best] && e.costs[p] < e.costs[*best])) best = p;
        }
        considered[*best] = true;
        if (a[*best] > 0 && e.costs[*best] <= left) {
            left -= e.costs[*best];
            out.push_back(*best);
        }
    }
    return out;
}

struct RefOutcome {
    std::vector<std::size_t> winners;
    std::vector<std::vector<Fraction>> paid;  // by winner: each supporter's payment
    std::int64_t spent = 0;
    Fraction per_voter;
};

RefOutcome ref_mes_once(const ApprovalElection& e, const Fraction& b) {
    const auto a = ref_approvals(e);
    std::vector<Fraction> money(e.ballots.size(), b);
    std::vector<bool> chosen(e.costs.size(), false);
    RefOutcome out;
    out.per_voter = b;
    for (;;) {
        std::optional<std::size_t> best;
        Fraction best_rho;
        for (std::size_t p = 0; p < e.costs.size(); ++p) {
            if (chosen[p] || a[p] == 0) continue;
            std::vector<Fraction> m;
            for (std::size_t v = 0; v < e.ballots.size(); ++v)
                if (std::count(e.ballots[v].begin(), e.ballots[v].end(), p)) m.push_back(money[v]);
            Fraction total(0);
            for (const auto& x : m) total = total + x;
            if (total < Fraction(e.costs[p])) continue;
            // Try each supporter's money as the point where payers stop paying all they have.
            std::sort(m.begin(), m.end());
            Fraction rho;
            Fraction paid(0);
            for (std::size_t i = 0; i < m.size(); ++i) {
                const Fraction candidate = (Fraction(e.costs[p]) - paid) / Fraction(static_cast<std::int64_t>(m.size() - i));
                if (candidate <= m[i]) {
                    rho = candidate;
                    break;
                }
                paid = paid + m[i];
            }
            auto key_less = [&](std::size_t x, const Fraction& rx, std::size_t y, const Fraction& ry) {
                const bool fx = e.costs[x] == 0, fy = e.costs[y] == 0;
                if (fx != fy) return fx;
                if (!fx) {
                    const Fraction qx = rx / Fraction(e.costs[x]), qy = ry / Fraction(e.costs[y]);
                    if (qx != qy) return qx < qy;
                }
                if (e.costs[x] != e.costs[y]) return e.costs[x] < e.costs[y];
                if (a[x] != a[y]) return a[x] > a[y];
                return x < y;
            };
            if (!best || key_less(p, rho, *best, best_rho)) {
                best = p;
                best_rho = rho;
            }
        }
        if (!best) break;
        chosen[*best] = true;
        out.winners.push_back(*best);
        out.spent += e.costs[*best];
        std::vector<Fraction> paid;
        for (std::size_t v = 0; v < e.ballots.size(); ++v) {
            if (!std::count(e.ballots[v].begin(), e.ballots[v].end(), *best)) continue;
            const Fraction pay = money[v] < best_rho ? money[v] : best_rho;
            money[v] = money[v] - pay;
            paid.push_back(pay);
        }
        out.paid.push_back(paid);
    }
    return out;
}

bool ref_exhaustive(const ApprovalElection& e, const RefOutcome& o) {
    const auto a = ref_approvals(e);
    for (std::size_t p = 0; p < e.costs.size(); ++p)
        if (a[p] > 0 && std::find(o.winners.begin(), o.winners.end(), p) == o.winners.end() && e.costs[p] <= e.budget - o.spent)
            return false;
    return true;
}

RefOutcome ref_mes_add1(const ApprovalElection& e) {
    const auto n = static_cast<std::int64_t>(e.ballots.size());
    RefOutcome kept = ref_mes_once(e, frac(e.budget, n));
    for (std::int64_t k = 1; !ref_exhaustive(e, kept); ++k) {
        RefOutcome next = ref_mes_once(e, frac(e.budget + k * e.add1_step * n, n));
        if (next.spent > e.budget) break;
        kept = next;
    }
    return kept;
}

// Payments as a sorted list of (amount, voters), as CountOutcome gives them.
std::vector<std::pair<std::string, std::int64_t>> grouped(const std::vector<Fraction>& paid) {
    std::map<std::string, std::int64_t> m;
    std::vector<Fraction> amounts;
    for (const auto& p : paid) {
        if (m[p.to_string()]++ == 0) amounts.push_back(p);
    }
    std::sort(amounts.begin(), amounts.end(), [](const Fraction& x, const Fraction& y) { return x > y; });
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& a : amounts) out.emplace_back(a.to_string(), m[a.to_string()]);
    return out;
}

std::vector<std::pair<std::string, std::int64_t>> grouped(const std::vector<Payment>& payments) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    for (const auto& p : payments) out.emplace_back(p.amount.to_string(), p.voters);
    return out;
}

ApprovalElection random_election(std::mt19937_64& rng) {
    ApprovalElection e;
    const auto projects = 1 + rng() % 7, voters = 1 + rng() % 12;
    for (std::size_t p = 0; p < projects; ++p) e.costs.push_back(rng() % 6 == 0 ? 0 : static_cast<std::int64_t>(rng() % 21));
    e.budget = 1 + static_cast<std::int64_t>(rng() % 60);
    e.add1_step = 1 + static_cast<std::int64_t>(rng() % 3);
    for (std::size_t v = 0; v < voters; ++v) {
        std::vector<std::uint32_t> ballot;
        for (std::uint32_t p = 0; p < projects; ++p)
            if (rng() % 3 == 0) ballot.push_back(p);
        std::shuffle(ballot.begin(), ballot.end(), rng);
        e.ballots.push_back(ballot);
    }
    return e;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(counting)

// Four voters, B = 100: p0 (60) by v1 v2; p1 and p2 (40 each) by v3 v4.
ApprovalElection two_camps() {
    ApprovalElection e;
    e.budget = 100;
    e.add1_step = 1;
    e.costs = {60, 40, 40};
    e.ballots = {{0}, {0}, {1, 2}, {1, 2}};
    return e;
}

BOOST_AUTO_TEST_CASE(greedy_by_approvals_then_cost_then_order) {
    // All three have 2 approvals: cheaper first (p1, p2 in ballot order), then p0 no longer fits.
    BOOST_TEST(winners(count_greedy(two_camps())) == (std::vector<std::size_t>{1, 2}));
}

BOOST_AUTO_TEST_CASE(equal_shares_gives_each_camp_its_share) {
    const auto e = two_camps();
    // At 25 each: p1 costs 20 a supporter (ratio 1/2, a tie with p2 broken by ballot order); v1 and v2
    // hold 50 < 60 for p0. {p1} leaves 60, in which p0 fits, so Add1 raises the money.
    const auto once = count_equal_shares_once(e, frac(25));
    BOOST_TEST(winners(once) == (std::vector<std::size_t>{1}));
    BOOST_TEST(once.winners[0].rho.to_string() == "20");
    BOOST_TEST(!is_exhaustive(e, once));
    // At 30 each, p0 costs 30 a supporter: the same ratio 1/2 as p1, which wins the tie on cost; then
    // p0; p2 cannot be paid from v3 and v4's 10 each. {p1, p0} spends all 100: exhaustive.
    Problems problems;
    const auto o = count_equal_shares(e, problems);
    BOOST_REQUIRE(o);
    BOOST_TEST(problems.empty());
    BOOST_TEST(winners(*o) == (std::vector<std::size_t>{1, 0}));
    BOOST_TEST(o->per_voter_budget.to_string() == "30");
    BOOST_TEST(o->add1_steps == 5);
    BOOST_TEST(o->spent == 100);
    BOOST_TEST(grouped(o->winners[1].payments) == (std::vector<std::pair<std::string, std::int64_t>>{{"30", 2}}));
}

BOOST_AUTO_TEST_CASE(free_unapproved_and_too_costly_projects) {
    // B = 100, two voters. z is free (v1); n0 (10) nobody approves; big (500) costs more than B;
    // a (50) both; b (30) v2.
    ApprovalElection e;
    e.budget = 100;
    e.add1_step = 1;
    e.costs = {0, 10, 500, 50, 30};
    e.ballots = {{0, 3, 2}, {3, 4, 2}};
    // Greedy: a and big (2 approvals; a is cheaper), then z and b (1), never n0: a, z, b.
    BOOST_TEST(winners(count_greedy(e)) == (std::vector<std::size_t>{3, 0, 4}));
    // Equal shares: z first (free), then a at 25 each. b needs 30 from v2, who has 25 at 50 each and
    // 30 at 55: Add1 stops there, where {z, a, b} leaves 20 and only n0 (unapproved) would fit.
    Problems problems;
    const auto o = count_equal_shares(e, problems);
    BOOST_REQUIRE(o);
    BOOST_TEST(winners(*o) == (std::vector<std::size_t>{0, 3, 4}));
    BOOST_TEST(o->per_voter_budget.to_string() == "55");
    BOOST_TEST(o->winners[0].rho.to_string() == "0");
    BOOST_TEST(grouped(o->winners[1].payments) == (std::vector<std::pair<std::string, std::int64_t>>{{"25", 2}}));
    // v2 paid all it had left for b.
    BOOST_TEST(grouped(o->winners[2].payments) == (std::vector<std::pair<std::string, std::int64_t>>{{"30", 1}}));
    BOOST_TEST(o->approvals == (std::vector<std::int64_t>{1, 0, 2, 2, 1}));
}

BOOST_AUTO_TEST_CASE(add1_keeps_the_last_outcome_within_the_budget) {
    // B = 10; p and q cost 6, one voter each. At 5 each neither is affordable; at 6 both are, costing
    // 12 > 10, so the outcome kept is the one at 5: nothing.
    ApprovalElection e;
    e.budget = 10;
    e.add1_step = 1;
    e.costs = {6, 6};
    e.ballots = {{0}, {1}};
    Problems problems;
    const auto o = count_equal_shares(e, problems);
    BOOST_REQUIRE(o);
    BOOST_TEST(o->winners.empty());
    BOOST_TEST(o->per_voter_budget.to_string() == "5");
    BOOST_TEST(winners(count_greedy(e)) == (std::vector<std::size_t>{0}));
}

BOOST_AUTO_TEST_CASE(no_voters_and_the_step_limit) {
    ApprovalElection e;
    e.budget = 10;
    e.costs = {5};
    Problems problems;
    const auto none = count_equal_shares(e, problems);
    BOOST_REQUIRE(none);
    BOOST_TEST(none->winners.empty());
    // p0 (999,999) fits beside p1 (1), but its one supporter holds 500,000: 10 rises of 1 are not enough.
    ApprovalElection slow;
    slow.budget = 1'000'000;
    slow.add1_step = 1;
    slow.costs = {999'999, 1};
    slow.ballots = {{0}, {1}};
    const auto stopped = count_equal_shares(slow, problems, EqualSharesLimits{10});
    BOOST_TEST(!stopped);
    BOOST_REQUIRE(problems.size() == 1u);
    BOOST_TEST(format_problem(problems[0], "count") == "count: equal shares did not settle within 10 rises of each voter's money [ballot.add1_limit]");
}

BOOST_AUTO_TEST_CASE(prices_past_64_bits_stay_exact) {
    // 300 voters, 30 projects: the shares soon need more than 64 bits (checked below), and the
    // count still agrees with the reference and pays for every winner exactly.
    std::mt19937_64 rng(3);
    ApprovalElection e;
    e.add1_step = 1;
    for (int p = 0; p < 30; ++p) e.costs.push_back(1 + static_cast<std::int64_t>(rng() % 1000));
    e.budget = 3000 + static_cast<std::int64_t>(rng() % 3000);
    e.ballots.resize(300);
    for (std::uint32_t v = 0; v < 300; ++v)
        for (std::uint32_t p = 0; p < 30; ++p)
            if (rng() % (2 + v % 7) == 0) e.ballots[v].push_back(p);
    Problems problems;
    const auto o = count_equal_shares(e, problems);
    BOOST_REQUIRE(o);
    const auto ref = ref_mes_add1(e);
    BOOST_TEST(winners(*o) == ref.winners);
    BOOST_TEST(o->per_voter_budget == ref.per_voter);
    bool beyond_64_bits = false;
    for (std::size_t w = 0; w < o->winners.size(); ++w) {
        Fraction total(0);
        for (const auto& p : o->winners[w].payments) {
            total = total + p.amount * Fraction(p.voters);
            beyond_64_bits = beyond_64_bits || !p.amount.denominator().fits_int64();
        }
        BOOST_TEST(total == Fraction(e.costs[o->winners[w].project]));
        BOOST_TEST(grouped(o->winners[w].payments) == grouped(ref.paid[w]));
    }
    BOOST_TEST(beyond_64_bits);
}

BOOST_AUTO_TEST_CASE(random_instances_match_the_reference) {
    std::mt19937_64 rng(13);
    int add1_rises = 0, differs_from_greedy = 0;
    for (int i = 0; i < 3000; ++i) {
        const auto e = random_election(rng);
        BOOST_TEST_REQUIRE(winners(count_greedy(e)) == ref_greedy(e), "instance " << i);
        Problems problems;
        const auto o = count_equal_shares(e, problems);
        BOOST_TEST_REQUIRE(o.has_value(), "instance " << i);
        const auto ref = ref_mes_add1(e);
        BOOST_TEST_REQUIRE(winners(*o) == ref.winners, "instance " << i);
        BOOST_TEST_REQUIRE(o->per_voter_budget == ref.per_voter, "instance " << i);
        BOOST_TEST_REQUIRE(o->spent <= e.budget);
        for (std::size_t w = 0; w < ref.winners.size(); ++w) {
            BOOST_TEST_REQUIRE(grouped(o->winners[w].payments) == grouped(ref.paid[w]), "instance " << i << " winner " << w);
            Fraction total(0);
            for (const auto& p : o->winners[w].payments) {
                BOOST_TEST_REQUIRE(p.amount <= o->winners[w].rho);
                total = total + p.amount * Fraction(p.voters);
            }
            BOOST_TEST_REQUIRE(total == Fraction(e.costs[o->winners[w].project]));
        }
        add1_rises += o->add1_steps > 0;
        differs_from_greedy += winners(*o) != ref_greedy(e);
    }
    // The instances exercise Add1 and outcomes where the rules disagree.
    BOOST_TEST(add1_rises > 300);
    BOOST_TEST(differs_from_greedy > 100);
}

// Three voters, B = 90: v1 alone wants p (40); v2 and v3 want s (10) and w (70). At 30 each s is
// funded; w needs 35 each from what v2 and v3 keep, and p 40 from v1, so Add1 raises the money; at 40
// each s, w and p would spend 120, over B, so Add1 keeps 39 each: {s}, spending 10 of 90.
BOOST_AUTO_TEST_CASE(greedy_completion_spends_what_add1_leaves_by_votes) {
    ApprovalElection e;
    e.budget = 90;
    e.add1_step = 1;
    e.costs = {40, 10, 70};  // p, s, w
    e.ballots = {{0}, {1, 2}, {1, 2}};
    Problems problems;
    auto o = count_equal_shares(e, problems);
    BOOST_REQUIRE(o);
    BOOST_TEST(winners(*o) == (std::vector<std::size_t>{1}));
    BOOST_TEST(o->per_voter_budget.to_string() == "39");
    BOOST_TEST(o->add1_steps == 9);
    BOOST_TEST(o->spent == 10);
    BOOST_TEST(!is_exhaustive(e, *o));
    // Then by votes: w (2 votes, 70 of the 80 left), not p (40 of the 10 then left).
    complete_greedily(e, *o);
    BOOST_TEST(winners(*o) == (std::vector<std::size_t>{1, 2}));
    BOOST_TEST(!o->winners[0].completion);
    BOOST_TEST(o->winners[1].completion);
    BOOST_TEST(o->winners[1].payments.empty());
    BOOST_TEST(o->spent == 80);
    BOOST_TEST(is_exhaustive(e, *o));
}

// Add1 searches with doubles where they are clear and exactly where not; it must choose as the
// exact count does at every step. Small elections with repeated costs and ballots make exact ties.
BOOST_AUTO_TEST_CASE(the_double_filter_never_changes_an_outcome) {
    std::mt19937_64 rng(2808);
    for (int round = 0; round < 60; ++round) {
        ApprovalElection e;
        const std::size_t projects = 3 + rng() % 12, voters = 5 + rng() % 120;
        e.budget = static_cast<std::int64_t>(1000 + rng() % 5000);
        e.add1_step = 1 + static_cast<std::int64_t>(rng() % 3);
        for (std::size_t p = 0; p < projects; ++p) e.costs.push_back(static_cast<std::int64_t>((1 + rng() % 8) * 100 + (rng() % 2) * 37));
        for (std::size_t v = 0; v < voters; ++v) {
            std::vector<std::uint32_t> ballot;
            for (std::size_t p = 0; p < projects; ++p)
                if (rng() % 3 == 0) ballot.push_back(static_cast<std::uint32_t>(p));
            e.ballots.push_back(ballot);
        }
        // The reference: Add1 by exact runs alone.
        const auto n = static_cast<std::int64_t>(e.ballots.size());
        CountOutcome reference = count_equal_shares_once(e, Fraction(BigInt(e.budget), BigInt(n)), false);
        for (std::int64_t step = 1; !is_exhaustive(e, reference) && step < 100000; ++step) {
            CountOutcome next = count_equal_shares_once(e, Fraction(BigInt(e.budget) + BigInt(step * e.add1_step) * BigInt(n), BigInt(n)), false);
            if (next.spent > e.budget) break;
            next.add1_steps = step;
            reference = std::move(next);
        }
        Problems problems;
        const auto fast = count_equal_shares(e, problems);
        BOOST_REQUIRE(fast);
        BOOST_TEST_CONTEXT("election " << round) {
            BOOST_TEST(winners(*fast) == winners(reference));
            BOOST_TEST(fast->spent == reference.spent);
            BOOST_TEST(fast->add1_steps == reference.add1_steps);
            BOOST_TEST(fast->per_voter_budget == reference.per_voter_budget);
            BOOST_REQUIRE(fast->winners.size() == reference.winners.size());
            for (std::size_t w = 0; w < reference.winners.size(); ++w) {
                BOOST_TEST(fast->winners[w].rho == reference.winners[w].rho);
                BOOST_TEST(grouped(fast->winners[w].payments) == grouped(reference.winners[w].payments));
            }
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
