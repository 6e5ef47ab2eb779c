// budget-tool: validate budgets, simulate choices, generate samples and aggregate submissions.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "aggregation.h"
#include "command_line.h"
#include "council_profile.h"
#include "neighbours.h"
#include "warning_signs.h"
#include "budget_loader.h"
#include "budget_pack.h"
#if BUDGET_TOOL_EXPORT
#include "export_command.h"
#include "workbook_command.h"
#endif
#include "outcome_json.h"
#include "pb_command.h"
#include "sample.h"
#include "tool_files.h"
#include "submission.h"

namespace {

using namespace budget;

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return s.str();
}

// Loads a budget, reporting problems; nullopt when unusable.
std::optional<Budget> load(const std::string& path) {
    const auto text = read_file(path);
    if (!text) {
        std::cerr << path << ": cannot read file\n";
        return std::nullopt;
    }
    BudgetLoad l = load_budget(*text);
    tool::print_problems(l.problems, l.warnings, path);
    return std::move(l.budget);
}


int cmd_validate(const std::vector<std::string>& args) {
    bool all_ok = true;
    for (const auto& path : args) {
        const auto b = load(path);
        if (!b) { all_ok = false; continue; }
        std::cout << path << ": ok (" << b->services.size() << " services, " << b->efficiencies.size() << " efficiencies, "
                  << b->incomes.size() << " income options, " << b->kpis.size() << " indicators; gap to close "
                  << format_pounds(b->gap_to_close) << ")\n";
    }
    return all_ok ? 0 : 1;
}

int cmd_pack(const std::string& path, const std::string& out) {
    const auto b = load(path);
    if (!b) return 1;
    const std::string bytes = pack_budget(*b);
    if (!tool::write_whole(out, bytes)) return 1;
    std::cout << out << ": " << bytes.size() << " bytes (budget " << b->id << " v" << b->version << ")\n";
    return 0;
}

struct SimulateOptions {
    std::string budget, choices, band = "D", lang = "en";
};

int cmd_simulate(const SimulateOptions& o) {
    const auto b = load(o.budget);
    if (!b) return 1;
    Choices choices = default_choices(*b);
    if (!o.choices.empty()) {
        const auto text = read_file(o.choices);
        if (!text) { std::cerr << o.choices << ": cannot read file\n"; return 1; }
        SubmissionCheck c = parse_choices(*b, *text);
        if (!c.ok) { tool::print_problems(c.problems, {}, o.choices); return 1; }
        choices = c.submission.choices;
    }
    std::cout << outcome_to_json(*b, choices, simulate(*b, choices), o.lang, o.band[0]) << "\n";
    return 0;
}

int cmd_sample(const tool::SampleOptions& o) {
    const std::uint64_t count = o.count(), seed = o.seed();
    const auto b = load(o.path);
    if (!b) return 1;
    std::string buffer;
    sample_submissions(*b, count, seed, [&](const std::string& line) {
        buffer += line;
        buffer += '\n';
        if (buffer.size() > (1 << 16)) { std::fwrite(buffer.data(), 1, buffer.size(), stdout); buffer.clear(); }
    });
    std::fwrite(buffer.data(), 1, buffer.size(), stdout);
    return 0;
}

int cmd_check_submission(const std::string& path, const std::vector<std::string>& files) {
    const auto b = load(path);
    if (!b) return 1;
    bool all_ok = true;
    for (const std::string& file : files) {
        const auto text = read_file(file);
        if (!text) { std::cerr << file << ": cannot read file\n"; all_ok = false; continue; }
        SubmissionCheck c = validate_submission(*b, *text);
        tool::print_problems(c.problems, {}, file);
        if (c.ok) std::cout << file << ": ok (" << c.submission.submission_id << ")\n";
        all_ok = all_ok && c.ok;
    }
    return all_ok ? 0 : 1;
}

