// Live results for projector tallies: the latest results document of each consultation, pushed to
// every open event stream (Server-Sent Events) as soon as it is counted. Thread-safe.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

namespace server {

class EventHub {
public:
    // One event as a stream sends it ("id: N\nevent: results\ndata: JSON\n\n"), made once and
    // shared by every stream: a thousand listeners cost one copy.
    using Event = std::shared_ptr<const std::string>;
    // (event id: the newest stored row counted, the framed event)
    using Listener = std::function<void(std::int64_t, const Event&)>;

    // Calls `listener` with the latest event at once when there is one, then with each new one.
    std::uint64_t subscribe(const std::string& topic, Listener listener);
    void unsubscribe(std::uint64_t token);
    // A new document for `topic` (one line of JSON); ignored unless `id` is newer than the last one published.
    void publish(const std::string& topic, std::int64_t id, const std::string& data);
    std::size_t listeners() const;

    static Event frame(std::int64_t id, const std::string& data);

private:
    struct Topic {
        std::optional<std::pair<std::int64_t, Event>> latest;
        std::map<std::uint64_t, Listener> listeners;
    };
    mutable std::mutex mutex_;
    std::map<std::string, Topic> topics_;
    std::map<std::uint64_t, std::string> topic_of_;
    std::uint64_t next_ = 1;
};

}  // namespace server
