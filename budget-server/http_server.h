// HTTP over Boost.Beast: limits (64 KiB body, 8 KiB headers), read and idle timeouts, a cap on
// connections, static files for the site and budgets, and a drain on SIGTERM.
#pragma once
#include <map>
#include <string>

#include "api.h"

namespace server {

struct HttpConfig {
    std::string host = "127.0.0.1";
    unsigned short port = 8080;
    std::string site_dir;     // served at /
    std::string budgets_dir;  // served at /budgets/
    std::map<std::string, std::string> budget_packs;  // "ID.pack" -> bytes, served at /budgets/ID.pack
    int threads = 2;
    int max_connections = 4096;
    int request_timeout_seconds = 10;  // to read one whole request (slow clients are cut off)
    int idle_timeout_seconds = 30;     // between requests on a kept-alive connection
};

// Runs until SIGTERM or SIGINT, then stops accepting, finishes requests in flight, and returns 0.
// Returns 1 when it cannot listen.
int run_http_server(const HttpConfig& config, Api& api, Storage& storage);

}  // namespace server
