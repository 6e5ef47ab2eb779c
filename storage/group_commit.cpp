// Group commit: one writer thread, one transaction per batch of queued inserts.
#include <chrono>
#include <ctime>

#include "storage.h"

namespace storage {

GroupCommitter::GroupCommitter(WriteBatch write, std::size_t max_batch)
    : write_(std::move(write)), max_batch_(max_batch), answerer_([this] { answer(); }), thread_([this] { run(); }) {}

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
    {
        std::lock_guard<std::mutex> lock(answer_mutex_);
        answers_closing_ = true;
    }
    answer_wake_.notify_one();
    if (answerer_.joinable()) answerer_.join();
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
        const auto started = std::chrono::steady_clock::now();
        write_(batch);
        writing_us_ += static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
        ++batches_;
        written_ += batch.size();
        if (on_batch_) on_batch_(batch.size());
        {
            std::lock_guard<std::mutex> lock(answer_mutex_);
            answers_.push_back(std::move(batch));
        }
        answer_wake_.notify_one();
        batch = {};
    }
}

void GroupCommitter::answer() {
    for (;;) {
        std::vector<Pending> batch;
        {
            std::unique_lock<std::mutex> lock(answer_mutex_);
            answer_wake_.wait(lock, [&] { return answers_closing_ || !answers_.empty(); });
            if (answers_.empty()) return;  // closing, and every batch answered
            batch = std::move(answers_.front());
            answers_.pop_front();
        }
        const auto started = std::chrono::steady_clock::now();
        for (auto& p : batch) p.done(std::move(p.result));
        answering_us_ += static_cast<std::uint64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count());
    }
}

std::string describe_commits(const GroupCommitter& c) {
    char line[192];
    const double batches = c.batches() ? static_cast<double>(c.batches()) : 1.0;
    std::snprintf(line, sizeof line, "%llu submissions in %llu commits (mean batch %.1f; a commit %.2f ms to write, then %.2f ms to answer, beside the next)",
                  static_cast<unsigned long long>(c.written()), static_cast<unsigned long long>(c.batches()),
                  static_cast<double>(c.written()) / batches, static_cast<double>(c.writing_us()) / 1000.0 / batches,
                  static_cast<double>(c.answering_us()) / 1000.0 / batches);
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
