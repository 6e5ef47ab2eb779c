// open_storage: the schema brought up to date, then SQLite by default or PostgreSQL by URL.
#include "schema.h"
#include "storage.h"

namespace storage {

std::unique_ptr<Storage> open_sqlite_storage(const std::string& data_dir, std::string& error);
std::unique_ptr<Storage> open_postgres_storage(const std::string& url, std::string& error);

std::unique_ptr<Storage> open_storage(const std::string& data_dir, const std::string& database_url, std::string& error) {
    if (!prepare_database(data_dir, database_url, error)) return nullptr;
    if (database_url.rfind("postgresql://", 0) == 0 || database_url.rfind("postgres://", 0) == 0)
        return open_postgres_storage(database_url, error);
    if (!database_url.empty()) {
        error = "--database takes a postgresql:// URL (SQLite is the default and needs no URL)";
        return nullptr;
    }
    return open_sqlite_storage(data_dir, error);
}

}  // namespace storage
