// Greedy and equal-shares counts. Equal shares keeps voters with identical money in one class, so
// exact fractions are worked per class, not per voter, and recomputes a project's price only when
// it could still be the cheapest (a price never falls as money is spent).
#include "counting.h"

#include <algorithm>
#include <cmath>
#include <limits>
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
        : e_(e), groups_(groups), approvals_(approvals), supporters_(e.costs.size()), supporter_count_(e.costs.size(), 0) {
        for (std::size_t g = 0; g < groups.size(); ++g)
            for (const std::uint32_t p : groups[g].projects) {
                supporters_[p].push_back(g);
                supporter_count_[p] += groups[g].voters;
            }
    }

    // Exact: every price exact. Filtered: prices in doubles first, exactly only for the projects whose
    // double price is too close to the cheapest to tell apart, and for the one chosen (paid exactly):
    // the same choices. Approximate: doubles alone, for Add1's search, which needs only which projects
    // win: nullopt as soon as a choice is too close to tell (then the caller runs Filtered), and no
    // prices or payments in the outcome.
    enum class Mode { Exact, Filtered, Approximate };

    std::optional<CountOutcome> run(const Fraction& per_voter, Mode mode) {
        CountOutcome out;
        out.approvals = approvals_;
        out.per_voter_budget = per_voter;
        scales_ = {per_voter.denominator()};
        factors_ = {BigInt(1)};
        money_ = {ClassMoney{BigInt(0), 0}, ClassMoney{per_voter.numerator(), 0}};  // class 0: nothing left
        approx_money_ = {0.0, per_voter.approximate()};
        // How far a double may stray: every class's money from its exact value, and so any price.
        money_error_ = std::abs(approx_money_[1]) * 1e-9;
        group_class_.assign(groups_.size(), 1);
        count_in_class_.assign(2, 0);
        std::vector<Candidate> candidates;
        for (std::size_t p = 0; p < e_.costs.size(); ++p)
            if (approvals_[p] > 0) candidates.push_back(Candidate{p, Fraction(0), -std::numeric_limits<double>::infinity()});
        for (;;) {
            if (mode == Mode::Approximate) {
                bool unclear = false;
                const auto chosen = choose_approximately(candidates, unclear);
                if (unclear) return std::nullopt;
                if (!chosen) break;
                pay_approximately(chosen->first, chosen->second);
                out.winners.push_back(Winner{chosen->first, approvals_[chosen->first], Fraction(0), {}, false});
                out.spent += e_.costs[chosen->first];
                continue;
            }
            std::optional<std::pair<std::size_t, Fraction>> chosen =
                mode == Mode::Filtered ? choose_filtered(candidates) : choose_exactly(candidates);
            if (!chosen) break;
            out.winners.push_back(pay(chosen->first, chosen->second));
            out.spent += e_.costs[chosen->first];
        }
        return out;
    }

