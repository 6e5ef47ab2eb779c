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

constexpr const char* kUsage =
    "usage:\n"
    "  budget-tool validate FILE...                         check budget files (exit 1 if any is invalid)\n"
    "  budget-tool pack BUDGET OUT.pack                     check a budget and write its pack for the browser app\n"
    "  budget-tool simulate BUDGET [CHOICES.json] [--band X] [--lang en|cy]\n"
    "                                                       print the outcome of choices as JSON\n"
    "  budget-tool sample BUDGET --count N [--seed S]       print N valid submissions as JSON lines\n"
    "  budget-tool check-submission BUDGET FILE...          validate submission documents\n"
    "  budget-tool aggregate BUDGET SUBMISSIONS.jsonl [--format csv|json]\n"
    "                                                       the officers' summary of submissions\n"
    "  budget-tool export BUDGET (--data DIR | --database URL) [--format csv|jsonl|aggregate-csv|aggregate-json]\n"
    "                                                       officers' exports from the collector's database\n"
    "  budget-tool workbook BUDGET OUT.xlsx                 write a budget as a workbook a finance team can edit\n"
    "  budget-tool workbook --blank --kind KIND OUT.xlsx    a starting workbook for a kind of council (english-county,\n"
    "                                                       english-district, english-unitary, english-metropolitan,\n"
    "                                                       london-borough, welsh-principal)\n"
    "  budget-tool import-workbook IN.xlsx OUT.json         read a workbook back into a budget; every problem by SHEET!CELL\n"
    "  budget-tool pb import FILE.pb BALLOT.json VOTES.jsonl [--id ID]\n"
    "                                                       a pabulib file (approval) as a ballot and its votes\n"
    "  budget-tool pb export BALLOT.json VOTES.jsonl OUT.pb [--area ID]\n"
    "                                                       a ballot and votes as pabulib, selected by its rule (one area a file)\n"
    "  budget-tool pb count (FILE.pb | BALLOT.json VOTES.jsonl) [--rule greedy|equal-shares] [--json]\n"
    "                                                       the winning project ids, one a line, in the order chosen\n"
    "  budget-tool pb validate BALLOT.json [VOTES.jsonl]    check a ballot, and votes against its rule\n"
    "  budget-tool pb sample BALLOT.json --count N [--seed S]\n"
    "                                                       votes that keep the ballot's rule, as JSON lines\n";

int usage(const std::string& why) {
    std::cerr << "budget-tool: " << why << "\n" << kUsage;
    return 2;
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream s;
    s << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return s.str();
}

void print_problems(const Problems& problems, const std::string& file) {
    for (const auto& p : problems) std::cerr << format_problem(p, file) << "\n";
}

// Loads a budget, reporting problems; nullopt when unusable.
std::optional<Budget> load(const std::string& path) {
    const auto text = read_file(path);
    if (!text) {
        std::cerr << path << ": cannot read file\n";
        return std::nullopt;
    }
    BudgetLoad l = load_budget(*text);
    print_problems(l.problems, path);
    for (const auto& w : l.warnings) std::cerr << "warning: " << format_problem(w, path) << "\n";
    return std::move(l.budget);
}


int cmd_validate(const std::vector<std::string>& args) {
    if (args.empty()) return usage("validate needs at least one FILE");
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

int cmd_pack(const std::vector<std::string>& args) {
    if (args.size() != 2) return usage("pack needs BUDGET and OUT.pack");
    const auto b = load(args[0]);
    if (!b) return 1;
    const std::string bytes = pack_budget(*b);
    if (!tool::write_whole(args[1], bytes)) return 1;
    std::cout << args[1] << ": " << bytes.size() << " bytes (budget " << b->id << " v" << b->version << ")\n";
    return 0;
}

int cmd_simulate(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    char band = 'D';
    std::string lang = "en";
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--band" && i + 1 < args.size() && args[i + 1].size() == 1) band = args[++i][0];
        else if (args[i] == "--lang" && i + 1 < args.size() && (args[i + 1] == "en" || args[i + 1] == "cy")) lang = args[++i];
        else if (args[i].rfind("--", 0) == 0) return usage("unknown or incomplete option " + args[i]);
        else files.push_back(args[i]);
    }
    if (files.empty() || files.size() > 2) return usage("simulate needs BUDGET and at most one CHOICES file");
    const auto b = load(files[0]);
    if (!b) return 1;
    Choices choices = default_choices(*b);
    if (files.size() == 2) {
        const auto text = read_file(files[1]);
        if (!text) { std::cerr << files[1] << ": cannot read file\n"; return 1; }
        SubmissionCheck c = parse_choices(*b, *text);
        if (!c.ok) { print_problems(c.problems, files[1]); return 1; }
        choices = c.submission.choices;
    }
    std::cout << outcome_to_json(*b, choices, simulate(*b, choices), lang, band) << "\n";
    return 0;
}

int cmd_sample(const std::vector<std::string>& args) {
    const tool::SampleArguments a = tool::sample_arguments(args, 19, "sample", "BUDGET");
    if (!a.error.empty()) return usage(a.error);
    const std::string& path = a.path;
    const std::uint64_t count = a.count, seed = a.seed;
    const auto b = load(path);
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

int cmd_check_submission(const std::vector<std::string>& args) {
    if (args.size() < 2) return usage("check-submission needs BUDGET and at least one FILE");
    const auto b = load(args[0]);
    if (!b) return 1;
    bool all_ok = true;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const auto text = read_file(args[i]);
        if (!text) { std::cerr << args[i] << ": cannot read file\n"; all_ok = false; continue; }
        SubmissionCheck c = validate_submission(*b, *text);
        print_problems(c.problems, args[i]);
        if (c.ok) std::cout << args[i] << ": ok (" << c.submission.submission_id << ")\n";
        all_ok = all_ok && c.ok;
    }
    return all_ok ? 0 : 1;
}

int cmd_aggregate(const std::vector<std::string>& args) {
    std::vector<std::string> files;
    std::string format = "csv";
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--format" && i + 1 < args.size()) {
            format = args[++i];
            if (format != "csv" && format != "json") return usage("--format is csv or json");
        } else if (args[i].rfind("--", 0) == 0) {
            return usage("unknown or incomplete option " + args[i]);
        } else {
            files.push_back(args[i]);
        }
    }
    if (files.size() != 2) return usage("aggregate needs BUDGET and SUBMISSIONS.jsonl");
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

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage("no command given");
    const std::string cmd = args.front();
    args.erase(args.begin());
    if (cmd == "validate") return cmd_validate(args);
    if (cmd == "pb") return cmd_pb(args);
    if (cmd == "pack") return cmd_pack(args);
    if (cmd == "simulate") return cmd_simulate(args);
    if (cmd == "sample") return cmd_sample(args);
    if (cmd == "check-submission") return cmd_check_submission(args);
    if (cmd == "aggregate") return cmd_aggregate(args);
#if BUDGET_TOOL_EXPORT
    if (cmd == "export") return cmd_export(args);
    if (cmd == "workbook") return cmd_workbook(args);
    if (cmd == "import-workbook") return cmd_import_workbook(args);
#else
    if (cmd == "export") return usage("export reads the collector's database and is not in this build");
#endif
    if (cmd == "--help" || cmd == "help") { std::cout << kUsage; return 0; }
    return usage("unknown command " + cmd);
}
