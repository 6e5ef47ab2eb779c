// Checking votes against a ballot, and reading and writing them as JSON lines.
#include "vote.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace budget {

namespace {

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

void add(Problems& problems, const char* code, std::string message, int line = 0) {
    problems.emplace_back(code, "", line, 0, std::move(message), line > 0 ? std::to_string(line) : std::string());
}

}  // namespace

Pence minimum_spend(const Ballot& b, Pence limit) {
    if (b.rule != BallotRule::Knapsack || b.min_share_bp <= 0) return 0;
    const __int128 share = static_cast<__int128>(limit) * b.min_share_bp;  // in 1/10000 pence
    return static_cast<Pence>((share + 9999) / 10000);
}

void check_vote_rule(const Ballot& b, const std::vector<std::uint32_t>& projects, Problems& problems) {
    const auto n = static_cast<int>(projects.size());
    if (n < b.min_projects)
        add(problems, "vote.too_few", "choose at least " + std::to_string(b.min_projects) + (b.min_projects == 1 ? " project" : " projects"));
    if (b.rule == BallotRule::Approval) {
        if (b.max_projects > 0 && n > b.max_projects)
            add(problems, "vote.too_many", "choose at most " + std::to_string(b.max_projects) + (b.max_projects == 1 ? " project" : " projects"));
        return;
    }
    if (projects.empty()) return;
    const Pence limit = b.budget_of_area(b.projects[projects.front()].area);
    Pence total = 0;
    for (const auto p : projects) total += b.projects[p].cost;  // at most 2,000 × £1 trillion: no overflow
    if (total > limit) {
        add(problems, "vote.over_budget",
            "the projects chosen cost " + format_pounds(total) + ", more than the budget of " + format_pounds(limit));
    } else if (b.min_share_bp > 0) {
        const Pence at_least = minimum_spend(b, limit);
        if (total < at_least)
            add(problems, "vote.under_share",
                "spend at least " + format_pounds(at_least) + " (" + format_bp_as_percent(b.min_share_bp) +
                    "% of the budget); the projects chosen cost " + format_pounds(total));
    }
}

std::optional<std::vector<std::uint32_t>> check_vote(const Ballot& b, const std::vector<std::string>& ids, Problems& problems,
                                                     VoteCheck check) {
    const std::size_t before = problems.size();
    std::vector<std::uint32_t> chosen;
    for (const auto& id : ids) {
        const auto p = b.find_project(id);
        if (!p) {
            add(problems, "vote.unknown_project", "unknown project " + quoted(id));
            continue;
        }
        const auto index = static_cast<std::uint32_t>(*p);
        if (std::find(chosen.begin(), chosen.end(), index) != chosen.end()) {
            add(problems, "vote.duplicate_project", "project " + quoted(id) + " is chosen twice");
            continue;
        }
        if (!chosen.empty() && b.projects[chosen.front()].area != b.projects[index].area) {
            add(problems, "vote.mixed_areas", "project " + quoted(id) + " is in another area; a vote is for one area's projects");
            continue;
        }
        chosen.push_back(index);
    }
    if (problems.size() == before && check == VoteCheck::Rule) check_vote_rule(b, chosen, problems);
    if (problems.size() != before) return std::nullopt;
    return chosen;
}

