// Splits a ballot into one approval election per area and maps the winners back.
#include "ballot_count.h"

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
        std::vector<std::int64_t> approvals(ballot.projects.size(), 0);
        for (std::size_t i = 0; i < to_ballot.size(); ++i) approvals[to_ballot[i]] = outcome->approvals[i];
        outcome->approvals = std::move(approvals);
        for (auto& w : outcome->winners) w.project = to_ballot[w.project];
        out.areas.push_back(AreaCount{area, e.budget, static_cast<std::int64_t>(e.ballots.size()), std::move(*outcome)});
    }
    return out;
}

}  // namespace budget
