// Boost.Beast server: one strand per connection, async reads with limits and deadlines.
#include "http_server.h"

#include "byte_codec.h"

#include <sys/resource.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio.hpp>
#include <brotli/encode.h>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "forms.h"
#include "http_rules.h"
#include "log.h"

namespace server {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::atomic<int> g_sessions{0};

std::string_view view(beast::string_view v) { return {v.data(), v.size()}; }
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
    if (ext == "txt" || ext == "po") return "text/plain; charset=utf-8";  // .po: the app's message catalogues
    return "application/octet-stream";
}

// `full`, resolved, when it is a regular file inside `root` (already canonical): a symbolic link
// whose target leaves the folder is refused; links within it are followed.
std::optional<std::string> inside(const std::string& root, const std::string& full) {
    std::error_code ec;
    const auto real = std::filesystem::canonical(full, ec);
    if (ec || !std::filesystem::is_regular_file(real, ec)) return std::nullopt;
    std::string text = real.string();
    if (text.size() <= root.size() || text.compare(0, root.size(), root) != 0 || text[root.size()] != '/') return std::nullopt;
    return text;
}

// Maps a URL path to a file under `root` (canonical), refusing dot segments and encodings.
std::optional<std::string> static_path(const std::string& root, std::string path) {
    if (root.empty() || path.empty() || path[0] != '/') return std::nullopt;
    if (path.find("..") != std::string::npos || path.find('\\') != std::string::npos || path.find('\0') != std::string::npos ||
        path.find('%') != std::string::npos)
        return std::nullopt;
    if (path.back() == '/') path += "index.html";
    return inside(root, root + path);
}

// The folder a static route serves, resolved once at start ("" when there is none).
std::string served_root(const std::string& dir) {
    std::error_code ec;
    const auto real = dir.empty() ? std::filesystem::path() : std::filesystem::canonical(dir, ec);
    return ec ? std::string() : real.string();
}

bool compressible(const std::string& content_type) {
    return content_type.rfind("text/", 0) == 0 || content_type.rfind("application/json", 0) == 0 ||
           content_type == "application/wasm" || content_type == "image/svg+xml" || content_type == "font/ttf";
}

// Connections open from each address, in memory only, so one address cannot hold every slot.
class AddressSlots {
public:
    bool take(const std::string& address, int cap) {
        if (cap <= 0) return true;
        std::lock_guard<std::mutex> lock(mutex_);
        int& n = open_[address];
        if (n >= cap) return false;
        ++n;
        return true;
    }
    void give_back(const std::string& address) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto it = open_.find(address);
        if (it != open_.end() && --it->second <= 0) open_.erase(it);
    }

private:
    std::mutex mutex_;
    std::unordered_map<std::string, int> open_;
};

AddressSlots g_address_slots;

// Bytes of request bodies being read, by client address and in all (a body is held whole in memory
// until it is answered), so requests that are slow to send cannot exhaust memory.
class BodyAllowance {
public:
    bool take(const std::string& address, std::size_t bytes, std::size_t per_address, std::size_t total) {
        std::lock_guard<std::mutex> lock(mutex_);
        std::size_t& mine = held_[address];
        if (mine + bytes > per_address || total_ + bytes > total) {
            if (mine == 0) held_.erase(address);
            return false;
        }
        mine += bytes;
        total_ += bytes;
        return true;
    }
    void give_back(const std::string& address, std::size_t bytes) {
        std::lock_guard<std::mutex> lock(mutex_);
        const auto it = held_.find(address);
        if (it == held_.end()) return;
        it->second -= std::min(it->second, bytes);
        total_ -= std::min(total_, bytes);
        if (it->second == 0) held_.erase(it);
    }

private:
    std::mutex mutex_;
    std::unordered_map<std::string, std::size_t> held_;
    std::size_t total_ = 0;
};

BodyAllowance g_body_allowance;
AddressSlots g_stream_slots;  // event streams open from each client address
std::atomic<int> g_streams{0};

class Session : public std::enable_shared_from_this<Session> {
public:
    // `address` is the peer; when `holds_slot`, it holds one of its address's slots, given back when the session ends.
    Session(tcp::socket socket, std::string address, bool holds_slot, const HttpConfig& config, Api& api)
        : stream_(std::move(socket)), config_(config), api_(api), address_(std::move(address)), holds_slot_(holds_slot) {
        ++g_sessions;
    }
    ~Session() {
        if (subscription_ != 0 && !ended_) api_.events().unsubscribe(subscription_);
        give_back_stream();
        if (holds_slot_) g_address_slots.give_back(address_);
        give_back_body();
        --g_sessions;
    }

