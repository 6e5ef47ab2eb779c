// Boost.Beast server: one strand per connection, async reads with limits and deadlines.
#include "http_server.h"

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "log.h"

namespace server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::atomic<int> g_sessions{0};
std::atomic<bool> g_draining{false};

std::string mime_type(const std::string& path) {
    const auto dot = path.rfind('.');
    const std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
    if (ext == "html") return "text/html; charset=utf-8";
    if (ext == "js") return "text/javascript; charset=utf-8";
    if (ext == "wasm") return "application/wasm";
    if (ext == "json") return "application/json; charset=utf-8";
    if (ext == "css") return "text/css; charset=utf-8";
    if (ext == "png") return "image/png";
    if (ext == "svg") return "image/svg+xml";
    if (ext == "ttf") return "font/ttf";
    if (ext == "woff2") return "font/woff2";
    if (ext == "txt") return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

// Maps a URL path to a file under `root`, refusing anything that could leave it.
std::optional<std::string> static_path(const std::string& root, std::string path) {
    if (root.empty() || path.empty() || path[0] != '/') return std::nullopt;
    if (path.find("..") != std::string::npos || path.find('\\') != std::string::npos || path.find('\0') != std::string::npos ||
        path.find('%') != std::string::npos)
        return std::nullopt;
    if (path.back() == '/') path += "index.html";
    std::string full = root + path;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(full, ec)) return std::nullopt;
    return full;
}

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, const HttpConfig& config, Api& api)
        : stream_(std::move(socket)), config_(config), api_(api) {
        ++g_sessions;
        beast::error_code ec;
        const auto endpoint = stream_.socket().remote_endpoint(ec);
        if (!ec) address_ = endpoint.address().to_string();  // kept in memory for the rate limiter only
    }
    ~Session() { --g_sessions; }

    void start() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this())); }

private:
    void read() {
        parser_.emplace();
        parser_->header_limit(8 * 1024);
        parser_->body_limit(64 * 1024);
        // A first request gets the request deadline; a kept-alive one may idle for longer first.
        stream_.expires_after(std::chrono::seconds(requests_ == 0 ? config_.request_timeout_seconds : config_.idle_timeout_seconds));
        http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted) return close();
        if (ec == http::error::body_limit) return reply_error(413, "http.too_large", "a submission is at most 64 KiB");
        if (ec == http::error::header_limit) return reply_error(431, "http.headers_too_large", "request headers are at most 8 KiB");
        if (ec) return reply_error(400, "http.bad_request", "the request could not be read");
        ++requests_;
        started_ = std::chrono::steady_clock::now();
        request_ = parser_->release();
        keep_alive_ = request_.keep_alive() && !g_draining;
        stream_.expires_never();  // the answer may wait on storage; the write gets its own deadline
        const std::string target(request_.target());
        if (target.rfind("/api/", 0) == 0) {
            Request r;
            // HEAD is answered as GET would be, without the body (see write_or_head).
            r.method = request_.method() == http::verb::head ? std::string("GET") : std::string(request_.method_string());
            r.target = target;
            r.content_type = std::string(request_[http::field::content_type]);
            r.authorization = std::string(request_[http::field::authorization]);
            r.body = std::move(request_.body());
            r.client_address = address_;
            auto self = shared_from_this();
            api_.handle(std::move(r), [self](Response response) {
                net::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
                    self->send(std::move(response));
                });
            });
            return;
        }
        serve_static(target);
    }

    void serve_static(const std::string& target) {
        if (request_.method() != http::verb::get && request_.method() != http::verb::head)
            return reply_error(405, "http.method_not_allowed", "use GET");
        const std::string path = target.substr(0, target.find('?'));
        // Packs are made at start-up from the budgets this server checks submissions against.
        if (const auto pack = config_.budget_packs.find(path.rfind("/budgets/", 0) == 0 ? path.substr(9) : "");
            pack != config_.budget_packs.end()) {
            Response r;
            r.body = pack->second;
            r.content_type = "application/octet-stream";
            r.headers.emplace_back("Cache-Control", "no-cache");
            return send(std::move(r));
        }
        std::optional<std::string> file;
        if (path.rfind("/budgets/", 0) == 0) file = static_path(config_.budgets_dir, path.substr(8));
        else file = static_path(config_.site_dir, path);
        if (!file) return reply_error(404, "http.not_found", "not found");
        Response r;
        r.file = *file;
        r.content_type = mime_type(*file);
        r.headers.emplace_back("Cache-Control", "no-cache");
        send(std::move(r), false);
    }

    void reply_error(int status, const std::string& code, const std::string& message) {
        keep_alive_ = false;
        request_ = {};
        if (parser_ && parser_->is_header_done()) {  // keep the method and path for the log line
            request_.method_string(parser_->get().method_string());
            request_.target(parser_->get().target());
        }
        send(error_response(status, code, message));
    }

    // Sends a response built from a string body or a file; `remove_file` deletes an export after.
    void send(Response r, bool remove_file = true) {
        const auto status = static_cast<http::status>(r.status);
        auto set_headers = [&](auto& res) {
            res.version(11);
            res.set(http::field::server, "budget-server");
            res.set("X-Content-Type-Options", "nosniff");
            res.set("Referrer-Policy", "no-referrer");
            if (std::string(request_.target()).rfind("/api/", 0) == 0) res.set(http::field::access_control_allow_origin, "*");
            if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
            for (const auto& [name, value] : r.headers) res.set(name, value);
            res.keep_alive(keep_alive_);
        };
        log_request(r.status);
        if (!r.file.empty()) {
            http::file_body::value_type body;
            beast::error_code ec;
            body.open(r.file.c_str(), beast::file_mode::scan, ec);
            if (remove_file) std::remove(r.file.c_str());  // the open descriptor keeps it readable
            if (ec) return send(error_response(500, "http.internal", "could not read the file"));
            auto res = std::make_shared<http::response<http::file_body>>(status, 11, std::move(body));
            set_headers(*res);
            res->prepare_payload();
            return write_or_head(res);
        }
        auto res = std::make_shared<http::response<http::string_body>>(status, 11, std::move(r.body));
        set_headers(*res);
        res->prepare_payload();
        write_or_head(res);
    }

    // A HEAD request gets the header a GET would get (Content-Length included) and no body, so the
    // next request on the connection is not read as part of this one.
    template <class Message>
    void write_or_head(std::shared_ptr<Message> res) {
        if (request_.method() != http::verb::head) return write(res);
        auto head = std::make_shared<http::response<http::empty_body>>();
        head->base() = res->base();
        write(head);
    }

    template <class Message>
    void write(std::shared_ptr<Message> res) {
        stream_.expires_after(std::chrono::seconds(60));
        http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code ec, std::size_t) {
            if (ec || !self->keep_alive_) return self->close();
            self->read();
        });
    }

    void log_request(int status) {
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
        const std::string target(request_.target());
        char line[64];
        std::snprintf(line, sizeof line, " %d %.1fms", status, ms);
        log_line(std::string(request_.method_string()) + " " + target.substr(0, target.find('?')) + line);
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::request<http::string_body> request_;
    const HttpConfig& config_;
    Api& api_;
    std::string address_;
    bool keep_alive_ = false;
    int requests_ = 0;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

class Listener : public std::enable_shared_from_this<Listener> {
public:
    Listener(net::io_context& ioc, tcp::endpoint endpoint, const HttpConfig& config, Api& api)
        : ioc_(ioc), acceptor_(net::make_strand(ioc)), config_(config), api_(api) {
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(net::socket_base::max_listen_connections);
    }
    void accept() {
        acceptor_.async_accept(net::make_strand(ioc_), beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
    }
    void stop() {
        net::post(acceptor_.get_executor(), [self = shared_from_this()] {
            beast::error_code ec;
            self->acceptor_.close(ec);
        });
    }

private:
    void on_accept(beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
        if (!ec) {
            if (g_sessions >= config_.max_connections || g_draining) {
                socket.close(ec);  // at capacity: refuse at once rather than let the queue stall
            } else {
                std::make_shared<Session>(std::move(socket), config_, api_)->start();
            }
        } else if (ec == net::error::no_descriptors) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        accept();
    }

    net::io_context& ioc_;
    tcp::acceptor acceptor_;
    const HttpConfig& config_;
    Api& api_;
};

void raise_descriptor_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
}

}  // namespace

