// DataLock: flock(2) on DATA/server.lock.
#include "data_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace server {

DataLock::~DataLock() {
    if (fd_ >= 0) close(fd_);
}

bool DataLock::take(const std::string& data_dir, std::string& error) {
    const std::string path = (std::filesystem::path(data_dir) / "server.lock").string();
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) {
        error = "cannot make " + path + ": " + std::strerror(errno);
        return false;
    }
    if (flock(fd_, LOCK_EX | LOCK_NB) == 0) return true;
    error = errno == EWOULDBLOCK
                ? "another budget-server is running on " + data_dir + " (it holds " + path +
                      "). SQLite serves one server; to run several, give each --database postgresql://... (docs/hosting.md)"
                : "cannot lock " + path + ": " + std::strerror(errno);
    close(fd_);
    fd_ = -1;
    return false;
}

}  // namespace server
