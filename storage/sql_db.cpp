// SqlDb over SQLite and over libpq.
#include "sql_db.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <filesystem>

namespace storage {

namespace {

class SqliteDb : public SqlDb {
public:
    explicit SqliteDb(sqlite3* db) : db_(db) {}
    ~SqliteDb() override { sqlite3_close_v2(db_); }
    SqliteDb(const SqliteDb&) = delete;
    SqliteDb& operator=(const SqliteDb&) = delete;

    SqlResult query(std::string_view sql, const std::vector<SqlValue>& params) override {
        SqlResult r;
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &st, nullptr) != SQLITE_OK) {
            r.error = sqlite3_errmsg(db_);
            return r;
        }
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int at = static_cast<int>(i + 1);
            if (params[i]) sqlite3_bind_text(st, at, params[i]->data(), static_cast<int>(params[i]->size()), SQLITE_TRANSIENT);
            else sqlite3_bind_null(st, at);
        }
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            SqlRow row;
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                if (sqlite3_column_type(st, c) == SQLITE_NULL) row.emplace_back(std::nullopt);
                else {
                    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
                    row.emplace_back(std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st, c))));
                }
            }
            r.rows.push_back(std::move(row));
        }
        r.ok = rc == SQLITE_DONE;
        if (!r.ok) {
            r.error = sqlite3_errmsg(db_);
            r.unique_violation = sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_UNIQUE ||
                                 sqlite3_extended_errcode(db_) == SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        r.changed = sqlite3_changes64(db_);
        sqlite3_finalize(st);
        return r;
    }

    bool script(const char* sql, std::string& error) override {
        char* message = nullptr;
        if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
        error = message ? message : sqlite3_errmsg(db_);
        sqlite3_free(message);
        return false;
    }
    bool is_postgres() const override { return false; }

private:
    sqlite3* db_;
};

class PostgresDb : public SqlDb {
public:
    explicit PostgresDb(PGconn* c) : c_(c) {}
    ~PostgresDb() override { PQfinish(c_); }
    PostgresDb(const PostgresDb&) = delete;
    PostgresDb& operator=(const PostgresDb&) = delete;

    SqlResult query(std::string_view sql, const std::vector<SqlValue>& params) override {
        // `?` becomes $1, $2, ... (our statements hold no `?` inside string literals).
        std::string text;
        int n = 0;
        for (char ch : sql) {
            if (ch == '?') text += "$" + std::to_string(++n);
            else text += ch;
        }
        std::vector<const char*> values;
        for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
        SqlResult r;
        if (PQstatus(c_) != CONNECTION_OK) PQreset(c_);  // a dropped connection is tried again once
        PGresult* res = PQexecParams(c_, text.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0);
        const auto status = PQresultStatus(res);
        r.ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
        if (!r.ok) {
            r.error = PQresultErrorMessage(res);
            while (!r.error.empty() && (r.error.back() == '\n' || r.error.back() == ' ')) r.error.pop_back();
            const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
            r.unique_violation = state && std::string(state) == "23505";
        } else {
            for (int i = 0; i < PQntuples(res); ++i) {
                SqlRow row;
                for (int c = 0; c < PQnfields(res); ++c)
                    row.emplace_back(PQgetisnull(res, i, c) ? SqlValue() : SqlValue(std::string(PQgetvalue(res, i, c),
                                                                                                  static_cast<std::size_t>(PQgetlength(res, i, c)))));
                r.rows.push_back(std::move(row));
            }
            const char* changed = PQcmdTuples(res);
            r.changed = changed && *changed ? std::stoll(changed) : 0;
        }
        PQclear(res);
        return r;
    }

    bool script(const char* sql, std::string& error) override {
        PGresult* res = PQexec(c_, sql);
        const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
        if (!ok) error = PQresultErrorMessage(res);
        PQclear(res);
        return ok;
    }
    bool is_postgres() const override { return true; }

private:
    PGconn* c_;
};

}  // namespace

std::unique_ptr<SqlDb> open_sqlite_db(const std::string& path, std::string& error) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        error = "cannot open " + path + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_busy_timeout(db, 5000);
    auto out = std::make_unique<SqliteDb>(db);
    if (!out->script("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;", error)) {
        error = "cannot prepare " + path + ": " + error;
        return nullptr;
    }
    return out;
}

std::unique_ptr<SqlDb> open_postgres_db(const std::string& url, std::string& error) {
    PGconn* c = PQconnectdb(url.c_str());
    if (!c || PQstatus(c) != CONNECTION_OK) {
        error = c ? PQerrorMessage(c) : "out of memory";
        while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
        PQfinish(c);
        return nullptr;
    }
    PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);  // "already exists, skipping" is not news
    return std::make_unique<PostgresDb>(c);
}

std::unique_ptr<SqlDb> open_sql_db(const std::string& data_dir, const std::string& database_url, std::string& error) {
    if (is_postgres_url(database_url))
        return open_postgres_db(database_url, error);
    if (!database_url.empty()) {
        error = "--database takes a postgresql:// URL (SQLite is the default and needs no URL)";
        return nullptr;
    }
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) {
        error = "cannot create data folder " + data_dir + ": " + ec.message();
        return nullptr;
    }
    return open_sqlite_db((std::filesystem::path(data_dir) / "submissions.sqlite3").string(), error);
}

}  // namespace storage