std::vector<BallotVote> read_votes_jsonl(std::string_view text, const Ballot& b, Problems& problems, VoteCheck check) {
    std::vector<BallotVote> votes;
    int line_number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
        const auto j = nlohmann::json::parse(line, nullptr, false);
        const auto bad = [&](const std::string& why) { add(problems, "votes.bad_line", why, line_number); };
        if (j.is_discarded() || !j.is_object()) {
            bad("not a JSON object");
            continue;
        }
        const auto projects = j.find("projects");
        if (projects == j.end() || !projects->is_array()) {
            bad("\"projects\" must be an array of project ids");
            continue;
        }
        BallotVote v;
        std::vector<std::string> ids;
        bool ok = true;
        for (const auto& p : *projects) {
            if (!p.is_string()) ok = false;
            else ids.push_back(p.get<std::string>());
        }
        for (const char* key : {"voter", "station"}) {
            const auto it = j.find(key);
            if (it == j.end()) continue;
            if (!it->is_string()) ok = false;
            else (std::string(key) == "voter" ? v.voter : v.station) = it->get<std::string>();
        }
        for (auto it = j.begin(); it != j.end(); ++it)
            if (it.key() != "projects" && it.key() != "voter" && it.key() != "station") ok = false;
        if (!ok) {
            bad("a vote has \"projects\" (project ids) and optionally \"voter\" and \"station\" (strings), nothing else");
            continue;
        }
        Problems mine;
        const auto chosen = check_vote(b, ids, mine, check);
        for (auto& p : mine) {
            p.line = line_number;
            p.place = std::to_string(line_number);
            problems.push_back(std::move(p));
        }
        if (!chosen) continue;
        v.projects = *chosen;
        votes.push_back(std::move(v));
    }
    return votes;
}

std::string vote_jsonl_line(const Ballot& b, const BallotVote& v) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    if (!v.voter.empty()) j["voter"] = v.voter;
    nlohmann::ordered_json ids = nlohmann::ordered_json::array();
    for (const auto p : v.projects) ids.push_back(b.projects[p].id);
    j["projects"] = ids;
    if (!v.station.empty()) j["station"] = v.station;
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

namespace {

struct SplitMix {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : next() % n; }
};

}  // namespace

std::vector<BallotVote> sample_votes(const Ballot& b, std::uint64_t count, std::uint64_t seed) {
    SplitMix rng{seed};
    std::vector<std::string> areas;
    std::vector<std::uint64_t> area_weight;
    if (b.areas.empty()) {
        areas.emplace_back();
        area_weight.push_back(1);
    }
    for (const auto& a : b.areas) {
        areas.push_back(a.id);
        area_weight.push_back(static_cast<std::uint64_t>(a.budget / 100) + 1);
    }
    std::uint64_t area_total = 0;
    for (const auto w : area_weight) area_total += w;
    std::vector<BallotVote> votes;
    votes.reserve(static_cast<std::size_t>(count));
    for (std::uint64_t i = 0; i < count; ++i) {
        std::uint64_t r = rng.below(area_total);
        std::size_t area = 0;
        while (r >= area_weight[area]) r -= area_weight[area++];
        std::vector<std::uint32_t> pool;
        std::vector<std::uint64_t> weight;
        for (std::size_t p = 0; p < b.projects.size(); ++p) {
            if (b.projects[p].area != areas[area]) continue;
            pool.push_back(static_cast<std::uint32_t>(p));
            weight.push_back(1'000'000 / (pool.size() + 2));
        }
        const std::size_t most = b.rule == BallotRule::Approval && b.max_projects > 0
                                     ? std::min(pool.size(), static_cast<std::size_t>(b.max_projects))
                                     : pool.size();
        const std::size_t least = std::min(most, static_cast<std::size_t>(std::max(b.min_projects, 1)));
        const std::size_t want = least + static_cast<std::size_t>(rng.below(most - least + 1));
        for (int attempt = 0; attempt < 20; ++attempt) {
            BallotVote v;
            auto w = weight;
            std::uint64_t total = 0;
            for (const auto x : w) total += x;
            Pence spent = 0;
            const Pence limit = b.budget_of_area(areas[area]);
            while (v.projects.size() < want && total > 0) {
                std::uint64_t pick = rng.below(total);
                std::size_t k = 0;
                while (pick >= w[k]) pick -= w[k++];
                total -= w[k];
                w[k] = 0;
                if (b.rule == BallotRule::Knapsack && spent + b.projects[pool[k]].cost > limit) continue;
                spent += b.projects[pool[k]].cost;
                v.projects.push_back(pool[k]);
            }
            Problems problems;
            check_vote_rule(b, v.projects, problems);
            if (problems.empty()) {
                v.voter = std::to_string(i + 1);
                votes.push_back(std::move(v));
                break;
            }
        }
    }
    return votes;
}

}  // namespace budget
