// budget-server: the collector. Serves the site and budgets, stores submissions durably, and gives
// officers their exports. Usage: see kUsage.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "api.h"
#include "budget_loader.h"
#include "budget_pack.h"
#include "byte_codec.h"
#include "console.h"
#include "http_rules.h"
#include "http_server.h"
#include "annual_report.h"
#include "profiles.h"
#include "server_secret.h"
#include "log.h"
#include "metrics.h"
#include "codes_command.h"
#include "officer_command.h"
#include "data_lock.h"
#include "database_commands.h"
#include "published_versions.h"
#include "shared_changes.h"
#include "storage.h"

namespace {

constexpr const char* kUsage =
    "usage: budget-server --port N --data DIR [--site DIR] [--budgets DIR] [--database postgresql://...]\n"
    "                     [--officer-token-file FILE] [--host ADDRESS] [--rate-per-minute N]\n"
    "                     [--request-timeout SECONDS] [--max-connections-per-address N]\n"
    "                     [--frame-ancestors SOURCES] [--trust-proxy] [--public-url https://...]\n"
    "                     [--trusted-proxy CIDR]...   (a proxy in front: its X-Forwarded-For names the client)\n"
    "                     [--secret-file FILE]   (default DATA/secret, made on first start)\n"
    "                     [--max-streams N] [--max-streams-per-address N]   (live results streams; 1024, 16)\n"
    "                     [--stream-lifetime SECONDS] [--stream-idle SECONDS]   (3600, 900; browsers reconnect)\n"
    "                     [--max-db-connections N]   (PostgreSQL connections this server holds; 12)\n"
    "                     [--metrics-port N]   (Prometheus text at http://127.0.0.1:N/metrics; none by default)\n"
    "       budget-server officer add|list|remove|password ...   (see budget-server officer --help)\n"
    "       budget-server codes create|count ...   (see budget-server codes --help)\n"
    "       budget-server migrate|backup|restore (--data DIR | --database URL) [FILE]   (see budget-server backup --help)\n";

int usage(const std::string& why) {
    std::cerr << "budget-server: " << why << "\n" << kUsage;
    return 2;
}

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream s;
    s << in.rdbuf();
    out = s.str();
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    server::HttpConfig http;
    server::ApiConfig api_config;
    std::string public_url;  // also given to the console (api_config is moved into the Api)
    std::string data_dir, database_url, token_file, secret_file;
    std::string budgets_dir = "budgets";
    bool have_port = false, trust_proxy = false;
    std::size_t max_db_connections = 12;
    unsigned short metrics_port = 0;
    std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "codes")
        return server::codes_command(std::vector<std::string>(args.begin() + 1, args.end()), std::cout, std::cerr);
    if (!args.empty() && (args[0] == "migrate" || args[0] == "backup" || args[0] == "restore"))
        return server::database_command(args[0], std::vector<std::string>(args.begin() + 1, args.end()), std::cout, std::cerr);
    if (!args.empty() && args[0] == "officer")
        return server::officer_command(std::vector<std::string>(args.begin() + 1, args.end()), std::cin, std::cout, std::cerr);
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (a == "--help") { std::cout << kUsage; return 0; }
        if (a == "--trust-proxy") { trust_proxy = true; continue; }
        if (!has_value) return usage("missing value for " + a);
        const std::string& v = args[++i];
        if (a == "--port") {
            if (v.empty() || v.size() > 5 || v.find_first_not_of("0123456789") != std::string::npos || std::stoi(v) > 65535)
                return usage("--port takes a number up to 65535");
            http.port = static_cast<unsigned short>(std::stoi(v));
            have_port = true;
        } else if (a == "--data") data_dir = v;
        else if (a == "--site") http.site_dir = v;
        else if (a == "--public-url") {
            if (v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0) return usage("--public-url takes an http:// or https:// address");
            api_config.public_url = v;
            public_url = v;
        }
        else if (a == "--budgets") budgets_dir = v;
        else if (a == "--database") database_url = v;
        else if (a == "--officer-token-file") token_file = v;
        else if (a == "--secret-file") secret_file = v;
        else if (a == "--host") http.host = v;
        else if (a == "--rate-per-minute") {
            if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) return usage("--rate-per-minute takes a number");
            api_config.submissions_per_minute = std::stod(v);
            api_config.submission_burst = std::max(10.0, api_config.submissions_per_minute / 2);
        } else if (a == "--request-timeout") {
            if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos || std::stoi(v) == 0)
                return usage("--request-timeout takes a number of seconds");
            http.request_timeout_seconds = std::stoi(v);
        } else if (a == "--max-connections-per-address") {
            if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos)
                return usage("--max-connections-per-address takes a number (0: no cap)");
            http.max_connections_per_address = std::stoi(v);
        } else if (a == "--max-streams" || a == "--max-streams-per-address" || a == "--stream-lifetime" || a == "--stream-idle") {
            if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos || std::stoi(v) == 0)
                return usage(a + " takes a number above 0");
            const int n = std::stoi(v);
            if (a == "--max-streams") http.max_streams = n;
            else if (a == "--max-streams-per-address") http.max_streams_per_address = n;
            else if (a == "--stream-lifetime") http.stream_lifetime_seconds = n;
            else http.stream_idle_seconds = n;
        } else if (a == "--metrics-port") {
            if (v.empty() || v.size() > 5 || v.find_first_not_of("0123456789") != std::string::npos || std::stoi(v) == 0 || std::stoi(v) > 65535)
                return usage("--metrics-port takes a number from 1 to 65535");
            metrics_port = static_cast<unsigned short>(std::stoi(v));
        } else if (a == "--max-db-connections") {
            if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos || std::stoi(v) < 4)
                return usage("--max-db-connections takes a number of at least 4 (the writer, a reader, the console and the listener)");
            max_db_connections = static_cast<std::size_t>(std::stoi(v));
        } else if (a == "--trusted-proxy") {
            const auto block = server::parse_address_block(v);
            if (!block) return usage("--trusted-proxy takes an address or a block, such as 127.0.0.1 or 10.0.0.0/8, not " + v);
            http.trusted_proxies.push_back(*block);
        } else if (a == "--frame-ancestors") {
            if (!server::valid_frame_ancestors(v))
                return usage("--frame-ancestors takes CSP sources separated by spaces, such as \"'self' https://council.example\"");
            http.frame_ancestors = v;
        } else return usage("unknown option " + a);
    }
    if (!have_port || data_dir.empty()) return usage("--port and --data are required");
    http.budgets_dir = budgets_dir;

    server::BudgetRegistry registry;
    api_config.budgets = &registry;
    http.budgets = &registry;

    // Council profiles: BUDGETS/councils/*.json, each with its annual report at /report/ID.
    server::report::ProfileRegistry profiles;
    {
        std::string profile_error;
        if (!server::report::load_profiles((std::filesystem::path(budgets_dir) / "councils").string(), profiles, profile_error)) {
            server::log_line("refusing to start: " + profile_error);
            return 1;
        }
        for (const auto& [id, profile] : profiles.get()->profiles)
            server::log_line("council profile " + id + " (as of " + budget::format_date(profile.as_of) + ")");
    }

    // Each budget that names a profile carries its annual report's digest to the app, worked out and
    // worded as the report page does.
    server::report::AnnualReports reports(profiles, registry, http.frame_ancestors);
    {
        std::string template_error;
        if (!reports.load(template_error)) {
            server::log_line("refusing to start: the annual report's templates: " + template_error);
            return 1;
        }
    }
    registry.set_before_pack([&reports](budget::Budget& b) { reports.attach_digest(b); });

    // Budgets: every *.json in the folder must load; a broken one stops the server with its problems.
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(budgets_dir, ec)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
        std::string text;
        if (!read_file(entry.path().string(), text)) {
            server::log_line("cannot read " + entry.path().string());
            return 1;
        }
        budget::BudgetLoad l = budget::load_budget(text);
        for (const auto& p : l.problems) std::cerr << budget::format_problem(p, entry.path().string()) << "\n";
        for (const auto& w : l.warnings) std::cerr << "warning: " << budget::format_problem(w, entry.path().string()) << "\n";
        if (!l.budget) {
            server::log_line("refusing to start: " + entry.path().string() + " is not a valid budget");
            return 1;
        }
        server::log_line("budget " + l.budget->id + " v" + std::to_string(l.budget->version) + " (" + entry.path().filename().string() + ")");
        if (registry.get()->find(l.budget->id)) {
            server::log_line("refusing to start: two files in " + budgets_dir + " hold the budget " + l.budget->id);
            return 1;
        }
        registry.add(registry.edition(std::move(*l.budget), std::move(text)));
    }
    if (ec) {
        server::log_line("cannot read budgets folder " + budgets_dir + ": " + ec.message());
        return 1;
    }
    if (registry.get()->current.empty()) server::log_line("warning: no budgets in " + budgets_dir);
    for (const auto& [id, edition] : registry.get()->current)
        if (!edition.budget->profile.empty() && !profiles.get()->profiles.count(edition.budget->profile))
            server::log_line("warning: budget " + id + " names the profile " + edition.budget->profile + ", which is not in " + budgets_dir + "/councils");

    // Participatory-budgeting ballots: BUDGETS/ballots/*.json. An id names one consultation only.
    server::BallotSet ballots;
    {
        std::string ballot_error;
        if (!server::load_ballots((std::filesystem::path(budgets_dir) / "ballots").string(), ballots, ballot_error)) {
            server::log_line("refusing to start: " + ballot_error);
            return 1;
        }
        for (const auto& [id, edition] : ballots.by_id) {
            if (registry.get()->find(id)) {
                server::log_line("refusing to start: " + id + " is both a budget and a ballot");
                return 1;
            }
            server::log_line("ballot " + id + " v" + std::to_string(edition.ballot->version) + " (" +
                             std::to_string(edition.ballot->projects.size()) + " projects, counted by " +
                             budget::counting_rule_id(edition.ballot->counting) + ")");
        }
        api_config.ballots = &ballots;
        http.ballots = &ballots;
    }

    if (!token_file.empty()) {
        if (!read_file(token_file, api_config.officer_token)) {
            server::log_line("cannot read officer token file " + token_file);
            return 1;
        }
        while (!api_config.officer_token.empty() && std::isspace(static_cast<unsigned char>(api_config.officer_token.back())))
            api_config.officer_token.pop_back();
        if (api_config.officer_token.size() < 16) {
            server::log_line("the officer token must be at least 16 characters");
            return 1;
        }
        server::log_line("warning: --officer-token-file is deprecated: it still works in this release and goes in the next; "
                         "give each script its own token in the console (/console/tokens)");
    }

    std::string error;
    // SQLite serves one server: a second on the same folder would make its own caches and throttles.
    // (budget-tool and the officer and backup commands open the file beside it; they take no lock.)
    std::filesystem::create_directories(data_dir, ec);
    server::DataLock data_lock;
    if (database_url.empty() && !data_lock.take(data_dir, error)) {
        server::log_line("refusing to start: " + error);
        return 1;
    }
    // Its writer and readers; the console's store and the listener hold one more each.
    auto storage = storage::open_storage(data_dir, database_url, error, max_db_connections - 2);
    if (!storage) {
        server::log_line(error);
        return 1;
    }
    server::log_line(database_url.empty() ? "storage: SQLite in " + data_dir : "storage: PostgreSQL");
    api_config.export_dir = data_dir;
    if (http.site_dir.empty()) server::log_line("no --site given: only the API and /budgets/ are served");

    // The officer console: its tables sit beside the submissions.
    if (!server::console::start_crypto()) {
        server::log_line("libsodium could not start");
        return 1;
    }
    // One secret, kept across restarts: console forms and projector links outlive the process.
    server::ServerSecret secret;
    if (!secret.load(data_dir, secret_file, error)) {
        server::log_line("refusing to start: " + error);
        return 1;
    }
    server::console::set_console_key(secret.derive("consolek"));
    const server::FacilitatorKeys facilitator_keys(secret.derive("tallykey"));
    api_config.facilitator_keys = &facilitator_keys;
    auto officers = storage::OfficerStore::open(data_dir, database_url, error);
    if (!officers) {
        server::log_line(error);
        return 1;
    }
    server::console::Templates templates;
    if (!templates.load(error)) {
        server::log_line("console templates: " + error);
        return 1;
    }
    api_config.officers = officers.get();
    server::ErasedSubmissions erased(secret.derive("erasedid"));
    if (!erased.load(*officers, error)) {
        server::log_line("erased responses: " + error);
        return 1;
    }
    api_config.erased = &erased;
    const server::Key duplicate_key = secret.derive("duplicat");
    api_config.duplicate_key = &duplicate_key;
    // Versions published in the console: the newest of file and database is each budget's current one;
    // profiles published there replace their files', and the budgets that name them carry their digest.
    if (!server::adopt_published_versions(registry, profiles, nullptr, *officers, error)) {
        server::log_line("published versions: " + error);
        return 1;
    }
    server::ConsultationWindows windows;
    if (!windows.load(*registry.get(), officers.get(), error)) {
        server::log_line("consultation dates: " + error);
        return 1;
    }
    api_config.windows = &windows;
    server::ResultsThresholds thresholds;
    if (!thresholds.load(officers.get(), error)) {
        server::log_line("results thresholds: " + error);
        return 1;
    }
    api_config.thresholds = &thresholds;
    // Metrics: counted always (cheaply), served only when --metrics-port is given.
    const storage::SharedChanges* shared_seen = nullptr;  // set once listening starts
    server::Metrics metrics([&storage, &shared_seen, &database_url, max_db_connections] {
        const storage::StorageStats s = storage->stats();
        server::Metrics::Gauges g;
        g.streams_open = server::open_streams();
        g.db_connections_in_use = static_cast<std::int64_t>(s.connections_in_use);
        g.db_connections_max = database_url.empty() ? 0 : static_cast<std::int64_t>(max_db_connections);
        g.watermark_lag = s.watermark_lag;
        g.batches_retried = s.retried_batches;
        if (shared_seen) {
            g.listen_notifications = shared_seen->notifications();
            g.listen_reconnects = shared_seen->reconnects();
        }
        return g;
    });
    storage->on_batch([&metrics](std::size_t n) { metrics.batch(n); });
    api_config.on_stored = [&metrics](const char* outcome) { metrics.submission(outcome); };
    http.observe = [&metrics](std::string_view path, int status, double seconds) { metrics.request(path, status, seconds); };
    server::Api api(std::move(api_config), *storage);
    server::console::Console console({&registry, trust_proxy, data_dir, &windows, http.site_dir, api.ballots(), &facilitator_keys, public_url,
                                      [&api](const std::string& id) { api.ballot_changed(id); }, &thresholds, &profiles, &reports,
                                      [&registry](const std::string& profile) { registry.repack_naming(profile); }, &erased},
                                     *storage, *officers, templates);
    http.console = [&console](server::Request r, std::function<void(server::Response)> done) { console.handle(std::move(r), std::move(done)); };
    http.console_admit = [&console](server::Request head, std::function<void(std::optional<server::Response>)> done) {
        console.admit(std::move(head), std::move(done));
    };
    http.console_drain = [&console] { console.stop(); };
    reports.set_ratings_source([&api](const std::string& id) { return api.results().ratings(id); });
    http.report = [&reports](const server::Request& r) { return reports.handle(r); };

    // Several servers on one PostgreSQL: what another changes reaches this one (shared_changes.h).
    storage::SharedChanges::Handlers on_change;
    on_change.rows = [&api](const std::string& id) { api.rows_committed(id); };
    on_change.reconnected = [&api, &officers] {
        officers->erasures_changed_elsewhere();  // results count every row again
        api.rows_committed("", true);
    };
    const auto logged = [](const char* what, bool ok, const std::string& why) {
        if (!ok) server::log_line(std::string("a change made on another server (") + what + ") was not read: " + why);
    };
    on_change.topics[storage::topic::kModeration] = [&officers] { officers->moderation_changed_elsewhere(); };
    on_change.topics[storage::topic::kErasures] = [&officers, &erased, logged] {
        std::string why;
        logged("erasures", erased.load(*officers, why), why);
        officers->erasures_changed_elsewhere();
    };
    on_change.topics[storage::topic::kDates] = [&windows, logged] {
        std::string why;
        logged("dates", windows.reload(why), why);
    };
    on_change.topics[storage::topic::kThresholds] = [&thresholds, &officers, logged] {
        std::string why;
        logged("thresholds", thresholds.load(officers.get(), why), why);
    };
    on_change.topics[storage::topic::kVersions] = [&registry, &profiles, &windows, &officers, logged] {
        std::string why;
        logged("published versions", server::adopt_published_versions(registry, profiles, &windows, *officers, why), why);
    };
    on_change.topics[storage::topic::kSchedules] = [&console] { console.schedules_changed_elsewhere(); };
    storage::SharedChanges shared(database_url, std::move(on_change));
    shared.start();
    shared_seen = &shared;
    server::MetricsListener metrics_listener(metrics, metrics_port);
    if (metrics_port != 0) {
        if (!metrics_listener.start(error)) {
            server::log_line("refusing to start: " + error);
            return 1;
        }
        server::log_line("metrics on http://127.0.0.1:" + std::to_string(metrics_port) + "/metrics");
    }
    const int code = server::run_http_server(http, api, *storage);
    metrics_listener.stop();
    shared.stop();
    console.stop();
    return code;
}
