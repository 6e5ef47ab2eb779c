// Metrics and their loopback listener (Boost.Beast, one request at a time: a scraper, not the public).
#include "metrics.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <atomic>
#include <sstream>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <prometheus/text_serializer.h>

namespace server {

namespace {

namespace net = boost::asio;
namespace http = boost::beast::http;
using tcp = net::ip::tcp;

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

struct MetricsListener::State {
    Metrics& metrics;
    unsigned short port;
    net::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    std::thread thread;
    State(Metrics& m, unsigned short p) : metrics(m), port(p) {}

    void accept() {
        acceptor.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec) return;
            answer(std::move(socket));
            accept();
        });
    }

    // One short request on loopback; a client that sends nothing in 5 s is dropped.
    void answer(tcp::socket socket) {
        // Reads and writes here block, so the socket's own timeouts bound them.
        const timeval five_seconds{5, 0};
        setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &five_seconds, sizeof five_seconds);
        setsockopt(socket.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &five_seconds, sizeof five_seconds);
        boost::beast::tcp_stream stream(std::move(socket));
        boost::beast::flat_buffer buffer;
        http::request<http::empty_body> req;
        boost::beast::error_code ec;
        http::request_parser<http::empty_body> parser;
        parser.header_limit(8192);
        http::read(stream, buffer, parser, ec);
        if (ec) return;
        req = parser.release();
        http::response<http::string_body> res;
        res.version(11);
        res.set(http::field::server, "budget-server");
        if (req.method() == http::verb::get && req.target() == "/metrics") {
            res.result(http::status::ok);
            res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
            res.body() = metrics.text();
        } else {
            res.result(http::status::not_found);
            res.set(http::field::content_type, "text/plain; charset=utf-8");
            res.body() = "only GET /metrics is served here\n";
        }
        res.keep_alive(false);
        res.prepare_payload();
        http::write(stream, res, ec);
        stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    }
};

MetricsListener::MetricsListener(Metrics& metrics, unsigned short port) : state_(std::make_unique<State>(metrics, port)) {}

MetricsListener::~MetricsListener() { stop(); }

bool MetricsListener::start(std::string& error) {
    boost::system::error_code ec;
    const tcp::endpoint at(net::ip::make_address("127.0.0.1"), state_->port);
    state_->acceptor.open(at.protocol(), ec);
    if (!ec) state_->acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) state_->acceptor.bind(at, ec);
    if (!ec) state_->acceptor.listen(16, ec);
    if (ec) {
        error = "cannot listen for metrics on 127.0.0.1:" + std::to_string(state_->port) + ": " + ec.message();
        return false;
    }
    state_->accept();
    state_->thread = std::thread([this] { state_->ioc.run(); });
    return true;
}

void MetricsListener::stop() {
    if (!state_) return;
    state_->ioc.stop();
    if (state_->thread.joinable()) state_->thread.join();
}

}  // namespace server
