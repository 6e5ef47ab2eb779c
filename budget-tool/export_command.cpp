// `budget-tool export BUDGET (--data DIR | --database URL) [--format F] [--output FILE]`: the same
// export code as budget-server's officer routes, reading the same SQLite file or PostgreSQL database.
#include "export_command.h"

#include <unistd.h>

#include <map>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "exports.h"
#include "officer_store.h"
#include "xlsx_export.h"
#include "budget_loader.h"
#include "storage.h"

namespace {

struct ExportOptions {
    std::string budget_path, data_dir, database, format = "csv", output;
};

int cmd_export(const ExportOptions& o) {
    const std::string &budget_path = o.budget_path, &data_dir = o.data_dir, &database = o.database, &format = o.format,
                      &output = o.output;
    const std::map<std::string, std::string> kinds = {{"csv", "export.csv"}, {"jsonl", "submissions.jsonl"},
                                                      {"aggregate-csv", "aggregate.csv"}, {"aggregate-json", "aggregate.json"},
                                                      {"xlsx", "export.xlsx"}};
    if (data_dir.empty() == database.empty()) return tool::usage_error("export needs BUDGET and one of --data or --database");
    if (format == "xlsx" && output.empty()) return tool::usage_error("--format xlsx needs --output FILE");
    std::ifstream in(budget_path, std::ios::binary);
    if (!in) { std::cerr << budget_path << ": cannot read file\n"; return 1; }
    std::ostringstream text;
    text << in.rdbuf();
    budget::BudgetLoad l = budget::load_budget(text.str());
    for (const auto& p : l.problems) std::cerr << budget::format_problem(p, budget_path) << "\n";
    if (!l.budget) return 1;
    if (!data_dir.empty() && !std::filesystem::exists(std::filesystem::path(data_dir) / "submissions.sqlite3")) {
        std::cerr << "budget-tool: no submissions database in " << data_dir << "\n";
        return 1;
    }
    std::string error;
    auto storage = storage::open_storage(data_dir, database, error);
    if (!storage) { std::cerr << "budget-tool: " << error << "\n"; return 1; }
    const std::string target = output.empty() ? std::filesystem::temp_directory_path().string() + "/budget-export-" +
                                                    std::to_string(::getpid())
                                              : output;
    // The moderation officers did in the console (the same database) is flagged, as the server does.
    auto officers = storage::OfficerStore::open(data_dir, database, error);
    storage::HiddenComments hidden;
    if (!officers || !officers->hidden_comments(l.budget->id, hidden, error)) {
        std::cerr << "budget-tool: " << error << "\n";
        return 1;
    }
    const bool ok = format == "xlsx" ? storage::write_xlsx(*storage, *l.budget, hidden, target, error)
                                     : storage::write_export(*storage, *l.budget, kinds.at(format), target, hidden, error);
    storage->stop();
    if (!ok) {
        std::cerr << "budget-tool: export failed: " << error << "\n";
        std::remove(target.c_str());
        return 1;
    }
    if (output.empty()) {  // to standard output
        std::ifstream made(target, std::ios::binary);
        std::cout << made.rdbuf();
        std::remove(target.c_str());
    }
    return 0;
}

}  // namespace

void add_export_command(CLI::App& app, tool::Outcome& outcome) {
    static ExportOptions o;  // one command runs per process
    auto* command = tool::add_command(app, "export", "officers' exports from the collector's database", outcome,
                                      [] { return cmd_export(o); });
    command->add_option("BUDGET", o.budget_path, "the budget file")->required();
    auto* data = command->add_option("--data", o.data_dir, "the collector's data folder (its SQLite file)");
    command->add_option("--database", o.database, "a PostgreSQL URL (postgresql://...)")->excludes(data);
    command->add_option("--format", o.format, "what to export (default csv)")
        ->check(CLI::IsMember({"csv", "jsonl", "aggregate-csv", "aggregate-json", "xlsx"}));
    command->add_option("--output", o.output, "write to FILE (default: standard output; xlsx needs it)");
}
