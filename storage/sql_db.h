// A small synchronous SQL connection for the console's tables (officers, sessions, audit): one
// interface over SQLite and PostgreSQL, with `?` placeholders in both and values as text.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace storage {

using SqlValue = std::optional<std::string>;  // nullopt is NULL
using SqlRow = std::vector<SqlValue>;

struct SqlResult {
    bool ok = false;
    std::string error;         // when !ok
    bool unique_violation = false;  // a UNIQUE or PRIMARY KEY constraint refused the row
    std::vector<SqlRow> rows;
    std::int64_t changed = 0;  // rows inserted, updated or deleted
};

class SqlDb {
public:
    virtual ~SqlDb() = default;
    // One statement; `?` marks each parameter in order.
    virtual SqlResult query(std::string_view sql, const std::vector<SqlValue>& params = {}) = 0;
    // Several statements without parameters (a schema).
    virtual bool script(const char* sql, std::string& error) = 0;
    virtual bool is_postgres() const = 0;
};

// Whether --database names PostgreSQL (postgresql:// or postgres://).
inline bool is_postgres_url(const std::string& url) { return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0; }

// PostgreSQL for a postgresql:// URL, else SQLite: the submissions file in `data_dir`.
std::unique_ptr<SqlDb> open_sql_db(const std::string& data_dir, const std::string& database_url, std::string& error);
std::unique_ptr<SqlDb> open_sqlite_db(const std::string& path, std::string& error);
std::unique_ptr<SqlDb> open_postgres_db(const std::string& url, std::string& error);

}  // namespace storage
