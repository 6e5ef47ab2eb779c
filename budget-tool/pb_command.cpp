// `budget-tool pb import|export|count|validate|sample|pack`. Exit 0 ok, 1 problems, 2 usage.
#include "pb_command.h"

#include <iostream>

#include "ballot_count.h"
#include "ballot_loader.h"
#include "ballot_pack.h"
#include "formats/pabulib.h"
#include "tool_files.h"
#include "vote.h"

namespace {

using namespace budget;

constexpr std::size_t kMaxVotesFile = 256u * 1024 * 1024;

int usage(const std::string& why) {
    std::cerr << "budget-tool: " << why << "\n"
              << "usage:\n"
              << "  budget-tool pb import FILE.pb BALLOT.json VOTES.jsonl [--id ID]\n"
              << "  budget-tool pb export BALLOT.json VOTES.jsonl OUT.pb [--area ID]\n"
              << "  budget-tool pb count (FILE.pb | BALLOT.json VOTES.jsonl) [--rule greedy|equal-shares] [--json]\n"
              << "  budget-tool pb validate BALLOT.json [VOTES.jsonl]\n"
              << "  budget-tool pb sample BALLOT.json --count N [--seed S]   votes that keep the ballot's rule, as JSON lines\n"
              << "  budget-tool pb pack BALLOT.json OUT.pack   check a ballot and write its pack for the browser app\n";
    return 2;
}

void print(const Problems& problems, const Problems& warnings, const std::string& file) {
    for (const auto& p : problems) std::cerr << format_problem(p, file) << "\n";
    for (const auto& w : warnings) std::cerr << "warning: " << format_problem(w, file) << "\n";
}

std::optional<std::string> read(const std::string& path, std::size_t limit) {
    auto text = tool::read_bounded(path, limit);
    if (!text) std::cerr << path << ": cannot read file\n";
    return text;
}

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// "Poland_Warszawa_2020_.pb" -> "poland-warszawa-2020"
std::string id_from_path(const std::string& path) {
    std::string stem = path.substr(path.find_last_of('/') + 1);
    if (ends_with(stem, ".pb")) stem.resize(stem.size() - 3);
    std::string id;
    for (char c : stem) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (ok) id.push_back(c);
        else if (!id.empty() && id.back() != '-') id.push_back('-');
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    if (id.size() > 64) id.resize(64);
    return id.empty() ? "pabulib" : id;
}

std::optional<Ballot> load(const std::string& path) {
    const auto text = read(path, JsonLimits{}.max_bytes + 1);
    if (!text) return std::nullopt;
    auto l = load_ballot(*text);
    print(l.problems, l.warnings, path);
    return std::move(l.ballot);
}

std::optional<std::vector<BallotVote>> load_votes(const Ballot& b, const std::string& path, VoteCheck check) {
    const auto text = read(path, kMaxVotesFile + 1);
    if (!text) return std::nullopt;
    if (text->size() > kMaxVotesFile) {
        std::cerr << path << ": larger than " << kMaxVotesFile / (1024 * 1024) << " MiB\n";
        return std::nullopt;
    }
    Problems problems;
    auto votes = read_votes_jsonl(*text, b, problems, check);
    print(problems, {}, path);
    if (!problems.empty()) return std::nullopt;
    return votes;
}

struct Loaded {
    Ballot ballot;
    std::vector<BallotVote> votes;
};

std::optional<Loaded> load_pabulib(const std::string& path, const std::string& id) {
    const PabulibLimits limits;
    const auto text = read(path, limits.max_bytes + 1);
    if (!text) return std::nullopt;
    Problems problems, warnings;
    auto in = import_pabulib(*text, id, problems, warnings, limits);
    print(problems, warnings, path);
    if (!in.ok) return std::nullopt;
    return Loaded{std::move(in.ballot), std::move(in.votes)};
}

int cmd_import(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    std::string id;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--id" && i + 1 < args.size()) id = args[++i];
        else if (args[i].rfind("--", 0) == 0) return usage("unknown or incomplete option " + args[i]);
        else files.push_back(args[i]);
    }
    if (files.size() != 3) return usage("pb import needs FILE.pb, BALLOT.json and VOTES.jsonl");
    auto in = load_pabulib(files[0], id.empty() ? id_from_path(files[0]) : id);
    if (!in) return 1;
    // The ballot file must load as any other would (an --id that is not an id, for one).
    const std::string json = ballot_json(in->ballot);
    auto check = load_ballot(json);
    print(check.problems, {}, files[1]);
    if (!check.ballot) return 1;
    std::string lines;
    for (const auto& v : in->votes) lines += vote_jsonl_line(in->ballot, v);
    if (!tool::write_whole(files[1], json) || !tool::write_whole(files[2], lines)) return 1;
    std::cout << files[1] << ": ballot " << in->ballot.id << " (" << in->ballot.projects.size() << " projects); " << files[2]
              << ": " << in->votes.size() << " votes\n";
    return 0;
}

