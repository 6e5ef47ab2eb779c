// Greedy and equal-shares counts. Equal shares keeps voters with identical money in one class, so
// exact fractions are worked per class, not per voter, and recomputes a project's price only when
// it could still be the cheapest (a price never falls as money is spent).
#include "counting.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace budget {

namespace {

std::vector<std::int64_t> approvals_of(const ApprovalElection& e) {
    std::vector<std::int64_t> a(e.costs.size(), 0);
    for (const auto& ballot : e.ballots)
        for (const std::uint32_t p : ballot) ++a[p];
    return a;
}

// Voters with the same ballot always hold the same money: count each distinct ballot once.
struct BallotGroup {
    std::vector<std::uint32_t> projects;
    std::int64_t voters = 0;
};

std::vector<BallotGroup> group_ballots(const ApprovalElection& e) {
    std::vector<std::vector<std::uint32_t>> sorted;
    sorted.reserve(e.ballots.size());
    for (const auto& b : e.ballots) {
        if (b.empty()) continue;
        sorted.push_back(b);
        std::sort(sorted.back().begin(), sorted.back().end());
    }
    std::sort(sorted.begin(), sorted.end());
    std::vector<BallotGroup> groups;
    for (auto& b : sorted) {
        if (!groups.empty() && groups.back().projects == b) {
            ++groups.back().voters;
        } else {
            groups.push_back(BallotGroup{std::move(b), 1});
        }
    }
    return groups;
}

class EqualShares {
public:
    EqualShares(const ApprovalElection& e, const std::vector<BallotGroup>& groups, const std::vector<std::int64_t>& approvals)
        : e_(e), groups_(groups), approvals_(approvals), supporters_(e.costs.size()) {
        for (std::size_t g = 0; g < groups.size(); ++g)
            for (const std::uint32_t p : groups[g].projects) supporters_[p].push_back(g);
    }

    CountOutcome run(const Fraction& per_voter) {
        CountOutcome out;
        out.approvals = approvals_;
        out.per_voter_budget = per_voter;
        scales_ = {per_voter.denominator()};
        factors_ = {BigInt(1)};
        money_ = {ClassMoney{BigInt(0), 0}, ClassMoney{per_voter.numerator(), 0}};  // class 0: nothing left
        group_class_.assign(groups_.size(), 1);
        count_in_class_.assign(2, 0);
        std::vector<Candidate> candidates;
        for (std::size_t p = 0; p < e_.costs.size(); ++p)
            if (approvals_[p] > 0) candidates.push_back(Candidate{p, Fraction(0)});
        for (;;) {
            std::sort(candidates.begin(), candidates.end(),
                      [&](const Candidate& a, const Candidate& b) { return preferred(a.project, a.rho, b.project, b.rho); });
            std::optional<Candidate> best;
            std::vector<Candidate> kept;
            kept.reserve(candidates.size());
            for (auto& c : candidates) {
                if (best && !preferred(c.project, c.rho, best->project, best->rho)) {
                    kept.push_back(c);  // its price can only be higher than this bound: not the cheapest
                    continue;
                }
                auto rho = price(c.project);
                if (!rho) continue;  // unaffordable now, so for ever
                c.rho = *rho;
                if (!best || preferred(c.project, c.rho, best->project, best->rho)) {
                    if (best) kept.push_back(*best);
                    best = c;
                } else {
                    kept.push_back(c);
                }
            }
            if (!best) break;
            out.winners.push_back(pay(best->project, best->rho));
            out.spent += e_.costs[best->project];
            candidates.swap(kept);
        }
        return out;
    }

private:
    struct Candidate {
        std::size_t project;
        Fraction rho;  // the price last computed: a lower bound on the price now
    };

    // A class's money is numerator / scales_[scale]. Every price's denominator divides the scale of
    // the rounds after it, so within a round all money shares one denominator and prices are found
    // with whole numbers alone; a class is brought to the current scale when it is next used.
    struct ClassMoney {
        BigInt numerator;
        std::size_t scale = 0;
    };

    const BigInt& scale() const { return scales_.back(); }