private:
    struct Candidate {
        std::size_t project;
        Fraction rho;       // the exact price last computed: a lower bound on the price now
        double approx_key;  // the double price per unit of cost last computed (within its error)
    };

    // Every price exactly, the cheapest first by preferred(); prices never fall, so a candidate whose
    // last price already loses to the best so far is not priced again. Unaffordable ones are dropped.
    std::optional<std::pair<std::size_t, Fraction>> choose_exactly(std::vector<Candidate>& candidates) {
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
        candidates.swap(kept);
        if (!best) return std::nullopt;
        return std::make_pair(best->project, best->rho);
    }

    struct ApproxPrice {
        enum class Fits { Yes, No, Unsure } fits = Fits::No;
        double rho = 0;
        // Every supporter surely holds more than the price: then it is exactly cost / supporters.
        bool uncapped = false;
    };

    // The price in doubles, and whether the supporters can pay it, unless too close to tell.
    ApproxPrice approx_price(std::size_t project) {
        touched_.clear();
        std::int64_t supporters = 0;
        for (const std::size_t g : supporters_[project]) {
            const std::size_t cls = group_class_[g];
            if (count_in_class_[cls] == 0) touched_.push_back(cls);
            count_in_class_[cls] += groups_[g].voters;
            supporters += groups_[g].voters;
        }
        const double cost = static_cast<double>(e_.costs[project]);
        const double slack = error_of(project);
        double total = 0;
        for (const std::size_t cls : touched_) total += approx_money_[cls] * static_cast<double>(count_in_class_[cls]);
        ApproxPrice out;
        if (total < cost - slack) out.fits = ApproxPrice::Fits::No;
        else if (total <= cost + slack) out.fits = ApproxPrice::Fits::Unsure;
        else out.fits = ApproxPrice::Fits::Yes;
        if (out.fits != ApproxPrice::Fits::No) {
            // No sort: start from an equal split, let those who hold less pay all they have, split the
            // rest among the others, and again until nobody more is capped (the price only rises).
            std::int64_t capped = -1, capped_now = 0;
            double rho = cost / static_cast<double>(supporters);
            while (capped_now != capped && capped_now < supporters) {
                capped = capped_now;
                double paid = 0;
                capped_now = 0;
                for (const std::size_t cls : touched_)
                    if (approx_money_[cls] < rho) {
                        paid += approx_money_[cls] * static_cast<double>(count_in_class_[cls]);
                        capped_now += count_in_class_[cls];
                    }
                if (capped_now < supporters) rho = std::max(rho, (cost - paid) / static_cast<double>(supporters - capped_now));
            }
            out.rho = rho;
            if (capped_now == 0 && out.fits == ApproxPrice::Fits::Yes) {
                double least = std::numeric_limits<double>::infinity();
                for (const std::size_t cls : touched_) least = std::min(least, approx_money_[cls]);
                out.uncapped = least - money_error_ > rho + slack;
            }
        }
        for (const std::size_t cls : touched_) count_in_class_[cls] = 0;
        return out;
    }

    // Bounds a double price's error: each supporter's money within money_error_, and rounding.
    double error_of(std::size_t project) const {
        return static_cast<double>(supporter_count_[project]) * money_error_ + static_cast<double>(e_.costs[project]) * 1e-12;
    }

    // One round's pricing in doubles: `kept` the candidates still possible, `priced` those priced
    // now (indices into kept, with whether affordability was too close to tell), and the best upper
    // bound on any sure candidate's price per unit of cost.
    struct ApproxRound {
        std::vector<Candidate> kept;
        std::vector<std::size_t> priced;
        std::vector<bool> unsure;
        std::vector<bool> uncapped;
        std::vector<double> rho;
        double best_bound = std::numeric_limits<double>::infinity();
    };

    double key_error(std::size_t p) const { return e_.costs[p] == 0 ? 0.0 : error_of(p) / static_cast<double>(e_.costs[p]); }

    ApproxRound price_approximately(std::vector<Candidate>& candidates) {
        std::sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
            return a.approx_key < b.approx_key || (a.approx_key == b.approx_key && a.project < b.project);
        });
        ApproxRound r;
        r.kept.reserve(candidates.size());
        for (auto& c : candidates) {
            const double error = key_error(c.project);
            // Its last key is a lower bound within its error: clearly above the best, not a contender.
            if (c.approx_key - 2 * error > r.best_bound) {
                r.kept.push_back(c);
                continue;
            }
            const ApproxPrice a = approx_price(c.project);
            if (a.fits == ApproxPrice::Fits::No) continue;  // unaffordable now, so for ever
            c.approx_key = e_.costs[c.project] == 0 ? -1.0 : a.rho / static_cast<double>(e_.costs[c.project]);
            r.kept.push_back(c);
            r.priced.push_back(r.kept.size() - 1);
            r.unsure.push_back(a.fits == ApproxPrice::Fits::Unsure);
            r.uncapped.push_back(a.uncapped);
            r.rho.push_back(a.rho);
            if (a.fits == ApproxPrice::Fits::Yes) r.best_bound = std::min(r.best_bound, c.approx_key + error);
        }
        return r;
    }

    // Whether a priced candidate might be the cheapest: within the errors of the best bound, or of
    // unsure affordability.
    bool contender(const ApproxRound& r, std::size_t i) const {
        const Candidate& c = r.kept[r.priced[i]];
        return r.unsure[i] || c.approx_key - key_error(c.project) <= r.best_bound;
    }

    // The cheapest by doubles where they are clear, exactly where they are not.
    std::optional<std::pair<std::size_t, Fraction>> choose_filtered(std::vector<Candidate>& candidates) {
        ApproxRound r = price_approximately(candidates);
        std::optional<std::pair<std::size_t, Fraction>> best;
        std::vector<std::size_t> gone;
        for (std::size_t i = 0; i < r.priced.size(); ++i) {
            if (!contender(r, i)) continue;
            const Candidate& c = r.kept[r.priced[i]];
            auto rho = price(c.project);
            if (!rho) {
                gone.push_back(r.priced[i]);  // unaffordable exactly: for ever
                continue;
            }
            if (!best || preferred(c.project, *rho, best->first, best->second)) best = std::make_pair(c.project, *rho);
        }
        for (auto it = gone.rbegin(); it != gone.rend(); ++it) r.kept.erase(r.kept.begin() + static_cast<std::ptrdiff_t>(*it));
        if (best) r.kept.erase(std::find_if(r.kept.begin(), r.kept.end(), [&](const Candidate& c) { return c.project == best->first; }));
        candidates.swap(r.kept);
        return best;
    }

    // The cheapest by doubles alone, with its double price; `unclear` when doubles cannot tell.
    // Contenders whose every supporter surely holds more than the price are compared exactly, as
    // their price is exactly cost / supporters (ties are common there: equal costs and supporters).
    std::optional<std::pair<std::size_t, double>> choose_approximately(std::vector<Candidate>& candidates, bool& unclear) {
        ApproxRound r = price_approximately(candidates);
        std::optional<std::size_t> only;
        std::optional<Fraction> only_rho;  // exact, when every contender so far is uncapped
        for (std::size_t i = 0; i < r.priced.size(); ++i) {
            if (!contender(r, i)) continue;
            const std::size_t p = r.kept[r.priced[i]].project;
            if (r.unsure[i] || (only && !(only_rho && r.uncapped[i]))) {
                unclear = true;
                return std::nullopt;
            }
            std::optional<Fraction> exact;
            if (r.uncapped[i]) exact = Fraction(BigInt(e_.costs[p]), BigInt(supporter_count_[p]));
            if (!only || preferred(p, *exact, r.kept[r.priced[*only]].project, *only_rho)) {
                only = i;
                only_rho = exact;
            }
        }
        if (!only) {
            candidates.swap(r.kept);
            return std::nullopt;
        }
        const std::size_t project = r.kept[r.priced[*only]].project;
        const double rho = r.rho[*only];
        r.kept.erase(r.kept.begin() + static_cast<std::ptrdiff_t>(r.priced[*only]));
        candidates.swap(r.kept);
        return std::make_pair(project, rho);
    }

    // pay() in doubles: supporters with no more than rho pay all they have, the rest pay rho.
    // (money_ is not kept: an approximate run never prices exactly.)
    void pay_approximately(std::size_t project, double rho) {
        moved_to_.resize(approx_money_.size(), 0);  // old class -> its class after paying (0: none yet)
        touched_.clear();
        for (const std::size_t g : supporters_[project]) {
            const std::size_t cls = group_class_[g];
            if (approx_money_[cls] <= rho) {
                group_class_[g] = 0;
                continue;
            }
            if (moved_to_[cls] == 0) {
                approx_money_.push_back(approx_money_[cls] - rho);
                count_in_class_.push_back(0);
                moved_to_[cls] = approx_money_.size() - 1;
                touched_.push_back(cls);
            }
            group_class_[g] = moved_to_[cls];
        }
        for (const std::size_t cls : touched_) moved_to_[cls] = 0;
    }

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
                approx_money_.push_back(approx_money_[cls] - rho.approximate());
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
    std::vector<double> approx_money_;                  // by class, within money_error_ of money_
    std::vector<std::size_t> moved_to_;                 // scratch for pay_approximately()
    double money_error_ = 0;
    std::vector<std::int64_t> supporter_count_;         // by project: voters
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

