// Several servers on one PostgreSQL: what one server changes, the others pick up. Each change bumps
// its topic's count in shared_changes and sends a NOTIFY; every server holds a LISTEN connection
// and, on a notification or once a second (the backstop), reads the counts and calls the handler of
// each topic that moved. Rows committed anywhere wake the results and tallies the same way.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace storage {

// The topics a change is shared under.
namespace topic {
constexpr const char* kModeration = "moderation";      // comments hidden, shown or approved
constexpr const char* kErasures = "erasures";          // responses erased, personal data purged
constexpr const char* kDates = "dates";                // consultation dates changed in the console
constexpr const char* kThresholds = "thresholds";      // results thresholds
constexpr const char* kVersions = "versions";          // budgets or profiles published, consultations started
constexpr const char* kSchedules = "schedules";        // publishes scheduled or cancelled
}  // namespace topic

// The NOTIFY channels: rows committed (payload: the budget id) and changes (payload: the topic).
constexpr const char* kRowsChannel = "budget_rows";
constexpr const char* kChangesChannel = "budget_changes";

class SharedChanges {
public:
    struct Handlers {
        std::function<void(const std::string& budget_id)> rows;         // "" when any may have changed
        std::map<std::string, std::function<void()>> topics;            // by topic
        std::function<void()> reconnected;                              // after the connection came back
    };
    // Nothing happens for SQLite (one server only); for PostgreSQL a thread listens from start().
    SharedChanges(std::string database_url, Handlers handlers, std::chrono::milliseconds backstop = std::chrono::milliseconds(1000));
    ~SharedChanges();
    SharedChanges(const SharedChanges&) = delete;
    SharedChanges& operator=(const SharedChanges&) = delete;
    void start();
    void stop();
    bool listening() const { return listening_.load(); }
    std::uint64_t notifications() const { return notifications_.load(); }
    std::uint64_t reconnects() const { return reconnects_.load(); }

private:
    void run();
    std::string url_;
    Handlers handlers_;
    std::chrono::milliseconds backstop_;
    std::map<std::string, std::int64_t> seen_;
    bool noted_ = false;  // seen_ holds where every topic stood at the first look
    std::atomic<bool> stopping_{false}, listening_{false};
    std::atomic<std::uint64_t> notifications_{0}, reconnects_{0};
    int wake_pipe_[2] = {-1, -1};
    std::thread thread_;
};

}  // namespace storage