    void start() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::read, shared_from_this())); }

private:
    void read() {
        method_.clear();
        target_.clear();
        upload_ = false;
        parser_.emplace();
        parser_->header_limit(8 * 1024);
        // The parser checks a declared length against this as the header ends: the largest allowed
        // here, then the request's own limit once its header is read (on_header).
        parser_->body_limit(kUploadLimit);
        // A first request gets the request deadline; a kept-alive one may idle for longer first.
        stream_.expires_after(std::chrono::seconds(requests_ == 0 ? config_.request_timeout_seconds : config_.idle_timeout_seconds));
        http::async_read_header(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_header, shared_from_this()));
    }

    template <class Header>
    bool is_upload(const Header& header) const {
        const std::string_view target = view(header.target());
        if (!config_.console || header.method() != http::verb::post || target.size() <= 7) return false;
        return (target.rfind("/console/budgets/", 0) == 0 && target.substr(target.size() - 7) == "/drafts") ||
               (target.rfind("/console/paper/", 0) == 0 && target.substr(target.size() - 7) == "/import");  // a file of paper ballots
    }

    bool read_failed(beast::error_code ec) {
        if (!ec) return false;
        // The parser refuses a declared length beyond every limit as the header ends, before on_header.
        if (ec == http::error::body_limit && parser_ && is_upload(parser_->get())) upload_ = true;
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::operation_aborted) close();
        else if (ec == http::error::body_limit)
            reply_error(413, "http.too_large", upload_ ? "an uploaded file is at most 10 MiB" : "a submission is at most 64 KiB");
        else if (ec == http::error::header_limit) reply_error(431, "http.headers_too_large", "request headers are at most 8 KiB");
        else reply_error(400, "http.bad_request", "the request could not be read");
        return true;
    }

    // The framing is judged from the header, before any body is read (RFC 9112 §6.3).
    void on_header(beast::error_code ec, std::size_t) {
        if (read_failed(ec)) return;
        const auto& header = parser_->get();
        std::vector<std::string_view> codings;
        for (auto [it, end] = header.equal_range(http::field::transfer_encoding); it != end; ++it) codings.push_back(view(it->value()));
        if (!transfer_encoding_acceptable(codings))
            return reply_error(400, "http.bad_transfer_encoding", "the only transfer coding accepted is chunked");
        // RFC 9112 §3.2: an HTTP/1.1 request has exactly one Host; any request with two is refused.
        const auto hosts = static_cast<std::size_t>(std::distance(header.equal_range(http::field::host).first,
                                                                  header.equal_range(http::field::host).second));
        if (hosts > 1 || (hosts == 0 && header.version() >= 11))
            return reply_error(400, "http.bad_host", "a request has exactly one Host header");
        // A file uploaded in the console (a workbook, paper ballots) may be larger than anything else.
        if (is_upload(header)) upload_ = true;
        else parser_->body_limit(64 * 1024);
        // A body declared too large is refused at once, before any of it is read.
        const auto length = parser_->content_length();
        if (length && *length > (upload_ ? kUploadLimit : 64u * 1024)) {
            read_failed(http::error::body_limit);
            return;
        }
        // A console POST is checked (session, origin) before its body is read: a stranger's upload
        // is refused having cost its header alone.
        const std::string_view target = view(header.target());
        const bool console = config_.console_admit && header.method() == http::verb::post &&
                             (target == "/console" || target.rfind("/console/", 0) == 0 || target.rfind("/console?", 0) == 0);
        if (!console) return read_body();
        Request head;
        head.method = "POST";
        head.target = std::string(target);
        head.content_type = std::string(header[http::field::content_type]);
        head.cookie = std::string(header[http::field::cookie]);
        head.origin = std::string(header[http::field::origin]);
        head.sec_fetch_site = std::string(header["Sec-Fetch-Site"]);
        head.forwarded_proto = std::string(header["X-Forwarded-Proto"]);
        head.host = std::string(header[http::field::host]);
        head.client_address = client_of(header);
        config_.console_admit(std::move(head), [self = shared_from_this()](std::optional<Response> refusal) {
            net::post(self->stream_.get_executor(), [self, refusal = std::move(refusal)]() mutable {
                if (!refusal) return self->read_body();
                self->note_refused_header();
                self->keep_alive_ = false;
                self->send(std::move(*refusal));
            });
        });
    }

    // Reads the body once its header is accepted: its bytes held against the client's allowance
    // (the declared length, or the limit when chunked), within a deadline that grows with its size.
    void read_body() {
        const auto length = parser_->content_length();
        const std::size_t limit = upload_ ? kUploadLimit : 64u * 1024;
        const std::size_t bytes = length ? static_cast<std::size_t>(*length) : (parser_->chunked() ? limit : 0);
        if (bytes > 0) {
            body_address_ = client_of(parser_->get());
            if (!g_body_allowance.take(body_address_, bytes, config_.body_bytes_per_address, config_.body_bytes_total)) {
                note_refused_header();
                keep_alive_ = false;
                Response r = error_response(503, "http.busy", "too many requests are being sent at once: try again in a moment");
                r.headers.emplace_back("Retry-After", "10");
                return send(std::move(r));
            }
            body_bytes_ = bytes;
        }
        // At least 64 KiB a second after the request's own deadline: a 10 MiB file gets 170 s, a slower one is cut.
        if (upload_) stream_.expires_after(std::chrono::seconds(config_.request_timeout_seconds + static_cast<int>(bytes / (64u << 10))));
        http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void give_back_body() {
        if (body_bytes_ == 0) return;
        g_body_allowance.give_back(body_address_, body_bytes_);
        body_bytes_ = 0;
    }

    // A request refused after its header and before its body: its method and path, for the log.
    void note_refused_header() {
        request_ = {};
        if (!parser_ || !parser_->is_header_done()) return;
        method_ = std::string(parser_->get().method_string());
        target_ = std::string(parser_->get().target());
        if (parser_->get().method() == http::verb::head) request_.method(http::verb::head);
    }

    void on_read(beast::error_code ec, std::size_t) {
        give_back_body();  // the body now moves into the request, answered before the next is read
        if (read_failed(ec)) return;
        ++requests_;
        started_ = std::chrono::steady_clock::now();
        request_ = parser_->release();
        method_ = std::string(request_.method_string());
        target_ = std::string(request_.target());
        keep_alive_ = request_.keep_alive() && !g_draining;
        stream_.expires_never();  // the answer may wait on storage; the write gets its own deadline
        const std::string target(request_.target());
        const bool console = config_.console && (target == "/console" || target.rfind("/console/", 0) == 0 ||
                                                 target.rfind("/console?", 0) == 0);
        if (request_.method() == http::verb::get) {
            const std::string path = target.substr(0, target.find('?'));
            const std::string prefix = "/api/v1/budgets/", suffix = "/events";
            if (path.size() > prefix.size() + suffix.size() && path.rfind(prefix, 0) == 0 &&
                path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0)
                return open_events(path.substr(prefix.size(), path.size() - prefix.size() - suffix.size()), facilitator_key(target));
        }
        if (config_.report && target.rfind("/report/", 0) == 0) {
            Request r;
            r.method = request_.method() == http::verb::head ? std::string("GET") : std::string(request_.method_string());
            r.target = target;
            return send(config_.report(r));
        }
        if (target.rfind("/api/", 0) == 0 || console) {
            Request r;
            // HEAD is answered as GET would be, without the body (see write_or_head).
            r.method = request_.method() == http::verb::head ? std::string("GET") : std::string(request_.method_string());
            r.target = target;
            r.content_type = std::string(request_[http::field::content_type]);
            r.authorization = std::string(request_[http::field::authorization]);
            r.body = std::move(request_.body());
            r.client_address = client();
            r.queued_at = std::string(request_["Budget-Queued-At"]).substr(0, 40);
            r.host = std::string(request_[http::field::host]);
            auto self = shared_from_this();
            auto reply = [self](Response response) {
                net::post(self->stream_.get_executor(), [self, response = std::move(response)]() mutable {
                    self->send(std::move(response));
                });
            };
            if (!console) return api_.handle(std::move(r), std::move(reply));
            r.cookie = std::string(request_[http::field::cookie]);
            r.origin = std::string(request_[http::field::origin]);
            r.sec_fetch_site = std::string(request_["Sec-Fetch-Site"]);
            r.forwarded_proto = std::string(request_["X-Forwarded-Proto"]);
            return config_.console(std::move(r), std::move(reply));
        }
        serve_static(target);
    }

    // A budget's or ballot's file as JSON, revalidated by an ETag of its bytes.
    void send_document(const std::string& json) {
        Response r;
        r.headers.emplace_back("Cache-Control", "no-cache");
        r.body = json;
        r.content_type = "application/json";
        char etag[24];
        std::snprintf(etag, sizeof etag, "\"%016llx\"", static_cast<unsigned long long>(budget::fnv1a(json)));
        r.headers.emplace_back("ETag", etag);
        if (etag_matches(view(request_[http::field::if_none_match]), etag)) return not_modified(std::move(r));
        send(std::move(r));
    }

    // Server-Sent Events: the header, then each new results document as an event ("id: ROW",
    // "event: results", "data: JSON"), a comment every 15 s to keep proxies from closing the stream,
    // and an end when the client goes or the server drains. Last-Event-ID skips what the client has.
    // ?key=K on an events stream: a facilitator key from the console ("" without one, or if unreadable).
    static std::string facilitator_key(const std::string& target) {
        const auto q = target.find('?');
        if (q == std::string::npos) return "";
        const auto fields = console::parse_form(std::string_view(target).substr(q + 1));
        if (!fields) return "";
        const auto k = fields->find("key");
        return k == fields->end() ? "" : k->second;
    }

    void open_events(const std::string& id, const std::string& key) {
        std::string code, message;
        if (const int status = api_.open_events(id, key, code, message); status != 0) return reply_error(status, code, message);
        // Streams are counted in all and by client, so held streams cannot take every connection.
        stream_address_ = client();
        if (g_streams >= config_.max_streams) {
            return reply_busy(503, "events.busy", "too many live results streams are open: try again in a minute");
        }
        if (!g_stream_slots.take(stream_address_, config_.max_streams_per_address)) {
            return reply_busy(429, "events.too_many", "this address has too many live results streams open");
        }
        holds_stream_ = true;
        ++g_streams;
        log_request(200);
        const std::string last(request_["Last-Event-ID"]);
        if (!last.empty() && last.size() < 19 && last.find_first_not_of("0123456789") == std::string::npos) pending_id_ = std::stoll(last);
        auto res = std::make_shared<http::response<http::empty_body>>(http::status::ok, 11);
        res->set(http::field::server, "budget-server");
        res->set(http::field::content_type, "text/event-stream; charset=utf-8");
        res->set(http::field::cache_control, "no-store");
        res->set(http::field::access_control_allow_origin, "*");
        res->set("X-Content-Type-Options", "nosniff");
        res->set("X-Accel-Buffering", "no");
        res->set("Content-Security-Policy", kDataSecurityPolicy);
        res->chunked(true);
        auto serializer = std::make_shared<http::response_serializer<http::empty_body>>(*res);
        stream_.expires_after(std::chrono::seconds(60));
        http::async_write_header(stream_, *serializer, [self = shared_from_this(), res, serializer, id](beast::error_code ec, std::size_t) {
            if (ec) return self->end_events();
            self->stream_.expires_never();
            self->stream_opened_ = self->last_event_at_ = std::chrono::steady_clock::now();
            std::weak_ptr<Session> weak = self;
            self->subscription_ = self->api_.events().subscribe(id, [weak](std::int64_t event_id, const EventHub::Event& event) {
                if (auto s = weak.lock()) s->offer_event(event_id, event);
            });
            self->tick();
            self->watch_for_close();
        });
    }

    // The client sends nothing on a stream; a read ends when it goes away.
    void watch_for_close() {
        stream_.socket().async_read_some(net::buffer(ignored_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->end_events();
            self->watch_for_close();
        });
    }

    // From the hub's thread: keeps only the newest event and posts one wake at a time, so however
    // fast events come and however slowly the client reads, a stream holds at most three events
    // (being written, waiting, offered), each shared with every other stream.
    void offer_event(std::int64_t event_id, const EventHub::Event& event) {
        {
            std::lock_guard<std::mutex> lock(offered_mutex_);
            if (event_id <= pending_id_) return;
            pending_id_ = event_id;
            offered_ = event;
            if (wake_posted_) return;
            wake_posted_ = true;
        }
        net::post(stream_.get_executor(), [self = shared_from_this()] { self->take_offered(); });
    }

    void take_offered() {
        EventHub::Event next;
        {
            std::lock_guard<std::mutex> lock(offered_mutex_);
            next = std::move(offered_);
            offered_.reset();
            wake_posted_ = false;
        }
        if (!next || ended_) return;
        last_event_at_ = std::chrono::steady_clock::now();
        if (writing_) waiting_ = std::move(next);  // a slow client skips the documents between
        else write_event(std::move(next));
    }

    // A client that has not taken an event within 30 s is dropped; its browser reconnects, resuming from Last-Event-ID.
    void write_event(EventHub::Event event) {
        writing_ = std::move(event);
        stream_.expires_after(std::chrono::seconds(30));
        net::async_write(stream_, http::make_chunk(net::buffer(*writing_)), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return self->end_events();
            self->stream_.expires_never();
            self->writing_.reset();
            if (self->waiting_) {
                EventHub::Event next = std::move(self->waiting_);
                self->waiting_.reset();
                self->write_event(std::move(next));
            }
        });
    }

    void tick() {
        if (ended_) return;
        if (g_draining) return end_events();
        // Idle and lifetime limits free the slots of streams nobody watches; a watching browser reconnects.
        const auto now = std::chrono::steady_clock::now();
        if (now - stream_opened_ >= std::chrono::seconds(config_.stream_lifetime_seconds) ||
            now - last_event_at_ >= std::chrono::seconds(config_.stream_idle_seconds))
            return end_events();
        static const EventHub::Event still_here = std::make_shared<const std::string>(": still here\n\n");
        if (++ticks_ % 15 == 0 && !writing_) write_event(still_here);
        timer_.emplace(stream_.get_executor());
        timer_->expires_after(std::chrono::seconds(1));
        timer_->async_wait([self = shared_from_this()](beast::error_code ec) {
            if (!ec) self->tick();
        });
    }

    void end_events() {
        if (ended_) return;
        ended_ = true;
        if (subscription_ != 0) api_.events().unsubscribe(subscription_);
        give_back_stream();
        if (timer_) timer_->cancel();
        close();
    }

    void give_back_stream() {
        if (!holds_stream_) return;
        holds_stream_ = false;
        --g_streams;
        g_stream_slots.give_back(stream_address_);
    }

    // Refused for load, not for the request: the client may try again after a while.
    void reply_busy(int status, const std::string& code, const std::string& message) {
        keep_alive_ = false;
        Response r = error_response(status, code, message);
        r.headers.emplace_back("Retry-After", "30");
        send(std::move(r));
    }

    void serve_static(const std::string& target) {
        if (request_.method() != http::verb::get && request_.method() != http::verb::head) {
            Response r = error_response(405, "http.method_not_allowed", "this route answers GET, HEAD");
            r.headers.emplace_back("Allow", "GET, HEAD");
            keep_alive_ = false;
            return send(std::move(r));
        }
        const std::string path = target.substr(0, target.find('?'));
        // A budget's current version (published in the console, or the file it started from).
        if (config_.budgets && path.rfind("/budgets/", 0) == 0 && path.size() > 14 &&
            (path.compare(path.size() - 5, 5, ".pack") == 0 || path.compare(path.size() - 5, 5, ".json") == 0)) {
            const auto set = config_.budgets->get();
            if (const BudgetEdition* e = set->find(path.substr(9, path.size() - 14))) {
                Response r;
                r.headers.emplace_back("Cache-Control", "no-cache");
                if (path.compare(path.size() - 5, 5, ".json") == 0) return send_document(e->json);
                const bool br = !e->brotli.empty() && accepts_encoding(std::string(request_[http::field::accept_encoding]), "br");
                r.body = br ? e->brotli : e->pack;
                r.content_type = "application/octet-stream";
                r.headers.emplace_back("Vary", "Accept-Encoding");
                if (br) r.headers.emplace_back("Content-Encoding", "br");
                // Each encoding is its own representation, with its own validator.
                const std::string etag = br ? e->etag.substr(0, e->etag.size() - 1) + "-br\"" : e->etag;
                r.headers.emplace_back("ETag", etag);
                if (etag_matches(view(request_[http::field::if_none_match]), etag)) return not_modified(std::move(r));
                return send(std::move(r));
            }
        }
        if (config_.ballots && path.rfind("/budgets/", 0) == 0 && path.size() > 14 &&
            (path.compare(path.size() - 5, 5, ".pack") == 0 || path.compare(path.size() - 5, 5, ".json") == 0)) {
            if (const BallotEdition* b = config_.ballots->find(path.substr(9, path.size() - 14))) {
                if (path.compare(path.size() - 5, 5, ".json") == 0) return send_document(b->json);
                Response r;
                r.headers.emplace_back("Cache-Control", "no-cache");
                r.body = b->pack;
                r.content_type = "application/octet-stream";
                return send(std::move(r));
            }
        }
        const bool budgets = path.rfind("/budgets/", 0) == 0;
        const std::string& root = budgets ? config_.budgets_dir : config_.site_dir;  // canonical (run_http_server)
        const std::optional<std::string> file = static_path(root, budgets ? path.substr(8) : path);
        if (!file) return reply_error(404, "http.not_found", "not found");
        struct stat original {};
        if (::stat(file->c_str(), &original) != 0) return reply_error(404, "http.not_found", "not found");
        Response r;
        r.file = *file;
        r.content_type = mime_type(*file);
        const char* coding = "identity";
        if (compressible(r.content_type)) {
            // Precompressed copies beside the file, chosen by Accept-Encoding; never one older than it.
            r.headers.emplace_back("Vary", "Accept-Encoding");
            const std::string accept(request_[http::field::accept_encoding]);
            static constexpr std::pair<const char*, const char*> kCopies[] = {{"br", ".br"}, {"gzip", ".gz"}};
            for (const auto& [name, suffix] : kCopies) {
                if (!accepts_encoding(accept, name)) continue;
                const auto copy = inside(root, *file + suffix);
                struct stat st {};
                if (!copy || ::stat(copy->c_str(), &st) != 0 || st.st_mtime < original.st_mtime) continue;
                r.file = *copy;
                coding = name;
                r.headers.emplace_back("Content-Encoding", name);
                break;
            }
        }
        if (r.content_type.rfind("text/html", 0) == 0)
            r.headers.emplace_back("Content-Security-Policy", page_security_policy(config_.frame_ancestors));
        r.headers.emplace_back("Cache-Control", "no-cache");
        char etag[80];
        std::snprintf(etag, sizeof etag, "\"%llx-%llx-%s\"", static_cast<unsigned long long>(original.st_size),
                      static_cast<unsigned long long>(original.st_mtim.tv_sec) * 1000000000ULL +
                          static_cast<unsigned long long>(original.st_mtim.tv_nsec),
                      coding);
        r.headers.emplace_back("ETag", etag);
        r.headers.emplace_back("Last-Modified", http_date(original.st_mtime));
        const std::string_view if_none_match = view(request_[http::field::if_none_match]);
        const std::int64_t since = parse_http_date(view(request_[http::field::if_modified_since]));
        if (!if_none_match.empty() ? etag_matches(if_none_match, etag) : (since >= 0 && original.st_mtime <= since))
            return not_modified(std::move(r));
        send(std::move(r), false);
    }

    // 304: the validators and caching headers of the full answer, no body.
    void not_modified(Response r) {
        r.status = 304;
        r.file.clear();
        r.body.clear();
        r.content_type.clear();
        send(std::move(r));
    }

    void reply_error(int status, const std::string& code, const std::string& message) {
        keep_alive_ = false;
        if (method_.empty()) {
            note_refused_header();
        } else {
            const bool head = request_.method() == http::verb::head;
            request_ = {};
            if (head) request_.method(http::verb::head);
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
            if (target_.rfind("/api/", 0) == 0) res.set(http::field::access_control_allow_origin, "*");
            if (!r.content_type.empty()) res.set(http::field::content_type, r.content_type);
            res.set("Content-Security-Policy", kDataSecurityPolicy);  // pages set their own below
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
        if (r.status != 304) res->prepare_payload();
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
            if (ec) return self->close();
            if (!self->keep_alive_) return self->close_lingering();
            self->read();
        });
    }

    // After a last answer, what the client is still sending (a refused upload's body) is read and
    // dropped for up to 2 s, so it sees the answer rather than a reset connection.
    void close_lingering() {
        close();
        stream_.expires_after(std::chrono::seconds(2));
        linger();
    }
    void linger() {
        stream_.async_read_some(net::buffer(ignored_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (!ec) self->linger();
        });
    }

    // One line a request: method and path (without the query), cut and escaped, status and time.
    void log_request(int status) {
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
        char line[64];
        std::snprintf(line, sizeof line, " %d %.1fms", status, ms);
        log_line(log_safe(method_.empty() ? "-" : method_, 16) + " " + (target_.empty() ? "-" : log_safe(target_.substr(0, target_.find('?')))) + line);
        if (config_.observe) config_.observe(std::string_view(target_).substr(0, target_.find('?')), status, ms / 1000);
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
    bool holds_slot_ = false;

    // The request's client: the peer, or the address a trusted proxy forwarded it for.
    std::string client() const { return client_of(request_); }
    template <class Fields>
    std::string client_of(const Fields& fields) const {
        if (config_.trusted_proxies.empty()) return address_;
        std::string forwarded;
        for (const auto& field : fields)
            if (beast::iequals(field.name_string(), "X-Forwarded-For")) {
                if (!forwarded.empty()) forwarded += ',';
                forwarded.append(field.value().data(), field.value().size());
            }
        return client_address(address_, forwarded, config_.trusted_proxies);
    }
    std::string method_, target_;  // of the request being answered, for the log and CORS
    bool keep_alive_ = false;
    bool upload_ = false;  // the request is a budget upload (a larger body allowed)
    std::string body_address_;   // whose allowance the body being read is held against
    std::size_t body_bytes_ = 0;
    // An event stream's state (open_events): the newest event offered by the hub (guarded, any
    // thread), then on the strand the event being written and the newest waiting behind it.
    std::uint64_t subscription_ = 0;
    std::mutex offered_mutex_;
    EventHub::Event offered_;
    std::int64_t pending_id_ = -1;
    bool wake_posted_ = false;
    EventHub::Event writing_, waiting_;
    std::string stream_address_;
    bool holds_stream_ = false;
    std::chrono::steady_clock::time_point stream_opened_, last_event_at_;
    std::optional<net::steady_timer> timer_;
    int ticks_ = 0;
    bool ended_ = false;
    char ignored_[256];
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
            const auto endpoint = socket.remote_endpoint(ec);
            // The address stays in memory: the rate limiter hashes it, the slots count it.
            std::string address = ec ? std::string() : endpoint.address().to_string();
            // A trusted proxy carries many clients' requests: its connections count toward the whole cap only.
            const bool slot = !ec && config_.max_connections_per_address > 0 && !in_blocks(address, config_.trusted_proxies);
            if (ec || g_sessions >= config_.max_connections || g_draining ||
                (slot && !g_address_slots.take(address, config_.max_connections_per_address))) {
                socket.close(ec);  // at capacity: refuse at once rather than let the queue stall
            } else {
                // A response in several writes (a file, a stream's events) must not wait on the client's delayed ACK.
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<Session>(std::move(socket), std::move(address), slot, config_, api_)->start();
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

int run_http_server(const HttpConfig& given, Api& api, storage::Storage& storage) {
    raise_descriptor_limit();
    HttpConfig config = given;  // the served folders resolved once, not on every request
    config.site_dir = served_root(given.site_dir);
    config.budgets_dir = served_root(given.budgets_dir);
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
        drainer = std::thread([&ioc, &api, &storage, &config] {
            using namespace std::chrono;
            const auto deadline = steady_clock::now() + seconds(20);
            while (api.in_flight() > 0 && steady_clock::now() < deadline) std::this_thread::sleep_for(milliseconds(10));
            if (config.console_drain) config.console_drain();  // its answers are posted before the I/O stops
            const auto writes = steady_clock::now() + seconds(2);  // let last answers reach their clients
            while (g_sessions > 0 && steady_clock::now() < writes) std::this_thread::sleep_for(milliseconds(10));
            storage.stop();
            ioc.stop();
        });
    });

    // While draining, the listener is closed and answers still being made hold no I/O of their own:
    // without this guard ioc.run() would return and their answers would never be written. The
    // drainer's ioc.stop() ends the run.
    auto keep_running = net::make_work_guard(ioc.get_executor());
    std::vector<std::thread> workers;
    for (int i = 1; i < config.threads; ++i) workers.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : workers) t.join();
    if (drainer.joinable()) drainer.join();
    log_line("stored " + storage.commit_stats());
    log_line("stopped cleanly");
    return 0;
}

int open_streams() { return g_streams.load(); }

}  // namespace server
