// Splits a ballot into one approval election per area and maps the winners back.
#include "ballot_count.h"

#include "json_writer.h"

#include <algorithm>
#include <map>

namespace budget {

std::vector<std::size_t> BallotCount::winners() const {
    std::vector<std::size_t> out;
    for (const auto& a : areas)
        for (const auto& w : a.outcome.winners) out.push_back(w.project);
    return out;
}

std::optional<BallotCount> count_ballot(const Ballot& ballot, const std::vector<BallotVote>& votes, CountingRule rule,
                                        Problems& problems, const EqualSharesLimits& limits) {
    BallotCount out;
    out.rule = rule;
    out.votes = static_cast<std::int64_t>(votes.size());
    std::vector<std::string> area_ids;
    if (ballot.areas.empty()) area_ids.emplace_back();
    for (const auto& a : ballot.areas) area_ids.push_back(a.id);
    for (const auto& area : area_ids) {
        ApprovalElection e;
        e.budget = ballot.budget_of_area(area);
        e.add1_step = 100;  // £1
        std::vector<std::size_t> to_ballot;                       // election index -> ballot index
        std::vector<std::uint32_t> to_election(ballot.projects.size(), UINT32_MAX);
        for (std::size_t p = 0; p < ballot.projects.size(); ++p) {
            if (ballot.projects[p].area != area) continue;
            to_election[p] = static_cast<std::uint32_t>(to_ballot.size());
            to_ballot.push_back(p);
            e.costs.push_back(ballot.projects[p].cost);
        }
        for (const auto& v : votes) {
            std::vector<std::uint32_t> mine;
            for (const auto p : v.projects)
                if (to_election[p] != UINT32_MAX) mine.push_back(to_election[p]);
            // Without areas every vote counts (an empty one too); with areas, a vote is in the area it chose.
            if (!mine.empty() || ballot.areas.empty()) e.ballots.push_back(std::move(mine));
        }
        std::optional<CountOutcome> outcome;
        if (rule == CountingRule::Greedy) outcome = count_greedy(e);
        else outcome = count_equal_shares(e, problems, limits);
        if (!outcome) return std::nullopt;
        if (rule == CountingRule::EqualShares && ballot.completion == Completion::Add1ThenGreedy) complete_greedily(e, *outcome);
        std::vector<std::int64_t> approvals(ballot.projects.size(), 0);
        for (std::size_t i = 0; i < to_ballot.size(); ++i) approvals[to_ballot[i]] = outcome->approvals[i];
        outcome->approvals = std::move(approvals);
        for (auto& w : outcome->winners) w.project = to_ballot[w.project];
        out.areas.push_back(AreaCount{area, e.budget, static_cast<std::int64_t>(e.ballots.size()), std::move(*outcome)});
    }
    if (std::any_of(votes.begin(), votes.end(), [](const BallotVote& v) { return !v.station.empty(); })) {
        std::map<std::string, StationTotal> by_station;
        for (const auto& v : votes) {
            StationTotal& t = by_station[v.station];
            if (t.approvals.empty()) {
                t.station = v.station;
                t.approvals.assign(ballot.projects.size(), 0);
            }
            ++t.votes;
            for (const auto p : v.projects) ++t.approvals[p];
        }
        for (auto& [name, total] : by_station) out.stations.push_back(std::move(total));
    }
    return out;
}

namespace {

std::string rounded_decimal(const Fraction& f) {
    const BigInt whole = f.rounded();
    const auto small = whole.to_int64();
    return small ? pounds_decimal(*small) : whole.to_string();
}

}  // namespace

std::string count_json(const Ballot& ballot, const BallotCount& count) {
    JsonWriter w;
    w.begin_object().key("ballot").string(ballot.id).key("version").integer(ballot.version);
    w.key("rule").string(counting_rule_id(count.rule));
    if (count.rule == CountingRule::EqualShares) w.key("completion").string(completion_id(ballot.completion));
    w.key("currency").string(ballot.currency);
    w.key("votes").integer(count.votes).key("areas").begin_array();
    for (const auto& a : count.areas) {
        w.begin_object().key("area").string(a.area).key("budget").string(pounds_decimal(a.budget));
        w.key("voters").integer(a.voters).key("spent").string(pounds_decimal(a.outcome.spent));
        if (count.rule == CountingRule::EqualShares) {
            w.key("per_voter_budget").string(rounded_decimal(a.outcome.per_voter_budget));
            w.key("per_voter_budget_exact").string(a.outcome.per_voter_budget.to_string());
            w.key("add1_steps").integer(a.outcome.add1_steps);
        }
        std::vector<bool> won(ballot.projects.size(), false);
        for (const auto& x : a.outcome.winners) won[x.project] = true;
        w.key("projects").begin_array();
        for (std::size_t p = 0; p < ballot.projects.size(); ++p) {
            if (ballot.projects[p].area != a.area) continue;
            w.begin_object().key("id").string(ballot.projects[p].id).key("cost").string(pounds_decimal(ballot.projects[p].cost));
            w.key("approvals").integer(a.outcome.approvals[p]).key("won").boolean(won[p]).end_object();
        }
        w.end_array().key("winners").begin_array();
        for (const auto& x : a.outcome.winners) {
            w.begin_object().key("id").string(ballot.projects[x.project].id).key("approvals").integer(x.approvals);
            if (x.completion) {
                w.key("completion").boolean(true);  // funded from what equal shares left, by votes
            } else if (count.rule == CountingRule::EqualShares) {
                w.key("price").string(rounded_decimal(x.rho)).key("price_exact").string(x.rho.to_string());
                w.key("payments").begin_array();
                for (const auto& pay : x.payments)
                    w.begin_object().key("voters").integer(pay.voters).key("each").string(rounded_decimal(pay.amount))
                        .key("each_exact").string(pay.amount.to_string()).end_object();
                w.end_array();
            }
            w.end_object();
        }
        w.end_array().end_object();
    }
    w.end_array();
    if (!count.stations.empty()) {
        w.key("stations").begin_array();
        for (const auto& t : count.stations) {
            w.begin_object().key("station").string(t.station).key("votes").integer(t.votes).key("projects").begin_array();
            for (std::size_t p = 0; p < ballot.projects.size(); ++p)
                w.begin_object().key("id").string(ballot.projects[p].id).key("approvals").integer(t.approvals[p]).end_object();
            w.end_array().end_object();
        }
        w.end_array();
    }
    w.end_object();
    return w.text();
}

}  // namespace budget
