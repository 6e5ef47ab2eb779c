// Metrics and their loopback listener.
#include "metrics.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>
#include <thread>

#include <prometheus/text_serializer.h>

namespace server {

namespace {

const prometheus::Histogram::BucketBoundaries kLatencyBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
const prometheus::Histogram::BucketBoundaries kBatchBuckets{1, 2, 4, 8, 16, 32, 64, 128, 256, 512};

bool one_of(std::string_view word, std::initializer_list<std::string_view> words) {
    for (const auto w : words)
        if (w == word) return true;
    return false;
}

}  // namespace

std::string route_label(std::string_view path) {
    path = path.substr(0, path.find('?'));
    if (path == "/api/v1/submissions") return "api_submissions";
    if (path == "/api/v1/health") return "api_health";
    if (path == "/api/v1/budgets") return "api_budgets";
    if (path.rfind("/api/v1/budgets/", 0) == 0) {
        const std::string_view rest = path.substr(16);
        const auto slash = rest.find('/');
        if (slash == std::string_view::npos) return "api_budget";
        const std::string_view what = rest.substr(slash + 1);
        if (one_of(what, {"results", "events", "results.pb", "export.csv", "export.xlsx", "submissions.jsonl", "aggregate.json",
                          "breakdown.json", "comments"}))
            return "api_budget_" + std::string(what);
        return "api_budget_other";
    }
    if (path.rfind("/api/", 0) == 0) return "api_other";
    if (path.rfind("/budgets/", 0) == 0) return "budget_files";
    if (path == "/console" || path.rfind("/console/", 0) == 0) return "console";
    if (path.rfind("/report/", 0) == 0) return "report";
    return "site";
}

Metrics::Metrics(std::function<Gauges()> read_gauges)
    : registry_(std::make_shared<prometheus::Registry>()),
      requests_(prometheus::BuildCounter().Name("budget_http_requests_total").Help("HTTP requests answered, by route and status").Register(*registry_)),
      latency_(prometheus::BuildHistogram().Name("budget_http_request_duration_seconds").Help("Time to answer a request, by route").Register(*registry_)),
      submissions_(prometheus::BuildCounter()
                       .Name("budget_submissions_total")
                       .Help("Submissions and votes by what storage did: stored, resent (stored before), refused, unavailable")
                       .Register(*registry_)),
      batch_sizes_(prometheus::BuildHistogram()
                       .Name("budget_group_commit_batch_size")
                       .Help("Submissions written by each group commit")
                       .Register(*registry_)
                       .Add({}, kBatchBuckets)),
      streams_(prometheus::BuildGauge().Name("budget_sse_streams_open").Help("Live results streams open").Register(*registry_).Add({})),
      pool_in_use_(prometheus::BuildGauge().Name("budget_db_connections_in_use").Help("Reader connections leased now (PostgreSQL)").Register(*registry_).Add({})),
      pool_max_(prometheus::BuildGauge().Name("budget_db_connections_max").Help("Most database connections this server holds").Register(*registry_).Add({})),
      watermark_lag_(prometheus::BuildGauge()
                         .Name("budget_watermark_lag_transactions")
                         .Help("Transactions between the results' read watermark and the newest, at the last read (PostgreSQL)")
                         .Register(*registry_)
                         .Add({})),
      batches_retried_(prometheus::BuildGauge()
                           .Name("budget_group_commit_retried_total")
                           .Help("Group commits written again after a deadlock, a serialization failure or a lost connection")
                           .Register(*registry_)
                           .Add({})),
      notifications_(prometheus::BuildGauge().Name("budget_shared_notifications_total").Help("NOTIFYs received from servers sharing the database").Register(*registry_).Add({})),
      reconnects_(prometheus::BuildGauge().Name("budget_shared_reconnects_total").Help("Times the LISTEN connection came back").Register(*registry_).Add({})),
      read_gauges_(std::move(read_gauges)) {}

void Metrics::request(std::string_view path, int status, double seconds) {
    const std::string route = route_label(path);
    requests_.Add({{"route", route}, {"status", std::to_string(status)}}).Increment();
    prometheus::Histogram* h = nullptr;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto& slot = latency_by_route_[route];
        if (!slot) slot = &latency_.Add({{"route", route}}, kLatencyBuckets);
        h = slot;
    }
    h->Observe(seconds);
}

