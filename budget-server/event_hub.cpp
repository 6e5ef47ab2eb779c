// Listeners are called outside the hub's lock (they only note the event and wake their connection).
#include "event_hub.h"

#include <vector>

namespace server {

EventHub::Event EventHub::frame(std::int64_t id, const std::string& data) {
    return std::make_shared<const std::string>("id: " + std::to_string(id) + "\nevent: results\ndata: " + data + "\n\n");
}

std::uint64_t EventHub::subscribe(const std::string& topic, Listener listener) {
    std::optional<std::pair<std::int64_t, Event>> latest;
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

void EventHub::publish(const std::string& topic, std::int64_t id, const std::string& data) {
    std::vector<Listener> to_call;
    Event event;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        Topic& t = topics_[topic];
        if (t.latest && t.latest->first >= id) return;
        event = frame(id, data);
        t.latest = std::make_pair(id, event);
        for (const auto& [token, listener] : t.listeners) to_call.push_back(listener);
    }
    for (const auto& listener : to_call) listener(id, event);
}

std::size_t EventHub::listeners() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return topic_of_.size();
}

}  // namespace server