int cmd_export(const std::vector<std::string>& all) {
    std::vector<std::string> args;
    std::string area;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i] == "--area" && i + 1 < all.size()) area = all[++i];
        else if (all[i].rfind("--", 0) == 0) return usage("unknown or incomplete option " + all[i]);
        else args.push_back(all[i]);
    }
    if (args.size() != 3) return usage("pb export needs BALLOT.json, VOTES.jsonl and OUT.pb");
    const auto b = load(args[0]);
    if (!b) return 1;
    const auto votes = load_votes(*b, args[1], VoteCheck::Structure);
    if (!votes) return 1;
    std::string out;
    Problems problems;
    if (!export_pabulib(*b, *votes, out, problems, std::nullopt, area)) {
        print(problems, {}, args[2]);
        return 1;
    }
    if (!tool::write_whole(args[2], out)) return 1;
    std::cout << args[2] << ": " << b->projects.size() << " projects, " << votes->size() << " votes\n";
    return 0;
}

int cmd_count(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    std::optional<CountingRule> rule;
    bool as_json = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--rule" && i + 1 < args.size()) {
            const std::string r = args[++i];
            if (r == "greedy") rule = CountingRule::Greedy;
            else if (r == "equal-shares") rule = CountingRule::EqualShares;
            else return usage("--rule is greedy or equal-shares");
        } else if (args[i] == "--json") {
            as_json = true;
        } else if (args[i].rfind("--", 0) == 0) {
            return usage("unknown or incomplete option " + args[i]);
        } else {
            files.push_back(args[i]);
        }
    }
    std::optional<Loaded> in;
    if (files.size() == 1 && ends_with(files[0], ".pb")) {
        in = load_pabulib(files[0], id_from_path(files[0]));
    } else if (files.size() == 2) {
        if (auto b = load(files[0])) {
            if (auto votes = load_votes(*b, files[1], VoteCheck::Structure)) in = Loaded{std::move(*b), std::move(*votes)};
        }
    } else {
        return usage("pb count needs FILE.pb, or BALLOT.json and VOTES.jsonl");
    }
    if (!in) return 1;
    Problems problems;
    const auto count = count_ballot(in->ballot, in->votes, rule.value_or(in->ballot.counting), problems);
    if (!count) {
        print(problems, {}, files[0]);
        return 1;
    }
    if (as_json) {
        std::cout << count_json(in->ballot, *count) << "\n";
    } else {
        for (const auto p : count->winners()) std::cout << in->ballot.projects[p].id << "\n";
    }
    return 0;
}

int cmd_validate(const std::vector<std::string>& args) {
    if (args.empty() || args.size() > 2) return usage("pb validate needs BALLOT.json and optionally VOTES.jsonl");
    const auto b = load(args[0]);
    if (!b) return 1;
    std::cout << args[0] << ": ok (" << b->projects.size() << " projects, budget "
              << (b->currency == "GBP" ? format_pounds(b->budget) : pounds_decimal(b->budget) + " " + b->currency) << ")\n";
    if (args.size() == 2) {
        const auto votes = load_votes(*b, args[1], VoteCheck::Rule);
        if (!votes) return 1;
        std::cout << args[1] << ": ok (" << votes->size() << " votes)\n";
    }
    return 0;
}

int cmd_sample(const std::vector<std::string>& args) {
    const tool::SampleArguments a = tool::sample_arguments(args, 9, "pb sample", "BALLOT.json");
    if (!a.error.empty()) return usage(a.error);
    const std::string& path = a.path;
    const std::uint64_t count = a.count, seed = a.seed;
    const auto b = load(path);
    if (!b) return 1;
    std::string out;
    for (const auto& v : sample_votes(*b, count, seed)) out += vote_jsonl_line(*b, v);
    std::cout << out;
    return 0;
}

int cmd_pack(const std::vector<std::string>& args) {
    if (args.size() != 2) return usage("pb pack needs BALLOT.json and OUT.pack");
    const auto b = load(args[0]);
    if (!b) return 1;
    const std::string bytes = pack_ballot(*b);
    if (!tool::write_whole(args[1], bytes)) return 1;
    std::cout << args[1] << ": " << bytes.size() << " bytes (ballot " << b->id << " v" << b->version << ")\n";
    return 0;
}

}  // namespace

int cmd_pb(const std::vector<std::string>& args) {
    if (args.empty()) return usage("pb needs import, export, count, validate, sample or pack");
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (args[0] == "import") return cmd_import(rest);
    if (args[0] == "export") return cmd_export(rest);
    if (args[0] == "count") return cmd_count(rest);
    if (args[0] == "validate") return cmd_validate(rest);
    if (args[0] == "sample") return cmd_sample(rest);
    if (args[0] == "pack") return cmd_pack(rest);
    return usage("unknown pb command " + args[0]);
}