    const BigInt& money(std::size_t cls) {
        ClassMoney& m = money_[cls];
        const std::size_t now = scales_.size() - 1;
        if (m.scale != now) {
            if (factors_[m.scale].is_zero()) {
                BigInt r;
                BigInt::divide(scale(), scales_[m.scale], factors_[m.scale], r);
            }
            m.numerator = m.numerator * factors_[m.scale];
            m.scale = now;
        }
        return m.numerator;
    }

    // After a price is paid: the next scale is the least common multiple with its denominator.
    void rescale_for(const Fraction& rho) {
        const BigInt g = BigInt::gcd(scale(), rho.denominator());
        BigInt q, r;
        BigInt::divide(rho.denominator(), g, q, r);
        if (q == BigInt(1)) return;
        scales_.push_back(scale() * q);
        factors_.assign(scales_.size(), BigInt(0));  // L_now / L_k, made when first needed
        factors_.back() = BigInt(1);
    }

    // Smaller rho/cost first; then lower cost, more approvals, ballot order. A free project costs
    // nothing per unit, before any other.
    bool preferred(std::size_t a, const Fraction& rho_a, std::size_t b, const Fraction& rho_b) const {
        const std::int64_t ca = e_.costs[a], cb = e_.costs[b];
        int c = 0;
        if (ca == 0 || cb == 0) {
            c = (ca == 0 ? 0 : 1) - (cb == 0 ? 0 : 1);
        } else {
            c = Fraction::compare_scaled(rho_a, cb, rho_b, ca);
        }
        if (c != 0) return c < 0;
        if (ca != cb) return ca < cb;
        if (approvals_[a] != approvals_[b]) return approvals_[a] > approvals_[b];
        return a < b;
    }

    // The smallest rho with sum of min(money, rho) over supporters == cost, or nullopt if they
    // cannot cover it together.
    std::optional<Fraction> price(std::size_t project) {
        touched_.clear();
        for (const std::size_t g : supporters_[project]) {
            const std::size_t cls = group_class_[g];
            if (count_in_class_[cls] == 0) touched_.push_back(cls);
            count_in_class_[cls] += groups_[g].voters;
        }
        for (const std::size_t cls : touched_) money(cls);  // all at the current scale
        std::sort(touched_.begin(), touched_.end(),
                  [&](std::size_t a, std::size_t b) { return money_[a].numerator < money_[b].numerator; });
        std::int64_t remaining = 0;
        for (const std::size_t cls : touched_) remaining += count_in_class_[cls];
        const BigInt cost = BigInt(e_.costs[project]) * scale();
        BigInt paid(0);
        std::optional<Fraction> rho;
        for (const std::size_t cls : touched_) {
            const BigInt need = cost - paid;
            const BigInt& m = money_[cls].numerator;
            if (m * BigInt(remaining) >= need) {
                rho = Fraction(need, BigInt(remaining) * scale());
                break;
            }
            paid = paid + m * BigInt(count_in_class_[cls]);
            remaining -= count_in_class_[cls];
        }
        for (const std::size_t cls : touched_) count_in_class_[cls] = 0;
        return rho;
    }

    Winner pay(std::size_t project, const Fraction& rho) {
        Winner w;
        w.project = project;
        w.approvals = approvals_[project];
        w.rho = rho;
        rescale_for(rho);
        BigInt rho_numerator, r;  // rho at the current scale
        BigInt::divide(rho.numerator() * scale(), rho.denominator(), rho_numerator, r);
        std::map<std::size_t, std::size_t> moved_to;  // old class -> class after paying rho
        std::map<std::size_t, std::int64_t> payers;   // old class -> voters
        for (const std::size_t g : supporters_[project]) {
            const std::size_t cls = group_class_[g];
            payers[cls] += groups_[g].voters;
            const BigInt& m = money(cls);
            if (m <= rho_numerator) {
                group_class_[g] = 0;
                continue;
            }
            auto it = moved_to.find(cls);
            if (it == moved_to.end()) {
                BigInt left = m - rho_numerator;  // before push_back may move m
                money_.push_back(ClassMoney{std::move(left), scales_.size() - 1});
                count_in_class_.push_back(0);
                it = moved_to.emplace(cls, money_.size() - 1).first;
            }
            group_class_[g] = it->second;
        }
        for (const auto& [cls, voters] : payers) {
            const BigInt& m = money(cls);
            const Fraction amount = m <= rho_numerator ? Fraction(m, scale()) : rho;
            auto same = std::find_if(w.payments.begin(), w.payments.end(), [&](const Payment& p) { return p.amount == amount; });
            if (same != w.payments.end()) {
                same->voters += voters;
            } else {
                w.payments.push_back(Payment{amount, voters});
            }
        }
        std::sort(w.payments.begin(), w.payments.end(), [](const Payment& a, const Payment& b) { return a.amount > b.amount; });
        return w;
    }

