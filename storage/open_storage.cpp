// open_storage: the schema brought up to date, then SQLite by default or PostgreSQL by URL.
#include "schema.h"
#include "storage.h"

namespace storage {

std::unique_ptr<Storage> open_sqlite_storage(const std::string& data_dir, std::string& error);
std::unique_ptr<Storage> open_postgres_storage(const std::string& url, std::size_t max_connections, std::string& error);

std::unique_ptr<Storage> open_storage(const std::string& data_dir, const std::string& database_url, std::string& error,
                                      std::size_t max_connections) {
    if (!prepare_database(data_dir, database_url, error)) return nullptr;
    if (is_postgres_url(database_url))
        return open_postgres_storage(database_url, max_connections, error);
    if (!database_url.empty()) {
        error = "--database takes a postgresql:// URL (SQLite is the default and needs no URL)";
        return nullptr;
    }
    return open_sqlite_storage(data_dir, error);
}

}  // namespace storage
