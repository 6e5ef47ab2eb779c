// Fuzz target: raw bytes as an HTTP request, through Beast's parser (with the server's limits)
// and the API's routing and submission parsing, against an in-memory store. Never a crash; every
// request gets exactly one response with a valid status.
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http.hpp>

#include "api.h"
#include "http_rules.h"
#include "budget_loader.h"

namespace {

class MemoryStorage : public storage::Storage {
public:
    void insert(storage::NewSubmission s, std::function<void(storage::InsertResult)> done) override {
        auto [it, inserted] = rows_.try_emplace(s.submission_id, s.document);
        using Kind = storage::InsertResult::Kind;
        done(storage::InsertResult{inserted ? Kind::Inserted : (it->second == s.document ? Kind::Duplicate : Kind::Conflict),
                                  1, "2026-11-23T00:00:00.000Z", ""});
    }
    bool healthy(std::string&) override { return true; }
    bool scan(const std::string&, bool, const std::function<void(const storage::StoredRow&)>&, std::string&) override { return true; }
    bool scan_comments(const std::string&, const std::function<void(const std::string&, const std::string&, const std::string&)>&,
                       std::string&) override { return true; }
    bool scan_since(const std::string&, std::int64_t, storage::ScanMark&, const std::function<void(const storage::StoredRow&)>&,
                    const std::function<void(const std::string&, const std::string&)>&, std::string&) override {
        return true;
    }
    bool latest_comments(const std::string&, std::size_t,
                         const std::function<void(const std::string&, const std::string&, const std::string&)>&, std::string&) override {
        return true;
    }
    bool scan_answers(const std::string&, const std::function<void(std::int64_t, const std::string&, const std::string&)>&,
                      std::string&) override {
        return true;
    }
    void stop() override {}
    storage::StorageStats stats() const override { return {}; }
    void on_batch(std::function<void(std::size_t)>) override {}
    std::string commit_stats() const override { return ""; }

private:
    std::map<std::string, std::string> rows_;
};

server::Api& api() {
    static MemoryStorage storage;
    static server::Api instance = [] {
        std::ifstream in(std::string(BUDGETS_DIR) + "/eastbrook-district-2026.json", std::ios::binary);
        std::ostringstream s;
        s << in.rdbuf();
        budget::BudgetLoad l = budget::load_budget(s.str());
        if (!l.budget) std::abort();
        static server::BudgetRegistry registry;
        registry.add(server::make_edition(*l.budget, s.str()));
        server::ApiConfig config;
        config.budgets = &registry;
        config.officer_token = "fuzz-officer-token-0123456789";
        config.export_dir = "/tmp";
        config.submissions_per_minute = 1e9;
        config.submission_burst = 1e9;
        return server::Api(std::move(config), storage);
    }();
    return instance;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace http = boost::beast::http;
    http::request_parser<http::string_body> parser;
    parser.header_limit(8 * 1024);
    parser.body_limit(64 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(data, size), ec);
    if (ec || !parser.is_done()) return 0;
    const auto& req = parser.get();
    // The HTTP rules, on whatever the header holds: never a crash; log text bounded and escaped.
    auto view = [](boost::beast::string_view v) { return std::string_view(v.data(), v.size()); };
    std::vector<std::string_view> codings;
    for (auto [it, end] = req.equal_range(http::field::transfer_encoding); it != end; ++it) codings.push_back(view(it->value()));
    server::transfer_encoding_acceptable(codings);
    server::accepts_encoding(view(req[http::field::accept_encoding]), "br");
    server::etag_matches(view(req[http::field::if_none_match]), "\"1-2-br\"");
    const std::int64_t date = server::parse_http_date(view(req[http::field::if_modified_since]));
    if (date >= 0 && server::parse_http_date(server::http_date(date)) != date) std::abort();
    const std::string logged = server::log_safe(view(req.target()));
    if (logged.size() > 200 * 4 + 32) std::abort();
    for (char c : logged)
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) std::abort();
    server::Request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    if (r.target.rfind("/api/", 0) != 0) return 0;
    if (r.target.find("export") != std::string::npos || r.target.find("aggregate") != std::string::npos ||
        r.target.find("jsonl") != std::string::npos)
        return 0;  // officer exports write files on a thread: not for the fuzzer
    r.content_type = std::string(req[http::field::content_type]);
    r.authorization = std::string(req[http::field::authorization]);
    r.body = req.body();
    r.client_address = "127.0.0.1";
    int responses = 0;
    api().handle(std::move(r), [&](server::Response res) {
        ++responses;
        if (res.status < 200 || res.status > 599) std::abort();
    });
    if (responses != 1) std::abort();
    return 0;
}
