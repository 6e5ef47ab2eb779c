// HTTP over Boost.Beast: limits (64 KiB body, 8 KiB headers), read and idle timeouts, caps on
// connections (in all and per address), static files for the site and budgets (precompressed,
// with validators and a Content-Security-Policy), and a drain on SIGTERM.
#pragma once
#include <functional>
#include <map>
#include <string>

#include "api.h"

namespace server {

struct HttpConfig {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    std::string site_dir;     // served at /
    std::string budgets_dir;  // served at /budgets/
    struct Pack {
        std::string bytes;
        std::string etag;    // a quoted hash of the bytes
        std::string brotli;  // the same, compressed (made by run_http_server; sent where the client takes br)
    };
    std::map<std::string, Pack> budget_packs;  // "ID.pack", served at /budgets/ID.pack
    int threads = 2;
    int max_connections = 4096;
    int max_connections_per_address = 64;  // 0: no cap (behind a proxy every client has its address)
    std::string frame_ancestors = "*";     // who may frame the site's pages (CSP frame-ancestors)
    int request_timeout_seconds = 10;  // to read one whole request (slow clients are cut off)
    int idle_timeout_seconds = 30;     // between requests on a kept-alive connection
    // Answers /console and /console/... (the officer console); unset: those paths are 404.
    std::function<void(Request, std::function<void(Response)>)> console;
    // On SIGTERM, after the API's requests: finishes the console's queued work while the I/O still runs.
    std::function<void()> console_drain;
};

// Runs until SIGTERM or SIGINT, then stops accepting, finishes requests in flight, and returns 0.
// Returns 1 when it cannot listen.
int run_http_server(const HttpConfig& config, Api& api, Storage& storage);

}  // namespace server
