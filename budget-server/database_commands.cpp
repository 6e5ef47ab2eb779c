// The database commands: see database_commands.h.
#include "database_commands.h"

#include <ostream>

#include "backup.h"
#include "command_options.h"
#include "data_lock.h"
#include "schema.h"
#include "sql_db.h"

namespace server {

namespace {

constexpr const char* kDatabaseUsage =
    "usage: budget-server migrate (--data DIR | --database URL)\n"
    "       budget-server backup (--data DIR | --database URL) OUT   (while the server runs; OUT must not exist)\n"
    "       budget-server restore (--data DIR | --database URL) IN   (with every server stopped)\n";

}  // namespace

int database_command(const std::string& command, const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const auto usage = [&](const std::string& why) {
        err << "budget-server " << command << ": " << why << "\n" << kDatabaseUsage;
        return 2;
    };
    if (!args.empty() && args[0] == "--help") {
        out << kDatabaseUsage;
        return 0;
    }
    std::vector<std::string> options_part = args;
    std::string file;
    if (command != "migrate") {
        if (args.empty() || args.back().rfind("--", 0) == 0) return usage("give the file to " + std::string(command == "backup" ? "write" : "read") + " last");
        file = args.back();
        options_part.pop_back();
    }
    std::map<std::string, std::string> options;
    std::string problem;
    if (!read_options(options_part, 0, {"--data", "--database"}, options, problem)) return usage(problem);
    const std::string data_dir = options["--data"], database_url = options["--database"];
    if (data_dir.empty() == database_url.empty()) return usage("give --data DIR (SQLite) or --database URL (PostgreSQL)");
    std::string error;
    if (command == "migrate") {
        auto db = storage::open_sql_db(data_dir, database_url, error);
        storage::MigrationReport report;
        if (!db || !storage::migrate(*db, report, error)) {
            err << "budget-server migrate: " << error << "\n";
            return 1;
        }
        if (report.from == report.to) out << "the schema is at version " << report.to << ": nothing to do\n";
        else out << "the schema went from version " << report.from << " to " << report.to << "\n";
        return 0;
    }
    storage::BackupReport report;
    if (command == "backup") {
        if (!storage::backup_database(data_dir, database_url, file, report, error)) {
            err << "budget-server backup: " << error << "\n";
            return 1;
        }
        out << "backup written to " << file << " (" << report.bytes << " bytes";
        if (report.submissions >= 0) out << "; " << report.submissions << " submissions; integrity_check: " << report.integrity;
        out << ")\n";
        return 0;
    }
    // A restore under a running server would pull the file from under it: SQLite's lock says whether one runs.
    DataLock lock;
    if (database_url.empty() && !lock.take(data_dir, error)) {
        err << "budget-server restore: stop the server first: " << error << "\n";
        return 1;
    }
    if (!storage::restore_database(data_dir, database_url, file, report, error)) {
        err << "budget-server restore: " << error << "\n";
        return 1;
    }
    out << "restored from " << file;
    if (report.submissions >= 0) out << " (" << report.submissions << " submissions; integrity_check: " << report.integrity << ")";
    out << "\n";
    return 0;
}

}  // namespace server