    const ApprovalElection& e_;
    const std::vector<BallotGroup>& groups_;
    const std::vector<std::int64_t>& approvals_;
    std::vector<std::vector<std::size_t>> supporters_;  // by project: ballot groups
    std::vector<ClassMoney> money_;                     // by class
    std::vector<BigInt> scales_;                        // denominators, each a multiple of the one before
    std::vector<BigInt> factors_;                       // scales_.back() / scales_[k], 0 until needed
    std::vector<std::size_t> group_class_;
    std::vector<std::int64_t> count_in_class_;          // scratch for price()
    std::vector<std::size_t> touched_;
};

}  // namespace

namespace {

// Adds projects not yet chosen, by approvals (ties: lower cost, then ballot order), while they fit.
void fill_greedily(const ApprovalElection& e, CountOutcome& out, bool completion) {
    std::vector<bool> chosen(e.costs.size(), false);
    for (const auto& w : out.winners) chosen[w.project] = true;
    std::vector<std::size_t> order(e.costs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (out.approvals[a] != out.approvals[b]) return out.approvals[a] > out.approvals[b];
        return e.costs[a] < e.costs[b];
    });
    std::int64_t left = e.budget - out.spent;
    for (const std::size_t p : order) {
        if (chosen[p] || out.approvals[p] == 0 || e.costs[p] > left) continue;
        left -= e.costs[p];
        out.spent += e.costs[p];
        out.winners.push_back(Winner{p, out.approvals[p], Fraction(0), {}, completion});
    }
}

}  // namespace

CountOutcome count_greedy(const ApprovalElection& e) {
    CountOutcome out;
    out.approvals = approvals_of(e);
    fill_greedily(e, out, false);
    return out;
}

void complete_greedily(const ApprovalElection& e, CountOutcome& outcome) { fill_greedily(e, outcome, true); }

CountOutcome count_equal_shares_once(const ApprovalElection& e, const Fraction& per_voter) {
    const auto groups = group_ballots(e);
    const auto approvals = approvals_of(e);
    return EqualShares(e, groups, approvals).run(per_voter);
}

bool is_exhaustive(const ApprovalElection& e, const CountOutcome& outcome) {
    std::vector<bool> chosen(e.costs.size(), false);
    for (const auto& w : outcome.winners) chosen[w.project] = true;
    const std::int64_t left = e.budget - outcome.spent;
    for (std::size_t p = 0; p < e.costs.size(); ++p)
        if (!chosen[p] && outcome.approvals[p] > 0 && e.costs[p] <= left) return false;
    return true;
}

std::optional<CountOutcome> count_equal_shares(const ApprovalElection& e, Problems& problems, const EqualSharesLimits& limits) {
    const auto groups = group_ballots(e);
    const auto approvals = approvals_of(e);
    const auto voters = static_cast<std::int64_t>(e.ballots.size());
    if (voters == 0) {
        CountOutcome none;
        none.approvals = approvals;
        return none;
    }
    EqualShares count(e, groups, approvals);
    CountOutcome kept = count.run(Fraction(BigInt(e.budget), BigInt(voters)));
    for (std::int64_t step = 1; !is_exhaustive(e, kept); ++step) {
        if (step > limits.max_add1_steps) {
            problems.emplace_back("ballot.add1_limit", "", 0, 0,
                                  "equal shares did not settle within " + std::to_string(limits.max_add1_steps) +
                                      " rises of each voter's money");
            return std::nullopt;
        }
        const BigInt total = BigInt(e.budget) + BigInt(step) * BigInt(e.add1_step) * BigInt(voters);
        CountOutcome next = count.run(Fraction(total, BigInt(voters)));
        if (next.spent > e.budget) break;
        next.add1_steps = step;
        kept = std::move(next);
    }
    return kept;
}

}  // namespace budget
