// Backups taken while the server runs, and restores: SQLite's online backup API (one consistent
// snapshot, the writer never blocked), or pg_dump and pg_restore for PostgreSQL.
#pragma once
#include <cstdint>
#include <string>

namespace storage {

struct BackupReport {
    std::int64_t submissions = -1;  // rows in the backup's submissions table (-1: not counted, pg_dump's archive)
    std::string integrity;          // SQLite's integrity_check ("ok"), or "" for PostgreSQL
    std::int64_t bytes = 0;         // the backup file's size
};

// Writes a backup of the database to `out_path`, which must not exist yet.
bool backup_database(const std::string& data_dir, const std::string& database_url, const std::string& out_path, BackupReport& report,
                     std::string& error);
// Brings a backup back: SQLite's file in `data_dir` replaced by it (after its integrity is checked),
// or the archive restored into PostgreSQL in one transaction. No server may be running on it.
bool restore_database(const std::string& data_dir, const std::string& database_url, const std::string& in_path, BackupReport& report,
                      std::string& error);

}  // namespace storage
