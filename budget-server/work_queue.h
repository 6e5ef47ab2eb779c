// A fixed set of worker threads with a bounded queue: slow work (password hashing, scans) runs off
// the I/O threads, and a flood is refused instead of piling up threads.
#pragma once
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace server {

class WorkQueue {
public:
    WorkQueue(int threads, std::size_t max_queued);
    ~WorkQueue();
    WorkQueue(const WorkQueue&) = delete;
    WorkQueue& operator=(const WorkQueue&) = delete;
    // False (and `job` dropped) when the queue is full or stopping.
    bool post(std::function<void()> job);
    void stop();  // runs what is queued, then joins

private:
    void run();
    std::size_t max_queued_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace server
