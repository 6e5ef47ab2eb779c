// Logging to stderr.
#include "log.h"

#include <cstdio>
#include <mutex>

#include "storage.h"

namespace server {

void log_line(const std::string& message) {
    static std::mutex mutex;
    const std::string line = storage::utc_now() + " " + message + "\n";
    std::lock_guard<std::mutex> lock(mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace server
