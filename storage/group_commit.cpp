// Group commit: one writer thread, one transaction per batch of queued inserts.
#include <chrono>
#include <ctime>

#include "storage.h"

namespace storage {

GroupCommitter::GroupCommitter(WriteBatch write, std::size_t max_batch)
    : write_(std::move(write)), max_batch_(max_batch), thread_([this] { run(); }) {}

GroupCommitter::~GroupCommitter() { stop(); }

void GroupCommitter::submit(NewSubmission s, std::function<void(InsertResult)> done) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (stopping_) {
            InsertResult r;
            r.error = "server is shutting down";
            done(r);
            return;
        }
        queue_.push_back(Pending{std::move(s), std::move(done), {}});
    }
    wake_.notify_one();
}

void GroupCommitter::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    if (thread_.joinable()) thread_.join();
}

void GroupCommitter::run() {
    std::vector<Pending> batch;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_) return;
            while (!queue_.empty() && batch.size() < max_batch_) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        write_(batch);
        ++batches_;
        written_ += batch.size();
        for (auto& p : batch) p.done(std::move(p.result));
        batch.clear();
    }
}

std::string describe_commits(const GroupCommitter& c) {
    char line[128];
    std::snprintf(line, sizeof line, "%llu submissions in %llu commits (mean batch %.1f)",
                  static_cast<unsigned long long>(c.written()), static_cast<unsigned long long>(c.batches()),
                  c.batches() ? static_cast<double>(c.written()) / static_cast<double>(c.batches()) : 0.0);
    return line;
}

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

}  // namespace storage