int cmd_aggregate(const std::vector<std::string>& files, const std::string& format) {
    const auto b = load(files[0]);
    if (!b) return 1;
    std::ifstream in(files[1], std::ios::binary);
    if (!in) { std::cerr << files[1] << ": cannot read file\n"; return 1; }
    Aggregator agg(*b);
    std::string line;
    std::uint64_t line_no = 0, reported = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (line.empty()) continue;
        SubmissionCheck c = validate_submission(*b, std::move(line));
        if (c.ok) { agg.add(c.submission, c.outcome); continue; }
        agg.reject();
        if (++reported <= 20)
            std::cerr << files[1] << ":" << line_no << ": rejected: " << c.problems.front().pointer << ": "
                      << c.problems.front().message << " [" << c.problems.front().code << "]\n";
    }
    if (in.bad()) { std::cerr << files[1] << ": read error\n"; return 1; }
    if (reported > 20) std::cerr << files[1] << ": " << reported << " lines rejected in all\n";
    std::string out = format == "json" ? "{\"summary\": " + agg.to_json() + ",\n\"comments\": [" : agg.to_csv() + "\r\n" + comments_csv_header();
    // Second pass: stream the comments, so memory stays bounded however many submissions there are.
    in.clear();
    in.seekg(0);
    bool first = true;
    while (std::getline(in, line)) {
        if (line.find("\"comments\"") == std::string::npos) continue;
        SubmissionCheck c = validate_submission(*b, std::move(line));
        if (!c.ok) continue;
        if (format == "json") {
            const std::string items = comments_json_items(*b, c.submission);
            if (items.empty()) continue;
            out += (first ? "\n" : ",\n") + items;
            first = false;
        } else {
            out += comments_csv_rows(*b, c.submission);
        }
        if (out.size() > (1 << 16)) { std::fwrite(out.data(), 1, out.size(), stdout); out.clear(); }
    }
    if (format == "json") out += "\n]}\n";
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}

struct SignalsOptions {
    std::string profile, as_of, format = "json", budget;
};

// The warning signs in a council's profile: JSON for machines, or a line a signal for people.
int cmd_signals(const SignalsOptions& o) {
    const auto text = read_file(o.profile);
    if (!text) { std::cerr << o.profile << ": cannot read file\n"; return 1; }
    ProfileLoad l = load_profile(*text);
    tool::print_problems(l.problems, l.warnings, o.profile);
    if (!l.profile) return 1;
    CalendarDate as_of = l.profile->as_of;
    if (!o.as_of.empty()) as_of = *parse_date(o.as_of);  // checked as the arguments were read
    std::optional<Budget> indicators;
    if (!o.budget.empty() && !(indicators = load(o.budget))) return 1;
    const Judgement j = judge(*l.profile, as_of, indicators ? &*indicators : nullptr);
    if (o.format == "json") {
        std::cout << judgement_json(j, as_of) << "\n";
        return 0;
    }
    std::cout << l.profile->name.en << ", as of " << format_date(as_of) << "\n";
    if (j.signals.empty()) std::cout << "No warning signs in the figures we hold.\n";
    for (const Signal& s : j.signals) std::cout << signal_level_name(s.level) << "  " << s.id << " (" << s.year << "): " << signal_words(s) << "\n";
    for (const UnknownSignal& u : j.unknown) {
        std::cout << "unknown  " << u.id << ": needs";
        for (const std::string& n : u.needs) std::cout << " " << n;
        std::cout << "\n";
    }
    return 0;
}

