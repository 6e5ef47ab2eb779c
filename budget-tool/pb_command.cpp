// `budget-tool pb import|export|count|validate|sample|pack`. Exit 0 ok, 1 problems, 2 usage.
#include "pb_command.h"

#include <iostream>

#include "ballot_count.h"
#include "ballot_loader.h"
#include "ballot_pack.h"
#include "formats/pabulib.h"
#include "tool_files.h"
#include "command_line.h"
#include "vote.h"

namespace {

using namespace budget;

constexpr std::size_t kMaxVotesFile = 256u * 1024 * 1024;

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

std::optional<Ballot> load_ballot_file(const std::string& path) {
    const auto text = read(path, JsonLimits{}.max_bytes + 1);
    if (!text) return std::nullopt;
    auto l = load_ballot(*text);
    tool::print_problems(l.problems, l.warnings, path);
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
    tool::print_problems(problems, {}, path);
    if (!problems.empty()) return std::nullopt;
    return votes;
}

struct Loaded {
    Ballot ballot;
    std::vector<BallotVote> votes;
};

std::optional<Loaded> load_pabulib(const std::string& path, const std::string& id, bool strict) {
    PabulibLimits limits;
    limits.strict = strict;
    const auto text = read(path, limits.max_bytes + 1);
    if (!text) return std::nullopt;
    Problems problems, warnings;
    auto in = import_pabulib(*text, id, problems, warnings, limits);
    tool::print_problems(problems, warnings, path);
    if (!in.ok) return std::nullopt;
    return Loaded{std::move(in.ballot), std::move(in.votes)};
}

// The files a pb command names, in the order its usage line gives them, and its options.
struct PbOptions {
    std::string file1, file2, file3;
    std::vector<std::string> files() const {
        std::vector<std::string> out;
        for (const std::string* f : {&file1, &file2, &file3})
            if (!f->empty()) out.push_back(*f);
        return out;
    }
    std::string id, area;
    std::optional<CountingRule> rule;
    bool as_json = false;
    bool strict = false;  // pabulib quirks refused, not mended
    tool::SampleOptions sample;
};

int cmd_import(const PbOptions& o) {
    const std::vector<std::string> files = o.files();
    const std::string& id = o.id;
    auto in = load_pabulib(files[0], id.empty() ? id_from_path(files[0]) : id, o.strict);
    if (!in) return 1;
    // The ballot file must load as any other would (an --id that is not an id, for one).
    const std::string json = ballot_json(in->ballot);
    auto check = load_ballot(json);
    tool::print_problems(check.problems, {}, files[1]);
    if (!check.ballot) return 1;
    std::string lines;
    for (const auto& v : in->votes) lines += vote_jsonl_line(in->ballot, v);
    if (!tool::write_whole(files[1], json) || !tool::write_whole(files[2], lines)) return 1;
    std::cout << files[1] << ": ballot " << in->ballot.id << " (" << in->ballot.projects.size() << " projects); " << files[2]
              << ": " << in->votes.size() << " votes\n";
    return 0;
}

int cmd_export(const PbOptions& o) {
    const std::vector<std::string> args = o.files();
    const std::string& area = o.area;
    const auto b = load_ballot_file(args[0]);
    if (!b) return 1;
    const auto votes = load_votes(*b, args[1], VoteCheck::Structure);
    if (!votes) return 1;
    std::string out;
    Problems problems;
    if (!export_pabulib(*b, *votes, out, problems, std::nullopt, area)) {
        tool::print_problems(problems, {}, args[2]);
        return 1;
    }
    if (!tool::write_whole(args[2], out)) return 1;
    std::cout << args[2] << ": " << b->projects.size() << " projects, " << votes->size() << " votes\n";
    return 0;
}

int cmd_count(const PbOptions& o) {
    const std::vector<std::string> files = o.files();
    const std::optional<CountingRule>& rule = o.rule;
    const bool as_json = o.as_json;
    std::optional<Loaded> in;
    if (files.size() == 1 && ends_with(files[0], ".pb")) {
        in = load_pabulib(files[0], id_from_path(files[0]), o.strict);
    } else if (files.size() == 2) {
        if (auto b = load_ballot_file(files[0])) {
            if (auto votes = load_votes(*b, files[1], VoteCheck::Structure)) in = Loaded{std::move(*b), std::move(*votes)};
        }
    } else {
        return tool::usage_error("pb count needs FILE.pb, or BALLOT.json and VOTES.jsonl");
    }
    if (!in) return 1;
    Problems problems;
    const auto count = count_ballot(in->ballot, in->votes, rule.value_or(in->ballot.counting), problems);
    if (!count) {
        tool::print_problems(problems, {}, files[0]);
        return 1;
    }
    if (as_json) {
        std::cout << count_json(in->ballot, *count) << "\n";
    } else {
        for (const auto p : count->winners()) std::cout << in->ballot.projects[p].id << "\n";
    }
    return 0;
}

int cmd_validate(const PbOptions& o) {
    const std::vector<std::string> args = o.files();
    const auto b = load_ballot_file(args[0]);
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

int cmd_sample(const PbOptions& o) {
    const std::uint64_t count = o.sample.count(), seed = o.sample.seed();
    const auto b = load_ballot_file(o.sample.path);
    if (!b) return 1;
    std::string out;
    for (const auto& v : sample_votes(*b, count, seed)) out += vote_jsonl_line(*b, v);
    std::cout << out;
    return 0;
}

int cmd_pack(const PbOptions& o) {
    const std::vector<std::string> args = o.files();
    const auto b = load_ballot_file(args[0]);
    if (!b) return 1;
    const std::string bytes = pack_ballot(*b);
    if (!tool::write_whole(args[1], bytes)) return 1;
    std::cout << args[1] << ": " << bytes.size() << " bytes (ballot " << b->id << " v" << b->version << ")\n";
    return 0;
}

}  // namespace

void add_pb_commands(CLI::App& app, tool::Outcome& outcome) {
    static PbOptions o;  // one command runs per process
    CLI::App* pb = app.add_subcommand("pb", "participatory-budgeting ballots: pabulib files, counting, checking");
    pb->require_subcommand(1);
    // Each file a positional of its own, so --help names them; the last `optional_last` may be left out.
    auto files = [](CLI::App* command, std::initializer_list<const char*> names, std::size_t optional_last = 0) {
        std::string* slots[] = {&o.file1, &o.file2, &o.file3};
        std::size_t i = 0;
        for (const char* name : names) {
            CLI::Option* option = command->add_option(name, *slots[i], "");
            if (i + optional_last < names.size()) option->required();
            ++i;
        }
        return command;
    };
    auto* import = files(tool::add_command(*pb, "import", "a pabulib file (approval) as a ballot and its votes", outcome,
                                           [] { return cmd_import(o); }), {"FILE.pb", "BALLOT.json", "VOTES.jsonl"});
    import->add_option("--id", o.id, "the ballot's id (default: from the file's name)");
    const char* strict_help = "refuse a pabulib file's known quirks (a project twice in a vote, an empty item) instead of mending them with a warning";
    import->add_flag("--strict", o.strict, strict_help);
    auto* exported = files(tool::add_command(*pb, "export", "a ballot and votes as pabulib, selected by its rule (one area a file)",
                                             outcome, [] { return cmd_export(o); }), {"BALLOT.json", "VOTES.jsonl", "OUT.pb"});
    exported->add_option("--area", o.area, "the area, for a ballot with areas");
    auto* count = files(tool::add_command(*pb, "count", "the winning project ids, one a line, in the order chosen", outcome,
                                          [] { return cmd_count(o); }), {"FILE.pb|BALLOT.json", "VOTES.jsonl"}, 1);
    count->add_option_function<std::string>("--rule", [](const std::string& r) {
        o.rule = r == "greedy" ? CountingRule::Greedy : CountingRule::EqualShares;
    }, "greedy or equal-shares (default: the ballot's own)")->check(CLI::IsMember({"greedy", "equal-shares"}));
    count->add_flag("--json", o.as_json, "the count as JSON, with every round");
    count->add_flag("--strict", o.strict, strict_help);
    files(tool::add_command(*pb, "validate", "check a ballot, and votes against its rule", outcome, [] { return cmd_validate(o); }),
          {"BALLOT.json", "VOTES.jsonl"}, 1);
    auto* sample = tool::add_command(*pb, "sample", "votes that keep the ballot's rule, as JSON lines", outcome,
                                     [] { return cmd_sample(o); });
    tool::add_sample_options(*sample, o.sample, "BALLOT.json", 9);
    files(tool::add_command(*pb, "pack", "check a ballot and write its pack for the browser app", outcome, [] { return cmd_pack(o); }),
          {"BALLOT.json", "OUT.pack"});
}
