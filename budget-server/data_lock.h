// One server on a SQLite data folder: an exclusive lock on DATA/server.lock, held while it runs and
// let go by the kernel however it ends (kill -9 included).
#pragma once
#include <string>

namespace server {

class DataLock {
public:
    DataLock() = default;
    ~DataLock();
    DataLock(const DataLock&) = delete;
    DataLock& operator=(const DataLock&) = delete;
    // False with `error` when another server holds the folder, or the lock file cannot be made.
    bool take(const std::string& data_dir, std::string& error);

private:
    int fd_ = -1;
};

}  // namespace server