// The council's figures beside its similar councils': the words for each indicator, the cost of each service.
int cmd_benchmark(const std::string& profile_path, const std::string& budget_path, const std::string& format) {
    const auto text = read_file(profile_path);
    if (!text) { std::cerr << profile_path << ": cannot read file\n"; return 1; }
    ProfileLoad l = load_profile(*text);
    tool::print_problems(l.problems, l.warnings, profile_path);
    if (!l.profile) return 1;
    const std::optional<Budget> b = load(budget_path);
    if (!b) return 1;
    if (!l.profile->neighbours) { std::cerr << profile_path << ": names no similar councils (\"neighbours\")\n"; return 1; }
    const Benchmark bench = benchmark(*l.profile, *b);
    if (format == "json") {
        std::cout << benchmark_json(bench) << "\n";
        return 0;
    }
    std::cout << l.profile->name.en << " beside " << l.profile->neighbours->group << "\n";
    for (const IndicatorBenchmark& i : bench.indicators) {
        std::cout << i.id << ": " << exact_decimal(i.value) << " (" << i.own_year << ")";
        if (i.comparison) {
            std::cout << "; median of similar councils " << exact_decimal(i.comparison->median) << " (" << i.year << ")";
            if (i.comparison->standing) std::cout << ": " << standing_words(*i.comparison->standing);
        }
        std::cout << "\n";
    }
    for (const ServiceBenchmark& s : bench.services) {
        std::cout << s.id << " (" << s.year << "): " << exact_decimal(s.per_resident) << " a resident";
        if (s.median) std::cout << "; similar councils " << exact_decimal(*s.median);
        std::cout << "\n";
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"budget-tool: validate budgets, simulate choices, generate samples and aggregate submissions"};
    app.name("budget-tool");
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "every command's options");
    tool::Outcome outcome;

    std::vector<std::string> files;
    tool::add_command(app, "validate", "check budget files (exit 1 if any is invalid)", outcome, [&] { return cmd_validate(files); })
        ->add_option("FILE", files, "budget files")->required();

    std::string budget_path, out_path;
    auto* pack = tool::add_command(app, "pack", "check a budget and write its pack for the browser app", outcome,
                                   [&] { return cmd_pack(budget_path, out_path); });
    pack->add_option("BUDGET", budget_path, "the budget file")->required();
    pack->add_option("OUT", out_path, "the pack to write (OUT.pack)")->required();

    SimulateOptions simulate_options;
    auto* simulate = tool::add_command(app, "simulate", "print the outcome of choices as JSON", outcome,
                                       [&] { return cmd_simulate(simulate_options); });
    simulate->add_option("BUDGET", simulate_options.budget, "the budget file")->required();
    simulate->add_option("CHOICES", simulate_options.choices, "a JSON file of choices (the defaults without one)");
    simulate->add_option("--band", simulate_options.band, "council tax band, one letter (default D)")
        ->check(CLI::Validator([](std::string& v) { return v.size() == 1 ? std::string() : "is one letter"; }, "X"));
    simulate->add_option("--lang", simulate_options.lang, "language of the words (default en)")->check(CLI::IsMember({"en", "cy"}));

    tool::SampleOptions sample_options;
    auto* sample = tool::add_command(app, "sample", "print N valid submissions as JSON lines", outcome,
                                     [&] { return cmd_sample(sample_options); });
    tool::add_sample_options(*sample, sample_options, "BUDGET", 19);

    std::vector<std::string> submission_files;
    auto* check = tool::add_command(app, "check-submission", "validate submission documents", outcome,
                                    [&] { return cmd_check_submission(budget_path, submission_files); });
    check->add_option("BUDGET", budget_path, "the budget file")->required();
    check->add_option("FILE", submission_files, "submission documents")->required();

    std::string submissions_path, aggregate_format = "csv";
    auto* aggregate = tool::add_command(app, "aggregate", "the officers' summary of submissions", outcome,
                                        [&] { return cmd_aggregate({budget_path, submissions_path}, aggregate_format); });
    aggregate->add_option("BUDGET", budget_path, "the budget file")->required();
    aggregate->add_option("SUBMISSIONS", submissions_path, "its submissions, as JSON lines")->required();
    aggregate->add_option("--format", aggregate_format, "csv (default) or json")->check(CLI::IsMember({"csv", "json"}));

    SignalsOptions signals_options;
    auto* signals = tool::add_command(app, "signals", "the warning signs in a council's profile, worked out exactly", outcome,
                                      [&] { return cmd_signals(signals_options); });
    signals->add_option("PROFILE", signals_options.profile, "the council's profile (budgets/councils/ID.json)")->required();
    signals->add_option("--as-of", signals_options.as_of, "judge at this date, YYYY-MM-DD (default: the profile's as_of)")
        ->check(CLI::Validator([](std::string& v) { return parse_date(v) ? std::string() : "is a date such as 2024-03-31"; }, "DATE"));
    signals->add_option("--format", signals_options.format, "json (default) or text")->check(CLI::IsMember({"json", "text"}));
    signals->add_option("--budget", signals_options.budget, "the council's current budget, for its indicators");

    std::string bench_profile, bench_budget, bench_format = "json";
    auto* bench = tool::add_command(app, "benchmark", "a council's figures beside its similar councils', with the words for each, worked out exactly",
                                    outcome, [&] { return cmd_benchmark(bench_profile, bench_budget, bench_format); });
    bench->add_option("PROFILE", bench_profile, "the council's profile, with \"neighbours\"")->required();
    bench->add_option("BUDGET", bench_budget, "the council's budget: its indicators and services")->required();
    bench->add_option("--format", bench_format, "json (default) or text")->check(CLI::IsMember({"json", "text"}));

#if BUDGET_TOOL_EXPORT
    add_export_command(app, outcome);
    add_workbook_commands(app, outcome);
#else
    tool::add_command(app, "export", "officers' exports from the collector's database (not in this build)", outcome,
                      [] { return tool::usage_error("export reads the collector's database and is not in this build"); })
        ->allow_extras();
#endif
    add_pb_commands(app, outcome);
    return tool::run_command_line(app, argc, argv, outcome);
}