int run_http_server(const HttpConfig& config, Api& api, Storage& storage) {
    raise_descriptor_limit();
    net::io_context ioc(config.threads);
    std::shared_ptr<Listener> listener;
    try {
        const auto address = net::ip::make_address(config.host);
        listener = std::make_shared<Listener>(ioc, tcp::endpoint(address, config.port), config, api);
    } catch (const std::exception& e) {
        log_line(std::string("cannot listen on ") + config.host + ":" + std::to_string(config.port) + ": " + e.what());
        return 1;
    }
    listener->accept();
    log_line("listening on http://" + config.host + ":" + std::to_string(config.port) + "/");

    net::signal_set signals(ioc, SIGTERM, SIGINT);
    std::thread drainer;
    signals.async_wait([&](beast::error_code, int signal) {
        log_line(std::string("received ") + (signal == SIGTERM ? "SIGTERM" : "SIGINT") + ": draining");
        g_draining = true;
        listener->stop();
        // Off the I/O threads: wait for requests in flight (answers included), then stop.
        drainer = std::thread([&ioc, &api, &storage] {
            using namespace std::chrono;
            const auto deadline = steady_clock::now() + seconds(20);
            while (api.in_flight() > 0 && steady_clock::now() < deadline) std::this_thread::sleep_for(milliseconds(10));
            const auto writes = steady_clock::now() + seconds(2);  // let last answers reach their clients
            while (g_sessions > 0 && steady_clock::now() < writes) std::this_thread::sleep_for(milliseconds(10));
            storage.stop();
            ioc.stop();
        });
    });

    std::vector<std::thread> workers;
    for (int i = 1; i < config.threads; ++i) workers.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : workers) t.join();
    if (drainer.joinable()) drainer.join();
    log_line("stored " + storage.commit_stats());
    log_line("stopped cleanly");
    return 0;
}

}  // namespace server