CountOutcome count_equal_shares_once(const ApprovalElection& e, const Fraction& per_voter, bool filtered) {
    const auto groups = group_ballots(e);
    const auto approvals = approvals_of(e);
    return *EqualShares(e, groups, approvals).run(per_voter, filtered ? EqualShares::Mode::Filtered : EqualShares::Mode::Exact);
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
    // Add1 needs only which projects each run funds: doubles tell that where they are clear (the run
    // is exact where they are not), and the run kept is made again exactly, for its prices.
    const auto which = [&](const Fraction& per_voter) {
        if (auto quick = count.run(per_voter, EqualShares::Mode::Approximate)) return std::move(*quick);
        return std::move(*count.run(per_voter, EqualShares::Mode::Filtered));
    };
    Fraction kept_money(BigInt(e.budget), BigInt(voters));
    CountOutcome kept = which(kept_money);
    std::int64_t kept_step = 0;
    for (std::int64_t step = 1; !is_exhaustive(e, kept); ++step) {
        if (step > limits.max_add1_steps) {
            problems.emplace_back("ballot.add1_limit", "", 0, 0,
                                  "equal shares did not settle within " + std::to_string(limits.max_add1_steps) +
                                      " rises of each voter's money");
            return std::nullopt;
        }
        const BigInt total = BigInt(e.budget) + BigInt(step) * BigInt(e.add1_step) * BigInt(voters);
        Fraction money(total, BigInt(voters));
        CountOutcome next = which(money);
        if (next.spent > e.budget) break;
        kept = std::move(next);
        kept_money = std::move(money);
        kept_step = step;
    }
    CountOutcome exact = *count.run(kept_money, EqualShares::Mode::Filtered);
    exact.add1_steps = kept_step;
    return exact;
}

}  // namespace budget
