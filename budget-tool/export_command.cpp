// `budget-tool export BUDGET (--data DIR | --database URL) [--format F] [--output FILE] [--version N]`:
// the same export code as budget-server's officer routes, reading the same SQLite file or PostgreSQL
// database. BUDGET is a budget file, or the id of a consultation whose versions were published in the
// console (started there, or republished): its budget is read from the database.
#include "export_command.h"

#include <unistd.h>

#include <map>
#include <vector>

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
    std::int64_t version = 0;  // with a consultation id: one version (0: every version)
};

bool looks_like_id(const std::string& text) {
    return !text.empty() && text.size() <= 64 && text.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
}

// Every version of `id` published in the database, oldest first; empty with `error` set when there is none.
std::vector<budget::Budget> published_versions(storage::OfficerStore& officers, const std::string& id, std::string& error) {
    std::vector<storage::PublishedVersion> stored;
    std::vector<budget::Budget> out;
    if (!officers.versions(storage::DocumentKind::Budget, stored, error)) return out;
    for (const auto& v : stored) {
        if (v.document_id != id) continue;
        budget::BudgetLoad l = budget::load_budget(v.document_json);
        if (!l.budget) {
            error = "version " + std::to_string(v.version) + " of \"" + id + "\" in the database no longer passes the checks";
            out.clear();
            return out;
        }
        out.push_back(std::move(*l.budget));
    }
    if (out.empty())
        error = "\"" + id + "\" is neither a budget file nor a consultation with a version published in this database "
                "(a consultation run from a budget file: give the file)";
    return out;
}

int cmd_export(const ExportOptions& o) {
    const std::string &budget_path = o.budget_path, &data_dir = o.data_dir, &database = o.database, &format = o.format,
                      &output = o.output;
    const std::map<std::string, std::string> kinds = {{"csv", "export.csv"}, {"jsonl", "submissions.jsonl"},
                                                      {"aggregate-csv", "aggregate.csv"}, {"aggregate-json", "aggregate.json"},
                                                      {"xlsx", "export.xlsx"}};
    if (data_dir.empty() == database.empty()) return tool::usage_error("export needs BUDGET and one of --data or --database");
    if (format == "xlsx" && output.empty()) return tool::usage_error("--format xlsx needs --output FILE");
    const bool by_id = !std::filesystem::exists(budget_path) && looks_like_id(budget_path);
    if (o.version && !by_id) return tool::usage_error("--version needs a consultation id as BUDGET, not a file");
    std::vector<budget::Budget> versions;
    if (!by_id) {
        std::ifstream in(budget_path, std::ios::binary);
        if (!in) { std::cerr << budget_path << ": cannot read file\n"; return 1; }
        std::ostringstream text;
        text << in.rdbuf();
        budget::BudgetLoad l = budget::load_budget(text.str());
        for (const auto& p : l.problems) std::cerr << budget::format_problem(p, budget_path) << "\n";
        if (!l.budget) return 1;
        versions.push_back(std::move(*l.budget));
    }
    if (!data_dir.empty() && !std::filesystem::exists(std::filesystem::path(data_dir) / "submissions.sqlite3")) {
        std::cerr << "budget-tool: no submissions database in " << data_dir << "\n";
        return 1;
    }
    std::string error;
    auto storage = storage::open_storage(data_dir, database, error);
    if (!storage) { std::cerr << "budget-tool: " << error << "\n"; return 1; }
    auto officers = storage::OfficerStore::open(data_dir, database, error);
    if (!officers) { std::cerr << "budget-tool: " << error << "\n"; return 1; }
    // By id: every version the console published, the newest leading; rows of each read against their own.
    storage::ExportScope scope;
    if (by_id) {
        versions = published_versions(*officers, budget_path, error);
        if (versions.empty()) { std::cerr << "budget-tool: " << error << "\n"; return 1; }
        if (o.version) {
            std::string known;
            bool found = false;
            for (const auto& v : versions) {
                known += (known.empty() ? "" : ", ") + std::to_string(v.version);
                found = found || v.version == o.version;
            }
            if (!found) {
                std::cerr << "budget-tool: \"" << budget_path << "\" has no version " << o.version << " in this database; its versions are " << known << "\n";
                return 1;
            }
            scope.version = o.version;
        }
    } else {
        scope.version = versions.front().version;
    }
    for (const auto& v : versions) scope.versions.push_back(&v);
    const budget::Budget* shown = &versions.back();
    for (const auto& v : versions)
        if (scope.version && v.version == *scope.version) shown = &v;
    const budget::Budget& b = *shown;
    const std::string target = output.empty() ? std::filesystem::temp_directory_path().string() + "/budget-export-" +
                                                    std::to_string(::getpid())
                                              : output;
    // The moderation officers did in the console (the same database), and likely duplicates, are flagged as the server does.
    storage::ExportFlags flags;
    if (!storage::load_export_flags(*officers, b.id, flags, error)) {
        std::cerr << "budget-tool: " << error << "\n";
        return 1;
    }
    const bool ok = format == "xlsx" ? storage::write_xlsx(*storage, b, flags, target, error)
                                     : storage::write_export(*storage, b, kinds.at(format), target, flags, error, scope);
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
    command->add_option("BUDGET", o.budget_path, "the budget file, or the id of a consultation published in the console")->required();
    auto* data = command->add_option("--data", o.data_dir, "the collector's data folder (its SQLite file)");
    command->add_option("--database", o.database, "a PostgreSQL URL (postgresql://...)")->excludes(data);
    command->add_option("--format", o.format, "what to export (default csv)")
        ->check(CLI::IsMember({"csv", "jsonl", "aggregate-csv", "aggregate-json", "xlsx"}));
    command->add_option("--output", o.output, "write to FILE (default: standard output; xlsx needs it)");
    command->add_option("--version", o.version, "with a consultation id: that version alone (default: every version)")->check(CLI::PositiveNumber);
}
