// What a council's monitoring scrapes: Prometheus text from prometheus-cpp's core library, served at
// /metrics on a listener of its own that only the machine itself can reach (--metrics-port). Routes
// are named by their shape ("api_budget_results"), never by an id, and no address is ever a label.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

namespace server {

// The route a request path belongs to, as a metric label: fixed words only.
std::string route_label(std::string_view path);

class Metrics {
public:
    // Figures read only when scraped (open streams, the database pool...).
    struct Gauges {
        std::int64_t streams_open = 0;
        std::int64_t db_connections_in_use = 0, db_connections_max = 0;
        std::int64_t watermark_lag = 0;  // transactions the read watermark trails the newest (PostgreSQL)
        std::uint64_t batches_retried = 0;
        std::uint64_t listen_notifications = 0, listen_reconnects = 0;
    };
    explicit Metrics(std::function<Gauges()> read_gauges);

    void request(std::string_view path, int status, double seconds);
    // A submission's fate in storage: "stored", "resent" (stored before: an outbox sending again),
    // "refused" (an id or a voter code already used), "unavailable" (the database failed).
    void submission(const char* outcome);
    void batch(std::size_t submissions);  // one group commit

    std::string text();  // the exposition, gauges read now

private:
    std::shared_ptr<prometheus::Registry> registry_;
    prometheus::Family<prometheus::Counter>& requests_;
    prometheus::Family<prometheus::Histogram>& latency_;
    prometheus::Family<prometheus::Counter>& submissions_;
    prometheus::Histogram& batch_sizes_;
    prometheus::Gauge& streams_;
    prometheus::Gauge& pool_in_use_;
    prometheus::Gauge& pool_max_;
    prometheus::Gauge& watermark_lag_;
    prometheus::Gauge& batches_retried_;
    prometheus::Gauge& notifications_;
    prometheus::Gauge& reconnects_;
    std::function<Gauges()> read_gauges_;
    std::mutex mutex_;
    std::map<std::string, prometheus::Histogram*> latency_by_route_;  // guarded by mutex_
};

// Serves GET /metrics from `metrics` on 127.0.0.1:`port` on a thread of its own until stop().
class MetricsListener {
public:
    MetricsListener(Metrics& metrics, unsigned short port);
    ~MetricsListener();
    bool start(std::string& error);
    void stop();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace server