void Metrics::submission(const char* outcome) { submissions_.Add({{"outcome", outcome}}).Increment(); }

void Metrics::batch(std::size_t submissions) { batch_sizes_.Observe(static_cast<double>(submissions)); }

std::string Metrics::text() {
    if (read_gauges_) {
        const Gauges g = read_gauges_();
        streams_.Set(static_cast<double>(g.streams_open));
        pool_in_use_.Set(static_cast<double>(g.db_connections_in_use));
        pool_max_.Set(static_cast<double>(g.db_connections_max));
        watermark_lag_.Set(static_cast<double>(g.watermark_lag));
        batches_retried_.Set(static_cast<double>(g.batches_retried));
        notifications_.Set(static_cast<double>(g.listen_notifications));
        reconnects_.Set(static_cast<double>(g.listen_reconnects));
    }
    std::ostringstream out;
    prometheus::TextSerializer().Serialize(out, registry_->Collect());
    return out.str();
}

// A plain socket, one short request at a time (a scraper on the machine, not the public): read the
// request line with a 5 s limit, answer, close.
struct MetricsListener::State {
    Metrics& metrics;
    unsigned short port;
    int listener = -1;
    int wake[2] = {-1, -1};
    std::thread thread;
    State(Metrics& m, unsigned short p) : metrics(m), port(p) {}

    static void send_all(int fd, const std::string& text) {
        std::size_t sent = 0;
        while (sent < text.size()) {
            const ssize_t n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return;
            sent += static_cast<std::size_t>(n);
        }
    }

    void answer(int fd) {
        const timeval five_seconds{5, 0};
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &five_seconds, sizeof five_seconds);
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &five_seconds, sizeof five_seconds);
        std::string request;
        char buffer[1024];
        while (request.find("\r\n\r\n") == std::string::npos && request.size() < 8192) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n <= 0) return;
            request.append(buffer, static_cast<std::size_t>(n));
        }
        const bool scrape = request.rfind("GET /metrics ", 0) == 0 || request.rfind("GET /metrics?", 0) == 0;
        const std::string body = scrape ? metrics.text() : "only GET /metrics is served here\n";
        send_all(fd, std::string(scrape ? "HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4; charset=utf-8\r\n"
                                        : "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\n") +
                         "Server: budget-server\r\nConnection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    }

    void run() {
        for (;;) {
            pollfd fds[2] = {{listener, POLLIN, 0}, {wake[0], POLLIN, 0}};
            if (::poll(fds, 2, -1) < 0) continue;
            if (fds[1].revents) return;
            const int fd = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
            if (fd < 0) continue;
            answer(fd);
            ::shutdown(fd, SHUT_RDWR);
            ::close(fd);
        }
    }
};

MetricsListener::MetricsListener(Metrics& metrics, unsigned short port) : state_(std::make_unique<State>(metrics, port)) {}

MetricsListener::~MetricsListener() { stop(); }

bool MetricsListener::start(std::string& error) {
    State& s = *state_;
    s.listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int yes = 1;
    sockaddr_in at{};
    at.sin_family = AF_INET;
    at.sin_port = htons(s.port);
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  // 127.0.0.1 alone
    if (s.listener < 0 || ::setsockopt(s.listener, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes) != 0 ||
        ::bind(s.listener, reinterpret_cast<const sockaddr*>(&at), sizeof at) != 0 || ::listen(s.listener, 16) != 0 || ::pipe2(s.wake, O_CLOEXEC) != 0) {
        error = "cannot listen for metrics on 127.0.0.1:" + std::to_string(s.port) + ": " + std::strerror(errno);
        return false;
    }
    s.thread = std::thread([&s] { s.run(); });
    return true;
}

void MetricsListener::stop() {
    if (!state_) return;
    State& s = *state_;
    if (s.wake[1] >= 0) {
        const char byte = 0;
        [[maybe_unused]] const ssize_t n = ::write(s.wake[1], &byte, 1);
    }
    if (s.thread.joinable()) s.thread.join();
    for (int* fd : {&s.listener, &s.wake[0], &s.wake[1]})
        if (*fd >= 0) {
            ::close(*fd);
            *fd = -1;
        }
}

}  // namespace server
