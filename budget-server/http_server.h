// HTTP over Boost.Beast: limits (64 KiB body, 8 KiB headers), read and idle timeouts, caps on
// connections (in all and per address), static files for the site and budgets (precompressed,
// with validators and a Content-Security-Policy), and a drain on SIGTERM.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http_rules.h"

#include "api.h"
#include "budget_registry.h"

namespace server {

struct HttpConfig {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    std::string site_dir;     // served at /
    std::string budgets_dir;  // served at /budgets/
    // Each budget's current version, served at /budgets/ID.pack (the app's form) and /budgets/ID.json.
    const BudgetRegistry* budgets = nullptr;
    // Ballots, served at /budgets/ID.json too.
    const BallotSet* ballots = nullptr;
    int threads = 2;
    int max_connections = 4096;
    int max_connections_per_address = 64;  // 0: no cap; a trusted proxy's connections count only toward max_connections
    // Proxies in front of the server (--trusted-proxy): a request from one is from the address its
    // X-Forwarded-For names (client_address in http_rules.h), for every rate limit and throttle.
    std::vector<AddressBlock> trusted_proxies;
    std::string frame_ancestors = "*";     // who may frame the site's pages (CSP frame-ancestors)
    // Live results streams (Server-Sent Events): at most this many open, and from one client address.
    // Each ends after its lifetime, or when no new results came for `stream_idle_seconds`; a browser
    // still watching reconnects and resumes from Last-Event-ID.
    int max_streams = 1024;
    int max_streams_per_address = 16;
    int stream_lifetime_seconds = 3600;
    int stream_idle_seconds = 900;
    int request_timeout_seconds = 10;  // to read one whole request (slow clients are cut off)
    int idle_timeout_seconds = 30;     // between requests on a kept-alive connection
    // Answers /console and /console/... (the officer console); unset: those paths are 404.
    std::function<void(Request, std::function<void(Response)>)> console;
    // Before a console POST's body is read: a refusal (no session, another site's form), or nullopt to read it.
    std::function<void(Request, std::function<void(std::optional<Response>)>)> console_admit;
    // Bodies being read are held in memory: at most this much from one client address, and in all.
    std::size_t body_bytes_per_address = 24u << 20;
    std::size_t body_bytes_total = 256u << 20;
    // Answers GET and HEAD /report/... (the annual report pages); unset: those paths are 404.
    std::function<Response(const Request&)> report;
    // On SIGTERM, after the API's requests: finishes the console's queued work while the I/O still runs.
    std::function<void()> console_drain;
    // Told of each answered request: its path (query left off), status and seconds taken (metrics).
    std::function<void(std::string_view path, int status, double seconds)> observe;
};

// Runs until SIGTERM or SIGINT, then stops accepting, finishes requests in flight, and returns 0.
// Returns 1 when it cannot listen.
// The largest body of a budget uploaded in the console (10 MiB of file, and the form around it).
constexpr std::size_t kUploadLimit = (10u << 20) + (64u << 10);

int run_http_server(const HttpConfig& config, Api& api, storage::Storage& storage);
// Live results streams open now (for metrics).
int open_streams();

}  // namespace server
