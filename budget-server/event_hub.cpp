// Listeners are called outside the hub's lock (they only post to their connection's executor).
#include "event_hub.h"

#include <vector>

namespace server {

std::uint64_t EventHub::subscribe(const std::string& topic, Listener listener) {
    std::optional<std::pair<std::int64_t, std::string>> latest;
    std::uint64_t token = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        token = next_++;
        Topic& t = topics_[topic];
        t.listeners.emplace(token, listener);
        topic_of_.emplace(token, topic);
        latest = t.latest;
    }
    if (latest) listener(latest->first, latest->second);
    return token;
}

void EventHub::unsubscribe(std::uint64_t token) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = topic_of_.find(token);
    if (it == topic_of_.end()) return;
    topics_[it->second].listeners.erase(token);
    topic_of_.erase(it);
}

void EventHub::publish(const std::string& topic, std::int64_t id, std::string data) {
    std::vector<Listener> to_call;
    std::string copy;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        Topic& t = topics_[topic];
        if (t.latest && t.latest->first >= id) return;
        t.latest = std::make_pair(id, std::move(data));
        copy = t.latest->second;
        for (const auto& [token, listener] : t.listeners) to_call.push_back(listener);
    }
    for (const auto& listener : to_call) listener(id, copy);
}

std::size_t EventHub::listeners() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return topic_of_.size();
}

}  // namespace server
