// backup_database and restore_database.
#include "backup.h"
#include "sql_db.h"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>
#include <vector>

extern char** environ;

namespace storage {

namespace {

using Db = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;

Db open(const std::string& path, int flags, std::string& error) {
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    Db out(db, &sqlite3_close);
    if (rc != SQLITE_OK) {
        error = path + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
        return Db(nullptr, &sqlite3_close);
    }
    sqlite3_busy_timeout(db, 10000);
    return out;
}

// Copies every page of `from` into `to` in one read transaction of `from`: a consistent snapshot.
bool copy(sqlite3* from, sqlite3* to, std::string& error) {
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) {
        error = sqlite3_errmsg(to);
        return false;
    }
    int rc = SQLITE_OK;
    for (int tries = 0; tries < 200; ++tries) {
        rc = sqlite3_backup_step(b, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        error = std::string("the copy stopped: ") + sqlite3_errstr(rc);
        return false;
    }
    return true;
}

// integrity_check and the submissions count of a SQLite file.
bool inspect(sqlite3* db, BackupReport& report, std::string& error) {
    auto one = [&](const char* sql, std::string& text) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK) {
            error = sqlite3_errmsg(db);
            return false;
        }
        const bool row = sqlite3_step(st) == SQLITE_ROW;
        if (row) text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        else error = sqlite3_errmsg(db);
        sqlite3_finalize(st);
        return row;
    };
    std::string count;
    if (!one("PRAGMA integrity_check", report.integrity) || !one("SELECT count(*) FROM submissions", count)) return false;
    report.submissions = std::stoll(count);
    return true;
}

// Runs a program (found on PATH) with `args`, without a shell; false with `error` unless it exits 0.
bool run_program(const std::vector<std::string>& args, std::string& error) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, argv[0], nullptr, nullptr, argv.data(), environ) != 0) {
        error = "cannot run " + args[0] + " (is postgresql-client installed?)";
        return false;
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
    error = args[0] + " failed (exit " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + "); its messages are above";
    return false;
}

std::string sqlite_path(const std::string& data_dir) { return (std::filesystem::path(data_dir) / "submissions.sqlite3").string(); }

}  // namespace

bool backup_database(const std::string& data_dir, const std::string& database_url, const std::string& out_path, BackupReport& report,
                     std::string& error) {
    std::error_code ec;
    if (std::filesystem::exists(out_path, ec)) {
        error = out_path + " exists already: a backup never overwrites a file";
        return false;
    }
    if (is_postgres_url(database_url)) {
        // pg_dump reads one snapshot (REPEATABLE READ) while the servers go on writing.
        if (!run_program({"pg_dump", "--format=custom", "--no-owner", "--file=" + out_path, "--dbname=" + database_url}, error)) return false;
    } else {
        if (!database_url.empty()) {
            error = "--database takes a postgresql:// URL";
            return false;
        }
        if (!std::filesystem::exists(sqlite_path(data_dir), ec)) {
            error = "no database in " + data_dir + " (" + sqlite_path(data_dir) + ")";
            return false;
        }
        Db from = open(sqlite_path(data_dir), SQLITE_OPEN_READONLY, error);
        if (!from) return false;
        Db to = open(out_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
        if (!to || !copy(from.get(), to.get(), error) || !inspect(to.get(), report, error)) {
            to.reset();
            std::filesystem::remove(out_path, ec);
            return false;
        }
        if (report.integrity != "ok") {
            error = "the backup failed its integrity check: " + report.integrity;
            return false;
        }
    }
    report.bytes = static_cast<std::int64_t>(std::filesystem::file_size(out_path, ec));
    return true;
}

bool restore_database(const std::string& data_dir, const std::string& database_url, const std::string& in_path, BackupReport& report,
                      std::string& error) {
    std::error_code ec;
    if (!std::filesystem::exists(in_path, ec)) {
        error = "no backup at " + in_path;
        return false;
    }
    if (is_postgres_url(database_url))
        return run_program({"pg_restore", "--clean", "--if-exists", "--no-owner", "--exit-on-error", "--single-transaction",
                            "--dbname=" + database_url, in_path},
                           error);
    if (!database_url.empty()) {
        error = "--database takes a postgresql:// URL";
        return false;
    }
    Db from = open(in_path, SQLITE_OPEN_READONLY, error);
    if (!from || !inspect(from.get(), report, error)) {
        error = in_path + " is not a backup of this program's database: " + error;
        return false;
    }
    if (report.integrity != "ok") {
        error = in_path + " fails its integrity check: " + report.integrity;
        return false;
    }
    std::filesystem::create_directories(data_dir, ec);
    Db to = open(sqlite_path(data_dir), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
    return to && copy(from.get(), to.get(), error);
}

}  // namespace storage
