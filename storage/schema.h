// The database's tables, written once for SQLite and PostgreSQL, and the numbered migrations that
// bring any database the project has shipped to the current schema (recorded in schema_version).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sql_db.h"

namespace storage {

struct Migration {
    int version = 0;
    const char* description = "";
};

// Every migration, oldest first; the last one's version is the schema this program writes.
const std::vector<Migration>& migrations();
int current_schema_version();

// The SQL of the one schema text in a back end's words: {ID} (the auto-numbered key), {INT},
// {BOOL}, {BLOB}, and {COMMENT_SEQ} (PostgreSQL's order of comments; SQLite has its rowid).
std::string dialect_sql(std::string_view sql, bool postgres);

struct MigrationReport {
    int from = 0;  // 0: a new database, or one made before versions were recorded
    int to = 0;
    std::int64_t rows_backfilled = 0;  // submissions whose balanced flag and comments were read from their document
};

// Applies every migration the database lacks, in one transaction (so a failure changes nothing),
// and records each in schema_version. Refuses a database newer than this program.
bool migrate(SqlDb& db, MigrationReport& report, std::string& error);

// The version recorded in the database: 0 when none is.
bool recorded_schema_version(SqlDb& db, int& version, std::string& error);

// migrate(), its error said as the programs that open the database say it.
bool bring_up_to_date(SqlDb& db, std::string& error);

// Opens the database the server, the console and the tools share (as open_storage does) and brings
// its schema up to date.
bool prepare_database(const std::string& data_dir, const std::string& database_url, std::string& error);

}  // namespace storage
