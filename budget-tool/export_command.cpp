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

int cmd_export(const std::vector<std::string>& args) {
    auto usage = [](const std::string& why) {
        std::cerr << "budget-tool: " << why
                  << "\nusage: budget-tool export BUDGET (--data DIR | --database postgresql://...) "
                     "[--format csv|jsonl|aggregate-csv|aggregate-json|xlsx] [--output FILE]\n";
        return 2;
    };
    std::string budget_path, data_dir, database, format = "csv", output;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) == 0) {
            if (i + 1 >= args.size()) return usage("missing value for " + a);
            const std::string& v = args[++i];
            if (a == "--data") data_dir = v;
            else if (a == "--database") database = v;
            else if (a == "--format") format = v;
            else if (a == "--output") output = v;
            else return usage("unknown option " + a);
        } else if (budget_path.empty()) {
            budget_path = a;
        } else {
            return usage("unexpected argument " + a);
        }
    }
    const std::map<std::string, std::string> kinds = {{"csv", "export.csv"}, {"jsonl", "submissions.jsonl"},
                                                      {"aggregate-csv", "aggregate.csv"}, {"aggregate-json", "aggregate.json"},
                                                      {"xlsx", "export.xlsx"}};
    if (budget_path.empty() || (data_dir.empty() == database.empty())) return usage("export needs BUDGET and one of --data or --database");
    if (!kinds.count(format)) return usage("--format is csv, jsonl, aggregate-csv, aggregate-json or xlsx");
    if (format == "xlsx" && output.empty()) return usage("--format xlsx needs --output FILE");
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
    auto storage = server::open_storage(data_dir, database, error);
    if (!storage) { std::cerr << "budget-tool: " << error << "\n"; return 1; }
    const std::string target = output.empty() ? std::filesystem::temp_directory_path().string() + "/budget-export-" +
                                                    std::to_string(::getpid())
                                              : output;
    // The moderation officers did in the console (the same database) is flagged, as the server does.
    auto officers = server::OfficerStore::open(data_dir, database, error);
    server::HiddenComments hidden;
    if (!officers || !officers->hidden_comments(l.budget->id, hidden, error)) {
        std::cerr << "budget-tool: " << error << "\n";
        return 1;
    }
    const bool ok = format == "xlsx" ? server::write_xlsx(*storage, *l.budget, hidden, target, error)
                                     : server::write_export(*storage, *l.budget, kinds.at(format), target, hidden, error);
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
