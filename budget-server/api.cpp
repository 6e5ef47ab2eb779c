// Routes of the HTTP API.
#include "api.h"
#include "secret_hash.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <thread>

#include <nlohmann/json.hpp>

#include "ballot_submission.h"
#include "choices_codec.h"
#include "json_document.h"
#include "log.h"
#include "qr_svg.h"
#include "submission.h"
#include "submission_reader.h"
#include "submission_rules.h"
#include "utc_time.h"
#include "voter_codes.h"
#include "xlsx_export.h"
#include "console/forms.h"
#include "exports.h"

namespace server {

using nlohmann::json;

Response error_response(int status, const std::string& code, const std::string& message) {
    Response r;
    r.status = status;
    r.body = json{{"error", {{"code", code}, {"message", message}}}}.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
}

namespace {

Response json_response(int status, const json& body) {
    Response r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return r;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

// Splits "/api/v1/budgets/ID/REST" into ID and REST ("/api/v1/budgets/ID": REST is empty).
bool budget_route(const std::string& path, std::string& id, std::string& rest) {
    const std::string prefix = "/api/v1/budgets/";
    if (path.rfind(prefix, 0) != 0) return false;
    const std::string tail = path.substr(prefix.size());
    const auto slash = tail.find('/');
    id = tail.substr(0, slash);
    rest = slash == std::string::npos ? "" : tail.substr(slash + 1);
    return !id.empty() && (slash == std::string::npos || !rest.empty());
}

bool constant_time_equal(const std::string& a, const std::string& b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
    return diff == 0 && !b.empty();
}

json problems_json(const budget::Problems& problems) {
    json list = json::array();
    for (const auto& p : problems)
        list.push_back({{"code", p.code}, {"pointer", p.pointer}, {"line", p.line}, {"column", p.column}, {"message", p.message}});
    return list;
}

}  // namespace

Api::Api(ApiConfig config, storage::Storage& storage)
    : config_(std::move(config)), storage_(storage), limiter_(config_.submissions_per_minute, config_.submission_burst),
      coded_limiter_(std::max(config_.coded_votes_per_minute, config_.submissions_per_minute), std::max(config_.coded_vote_burst, config_.submission_burst)),
      officer_failures_(config_.officer_failures_per_minute, config_.officer_failures_per_minute),
      results_(*config_.budgets, storage_, config_.officers, config_.thresholds),
      ballot_results_(storage_) {
    results_.on_update([this](const std::string& id, std::int64_t last_row, const std::shared_ptr<const std::string>& body) {
        events_.publish(id, last_row, *body);
    });
    tally_thread_ = std::thread([this] { run_tallies(); });
}

Api::~Api() {
    {
        std::lock_guard<std::mutex> lock(tally_mutex_);
        tally_stopping_ = true;
    }
    tally_wake_.notify_all();
    if (tally_thread_.joinable()) tally_thread_.join();
    results_.stop();  // its listener publishes to events_
}

void Api::rows_committed(const std::string& id, bool from_scratch) {
    if (from_scratch) ballot_results_.forget();
    results_.poke();
    if (!config_.ballots) return;
    if (!id.empty()) {
        if (config_.ballots->find(id)) recount(id);
        return;
    }
    {
        std::lock_guard<std::mutex> lock(tally_mutex_);
        for (const auto& [ballot_id, edition] : config_.ballots->by_id) tally_due_.insert(ballot_id);
    }
    tally_wake_.notify_all();
}

void Api::recount(const std::string& ballot_id) {
    {
        std::lock_guard<std::mutex> lock(tally_mutex_);
        tally_due_.insert(ballot_id);
    }
    tally_wake_.notify_all();
}

// Counts each ballot that is due, as often as votes arrive (a burst is counted once).
void Api::run_tallies() {
    std::unique_lock<std::mutex> lock(tally_mutex_);
    while (!tally_stopping_) {
        tally_wake_.wait(lock, [this] { return tally_stopping_ || !tally_due_.empty(); });
        std::set<std::string> due;
        due.swap(tally_due_);
        lock.unlock();
        for (const auto& id : due) {
            const BallotEdition* ballot = config_.ballots ? config_.ballots->find(id) : nullptr;
            if (!ballot) continue;
            std::string error;
            std::int64_t last_row = 0;
            if (const auto body = ballot_results_.count(*ballot->ballot, error, &last_row)) events_.publish(id, last_row, *body);
            else log_line("tally of " + id + ": " + error);
        }
        lock.lock();
    }
}

int Api::open_events(const std::string& id, const std::string& key, std::string& code, std::string& message) {
    const auto set = config_.budgets->get();
    const bool facilitator = !key.empty() && config_.facilitator_keys && config_.facilitator_keys->valid(id, key, std::time(nullptr));
    if (!key.empty() && !facilitator) {
        code = "events.bad_key";
        message = "this facilitator link has expired or is not for this consultation: open the tally from the console again";
        return 403;
    }
    if (const BudgetEdition* e = set->find(id)) {
        if (!e->budget->results_public && !facilitator) {
            code = "results.not_public";
            message = "the council has not made results for this budget public";
            return 403;
        }
        results_.poke();
        return 0;
    }
    if (const BallotEdition* b = config_.ballots ? config_.ballots->find(id) : nullptr) {
        if (!b->ballot->results_public && !facilitator) {
            code = "results.not_public";
            message = "the council has not made results for this ballot public";
            return 403;
        }
        recount(id);
        return 0;
    }
    code = "budget.unknown";
    message = "no budget or ballot with id \"" + id + "\"";
    return 404;
}

// "Bearer TOKEN", the scheme in any case (RFC 7235), one or more spaces before the token.
std::string bearer_token(const std::string& authorization) {
    if (authorization.size() < 7 || lower(authorization.substr(0, 6)) != "bearer" || authorization[6] != ' ') return "";
    const auto token = authorization.find_first_not_of(' ', 6);
    return token == std::string::npos ? "" : authorization.substr(token);
}

bool Api::officer_allowed(const Request& request) const {
    const std::string token = bearer_token(request.authorization);
    return !config_.officer_token.empty() && !token.empty() && constant_time_equal(token, config_.officer_token);
}

namespace {

constexpr const char* kTokenMissing =
    "this export needs an officer's API token: send it as Authorization: Bearer TOKEN (an administrator makes one in the console, under API tokens)";
constexpr const char* kTokenWrong = "this API token is not valid: it may be mistyped, or revoked";

std::string query_of(const std::string& target) {
    const auto q = target.find('?');
    return q == std::string::npos ? std::string() : target.substr(q + 1);
}

// Milliseconds since 1970 of an RFC 3339 time ("2026-12-07T09:00:00Z", "...00.5+01:00"), or nullopt.
std::optional<std::int64_t> rfc3339_ms(std::string text) {
    std::int64_t offset_minutes = 0;
    const std::size_t n = text.size();
    if (n > 6 && (text[n - 6] == '+' || text[n - 6] == '-') && text[n - 3] == ':') {
        const std::string hh = text.substr(n - 5, 2), mm = text.substr(n - 2, 2);
        const auto digit2 = [](const std::string& d) { return d.size() == 2 && d[0] >= '0' && d[0] <= '9' && d[1] >= '0' && d[1] <= '9'; };
        if (!digit2(hh) || !digit2(mm)) return std::nullopt;
        offset_minutes = (text[n - 6] == '-' ? -1 : 1) * (std::stoi(hh) * 60 + std::stoi(mm));
        text = text.substr(0, n - 6) + "Z";
    }
    const auto seconds = budget::parse_utc(text);
    if (!seconds) return std::nullopt;
    std::int64_t ms = 0;
    if (const auto dot = text.find('.'); dot != std::string::npos)
        for (std::size_t i = dot + 1, scale = 100; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i, scale /= 10)
            ms += (text[i] - '0') * static_cast<std::int64_t>(scale);
    return *seconds * 1000 + ms - offset_minutes * 60000;
}

// The newest row an export ?since=VALUE leaves out: every row received at or before that time, or up
// to and including the submission with that id. nullopt when it is neither (or storage failed: `error`).
std::optional<std::int64_t> rows_before(storage::Storage& storage, const std::string& budget_id, const std::string& value, std::string& error) {
    const auto since = rfc3339_ms(value);
    std::optional<std::int64_t> last;
    std::int64_t newest_before = 0;
    const bool ok = storage.scan(budget_id, false, [&](const storage::StoredRow& row) {
        if (since) {
            const auto at = rfc3339_ms(row.received_at);
            if (at && *at <= *since) newest_before = row.id;
        } else if (row.submission_id == value) {
            last = row.id;
        }
    }, error);
    if (!ok) return std::nullopt;
    if (since) return newest_before;
    return last;
}


// The rows an export holds, from its query: ?version=N (one of the budget's versions) and ?since=
// (an RFC 3339 time, or the id of a stored submission). Anything else is refused, naming it.
std::optional<storage::ExportScope> export_scope(const BudgetSet& set, const budget::Budget& current, const std::string& what, const std::string& query,
                                                 storage::Storage& storage, const budget::Budget*& chosen, Response& refusal) {
    storage::ExportScope scope;
    chosen = &current;
    const auto versions = set.versions.find(current.id);
    if (versions != set.versions.end())
        for (const auto& [number, edition] : versions->second) scope.versions.push_back(edition.budget.get());
    if (scope.versions.empty()) scope.versions.push_back(&current);
    const auto pairs = console::parse_form(query);
    if (!pairs) {
        refusal = error_response(400, "export.bad_query", "the query string could not be read");
        return std::nullopt;
    }
    for (const auto& [name, value] : *pairs) {
        if (name == "version") {
            const bool digits = !value.empty() && value.size() <= 18 && std::all_of(value.begin(), value.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
            const budget::Budget* found = nullptr;
            for (const budget::Budget* each : scope.versions)
                if (digits && each->version == std::stoll(value)) found = each;
            if (!found) {
                std::string known;
                for (const budget::Budget* each : scope.versions) known += (known.empty() ? "" : ", ") + std::to_string(each->version);
                refusal = error_response(400, "export.unknown_version",
                                         "budget \"" + current.id + "\" has no version \"" + value + "\"; its versions are " + known);
                return std::nullopt;
            }
            scope.version = found->version;
            chosen = found;
        } else if (name == "since") {
            std::string error;
            const auto after = rows_before(storage, current.id, value, error);
            if (!after) {
                refusal = error.empty() ? error_response(400, "export.bad_since",
                                                         "since is neither a time such as 2026-12-07T09:00:00Z nor the id of a stored response")
                                        : error_response(503, "storage.unavailable", "the export could not be made just now");
                return std::nullopt;
            }
            scope.after_row = *after;
        } else if (name == "headers" && what == "export.csv") {
            if (value != "names" && value != "ids") {
                refusal = error_response(400, "export.bad_headers", "headers is names or ids");
                return std::nullopt;
            }
            scope.header_names = value == "names";
        } else {
            refusal = error_response(400, "export.unknown_parameter",
                                     "\"" + name + "\" is not a parameter of this export; it takes version and since" +
                                         (what == "export.csv" ? " (and headers)" : ""));
            return std::nullopt;
        }
    }
    return scope;
}

}  // namespace

std::string allowed_methods(const std::string& path) {
    if (path == "/api/v1/submissions") return "POST, OPTIONS";
    if (path == "/api/v1/health" || path == "/api/v1/budgets") return "GET, HEAD, OPTIONS";
    std::string id, rest;
    if (budget_route(path, id, rest) &&
        (rest.empty() || rest == "results" || rest == "results.pb" || rest == "export.csv" || rest == "export.xlsx" || rest == "aggregate.csv" ||
         rest == "aggregate.json" || rest == "submissions.jsonl"))
        return "GET, HEAD, OPTIONS";
    if (budget_route(path, id, rest) && rest == "events") return "GET, OPTIONS";
    if (budget_route(path, id, rest) && rest == "join.svg") return "GET, HEAD, OPTIONS";  // a stream: answered by the HTTP layer
    return "";
}

void Api::handle(Request request, std::function<void(Response)> done) {
    ++in_flight_;
    auto finish = [this, done = std::move(done)](Response r) {
        r.headers.emplace_back("Cache-Control", "no-store");
        done(std::move(r));
        --in_flight_;
    };
    const std::string path = request.target.substr(0, request.target.find('?'));
    const std::string allow = allowed_methods(path);
    if (allow.empty()) return finish(error_response(404, "http.not_found", "no such route"));
    if (request.method == "OPTIONS") {
        Response r;
        r.status = 204;
        r.content_type.clear();
        r.headers = {{"Allow", allow},
                     {"Access-Control-Allow-Methods", allow},
                     {"Access-Control-Allow-Headers", "Content-Type, Budget-Queued-At"},
                     {"Access-Control-Max-Age", "86400"}};
        return finish(std::move(r));
    }
    // HEAD reaches here as GET (the HTTP layer drops the body).
    const bool method_ok = allow.find(request.method + ",") == 0 || allow.find(" " + request.method + ",") != std::string::npos;
    if (!method_ok) {
        Response r = error_response(405, "http.method_not_allowed", "this route answers " + allow);
        r.headers.emplace_back("Allow", allow);
        return finish(std::move(r));
    }
    // This request's view of the budgets: kept until it is answered, whatever is published meanwhile.
    const std::shared_ptr<const BudgetSet> set = config_.budgets->get();
    if (path == "/api/v1/submissions") return submit(request, *set, [set, finish = std::move(finish)](Response r) { finish(std::move(r)); });
    if (path == "/api/v1/health") {
        std::string why;
        const bool ok = storage_.healthy(why);
        return finish(json_response(ok ? 200 : 503, {{"status", ok ? "ok" : "unavailable"},
                                                     {"storage", ok ? "ok" : "unavailable"},
                                                     {"budgets", set->current.size()}}));
    }
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    if (path == "/api/v1/budgets") {
        json list = json::array();
        for (const auto& [id, edition] : set->current) list.push_back(budget_listing(id, edition, now));
        if (config_.ballots)
            for (const auto& [id, edition] : config_.ballots->by_id) list.push_back(ballot_listing(id, edition, now));
        return finish(json_response(200, {{"budgets", list}}));
    }
    std::string id, rest;
    budget_route(path, id, rest);
    const BudgetEdition* edition = set->find(id);
    if (rest.empty()) {  // one consultation's entry of the list above (what the app asks at start)
        if (edition) return finish(json_response(200, budget_listing(id, *edition, now)));
        if (const BallotEdition* ballot = config_.ballots ? config_.ballots->find(id) : nullptr)
            return finish(json_response(200, ballot_listing(id, *ballot, now)));
        return finish(error_response(404, "budget.unknown", "no budget or ballot with id \"" + id + "\""));
    }
    if (rest == "join.svg") {  // the join link as a QR code, for a projector's tally or a printed slip
        const BallotEdition* ballot = config_.ballots ? config_.ballots->find(id) : nullptr;
        if (!edition && !ballot) return finish(error_response(404, "budget.unknown", "no budget or ballot with id \"" + id + "\""));
        const std::string link = join_link(config_.public_url, request.host, id);
        const std::string title = ballot ? ballot->ballot->title.en : edition->budget->council_name.en;
        const auto svg = link.empty() ? std::nullopt : qr_svg(link, "QR code: " + link + " (" + title + ")");
        if (!svg) return finish(error_response(400, "qr.no_link", "the join link is not known: start the server with --public-url"));
        Response r;
        r.content_type = "image/svg+xml";
        r.body = *svg;
        r.headers.emplace_back("X-Join-Link", link);
        return finish(std::move(r));
    }
    if (!edition && config_.ballots) {
        if (const BallotEdition* ballot = config_.ballots->find(id)) {
            if (rest != "results" && rest != "results.pb") return finish(error_response(404, "http.not_found", "no such route"));
            if (!ballot->ballot->results_public)
                return finish(error_response(403, "results.not_public", "the council has not made results for this ballot public"));
            // results.pb?area=ID: a ballot with areas is one pabulib file per area.
            std::string area;
            if (const auto q = request.target.find("?area="); q != std::string::npos) area = request.target.substr(q + 6);
            if (rest == "results.pb" && !ballot->ballot->areas.empty() && !ballot->ballot->find_area(area))
                return finish(error_response(404, "ballot.unknown_area", "name one of the ballot's areas: results.pb?area=ID"));
            return ballot_results(*ballot->ballot, rest == "results.pb" ? std::optional<std::string>(area) : std::nullopt,
                                  [b = ballot->ballot, finish = std::move(finish)](Response r) { finish(std::move(r)); });
        }
    }
    if (!edition) return finish(error_response(404, "budget.unknown", "no budget with id \"" + id + "\""));
    const budget::Budget& b = *edition->budget;
    if (rest == "results") {
        if (!b.results_public)
            return finish(error_response(403, "results.not_public", "the council has not made results for this budget public"));
        return finish(results(b));
    }
    if (rest == "export.csv" || rest == "export.xlsx" || rest == "aggregate.csv" || rest == "aggregate.json" ||
        rest == "submissions.jsonl") {
        // Guessing is throttled: an address with too many wrong tokens a minute is refused before
        // its token is even compared.
        if (!officer_failures_.would_allow(request.client_address)) {
            Response r = error_response(429, "auth.throttled", "too many failed attempts from this address; try again in a minute");
            r.headers.emplace_back("Retry-After", "60");
            return finish(std::move(r));
        }
        // A per-officer token (bst_...) is checked against the database on the export's thread.
        if (const std::string token = bearer_token(request.authorization); token.rfind("bst_", 0) == 0 && config_.officers)
            return officer(set, b, rest, query_of(request.target), token, request.client_address, [finish = std::move(finish)](Response r) { finish(std::move(r)); });
        if (!officer_allowed(request)) {
            if (!request.authorization.empty()) officer_failures_.allow(request.client_address);
            Response r = !config_.officers && config_.officer_token.empty()
                             ? error_response(401, "auth.not_configured", "officer access is not configured on this server")
                         : bearer_token(request.authorization).empty()
                             ? error_response(401, "auth.required", kTokenMissing)
                             : error_response(401, "auth.bad_token", kTokenWrong);
            r.headers.emplace_back("WWW-Authenticate", "Bearer");
            return finish(std::move(r));
        }
        return officer(set, b, rest, query_of(request.target), "", request.client_address, [finish = std::move(finish)](Response r) { finish(std::move(r)); });
    }
    return finish(error_response(404, "http.not_found", "no such route"));
}

json Api::budget_listing(const std::string& id, const BudgetEdition& edition, std::int64_t now) const {
    const budget::Budget& b = *edition.budget;
    json item = {{"id", id}, {"kind", "budget"}, {"version", b.version}, {"council", b.council_name.en},
                 {"council_cy", b.council_name.in("cy")}, {"financial_year", b.financial_year},
                 {"results_public", b.results_public}, {"comments_public", b.results_public && b.comments_public},
                 {"comments_checked_first", b.results_public && b.comments_public && b.comment_moderation == budget::CommentModeration::BeforePublishing},
                 {"opens_at", nullptr}, {"closes_at", nullptr}, {"state", "open"}};
    if (!b.profile.empty()) item["profile"] = b.profile;  // its annual report is /report/PROFILE
    if (config_.windows) {
        const ConsultationWindow w = config_.windows->get(id);
        if (w.opens_at) item["opens_at"] = budget::format_utc(*w.opens_at);
        if (w.closes_at) item["closes_at"] = budget::format_utc(*w.closes_at);
        item["state"] = state_id(config_.windows->state(id, now));
    }
    return item;
}

json Api::ballot_listing(const std::string& id, const BallotEdition& edition, std::int64_t now) const {
    const budget::Ballot& b = *edition.ballot;
    json item = {{"id", id}, {"kind", "ballot"}, {"version", b.version}, {"title", b.title.en},
                 {"title_cy", b.title.in("cy")}, {"council", b.council.en}, {"results_public", b.results_public},
                 {"counting", budget::counting_rule_id(b.counting)}, {"opens_at", nullptr}, {"closes_at", nullptr}};
    if (b.opens_at) item["opens_at"] = budget::format_utc(*b.opens_at);
    if (b.closes_at) item["closes_at"] = budget::format_utc(*b.closes_at);
    item["state"] = b.opens_at && now < *b.opens_at ? "not_open" : b.closes_at && now >= *b.closes_at ? "closed" : "open";
    return item;
}

void Api::submit(Request& request, const BudgetSet& set, std::function<void(Response)> done) {
    const auto refuse = [&done] {
        Response r = error_response(429, "rate.limited", "too many submissions from this address; please try again shortly");
        r.headers.emplace_back("Retry-After", "30");
        done(std::move(r));
    };
    // The venue's limit first, before any work; the usual limit once the body says it is not a
    // vote on a ballot with voter codes (whose one vote a code holds however many share an address).
    if (!coded_limiter_.allow(request.client_address)) return refuse();
    const std::string type = lower(request.content_type);
    if (type != "application/json" && type.rfind("application/json;", 0) != 0)
        return done(error_response(415, "http.unsupported_media_type", "send the submission as application/json"));
    if (request.body.size() > budget::submission_limits().max_bytes)
        return done(error_response(413, "http.too_large", "a submission is at most 64 KiB"));

    // The core decides which consultation and version the body answers, and whether it holds.
    budget::Intake in = budget::take_in(std::move(request.body), set.published, config_.ballots ? &config_.ballots->published : nullptr);
    switch (in.kind) {
        case budget::IntakeKind::Malformed:
            return done(json_response(400, {{"error", {{"code", in.problems.front().code}, {"message", "malformed JSON"},
                                                       {"problems", problems_json(in.problems)}}}}));
        case budget::IntakeKind::UnknownBallot:
            return done(error_response(422, "submission.unknown_ballot", "the vote does not name a ballot this server holds"));
        case budget::IntakeKind::UnknownBudget:
            return done(error_response(422, "submission.unknown_budget", "the submission does not name a budget this server holds"));
        case budget::IntakeKind::BallotVote:
            if (!in.ballot->codes_required && !limiter_.allow(request.client_address)) return refuse();
            return submit_vote(*in.ballot, std::move(in.vote), request, std::move(done));
        case budget::IntakeKind::BudgetSubmission:
            break;
    }
    if (!limiter_.allow(request.client_address)) return refuse();
    if (!in_time(*in.budget, request, done)) return;
    if (!in.submission.ok)
        return done(json_response(422, {{"error", {{"code", in.submission.problems.front().code},
                                                   {"message", "the submission is not valid for this budget"},
                                                   {"problems", problems_json(in.submission.problems)}}}}));
    store(*in.budget, std::move(in.submission), request.client_address, std::move(done));
}

// Outside its consultation's window a submission is refused with 403 (done is called); true: go on.
bool Api::in_time(const budget::Budget& b, const Request& request, std::function<void(Response)>& done) {
    if (!config_.windows) return true;
    std::string code, message;
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    if (config_.windows->accepts(b.id, now, budget::parse_utc(request.queued_at), code, message)) return true;
    const ConsultationWindow w = config_.windows->get(b.id);
    json body = {{"error", {{"code", code}, {"message", message}}}};
    if (w.opens_at) body["error"]["opens_at"] = budget::format_utc(*w.opens_at);
    if (w.closes_at) body["error"]["closes_at"] = budget::format_utc(*w.closes_at);
    done(json_response(403, body));
    return false;
}

storage::NewSubmission to_stored(const budget::Budget& b, budget::SubmissionCheck check) {
    storage::NewSubmission row;
    row.budget_id = b.id;
    row.budget_version = b.version;
    row.submission_id = check.submission.submission_id;
    row.has_comments = !check.submission.overall_comment.empty() || !check.submission.service_comments.empty();
    row.balanced = check.outcome.balanced;
    if (!check.submission.overall_comment.empty()) row.comments.emplace_back("overall", check.submission.overall_comment);
    for (const auto& [svc, text] : check.submission.service_comments) row.comments.emplace_back(b.services[svc].id, text);
    row.choices = budget::encode_choices(b, check.submission.choices);
    row.ratings = budget::ratings_to_codes(b, check.submission.ratings);
    for (const auto& [q, o] : check.submission.demographics)
        row.demographics.emplace_back(b.demographics[q].id, b.demographics[q].options[o].first);
    check.submission.demographics.clear();  // stored apart from the choices
    row.document = budget::submission_to_json(b, check.submission);
    return row;
}

namespace {
// The same sender, budget version, choices and comments give the same key; the address is never kept.
std::string duplicate_key(const storage::NewSubmission& row, const std::string& client_address, const std::array<unsigned char, 32>& key) {
    std::string text = row.budget_id + '\0' + std::to_string(row.budget_version) + '\0' + client_address + '\0' + row.choices;
    for (const auto& [about, comment] : row.comments) text += '\0' + about + '\0' + comment;
    return keyed_hash(text, key.data(), key.size()).substr(0, 32);
}
}  // namespace

void Api::store(const budget::Budget& b, budget::SubmissionCheck check, const std::string& client_address, std::function<void(Response)> done) {
    // An erased response resent (a device's outbox) is never stored again.
    if (config_.erased) switch (config_.erased->state(b.id, check.submission.submission_id)) {
            case ErasedSubmissions::State::ErasedWhole:
                return done(error_response(410, "submission.erased", "this response was erased at the resident's request, so it is not stored again"));
            case ErasedSubmissions::State::CommentsErased:
                return done(json_response(200, {{"submission_id", check.submission.submission_id}, {"status", "already stored"}}));
            case ErasedSubmissions::State::Kept: break;
        }
    const std::string code = check.submission.voter_code;
    storage::NewSubmission row = to_stored(b, std::move(check));
    if (config_.duplicate_key) row.duplicate_key = duplicate_key(row, client_address, *config_.duplicate_key);
    if (b.codes_required) {  // one response a code, as for ballots
        if (code.empty())
            return done(error_response(422, "code.missing", "this consultation needs the voter code printed on your slip"));
        row.code_hash = storage::hash_voter_code(b.id, code);
    }
    insert(std::move(row), std::move(done));
}

void Api::insert(storage::NewSubmission row, std::function<void(Response)> done) {
    const std::string submission_id = row.submission_id;
    const std::string consultation = row.budget_id;
    storage_.insert(std::move(row), [this, done = std::move(done), submission_id, consultation](storage::InsertResult r) {
        if (r.kind == storage::InsertResult::Kind::Inserted) {  // live tallies count it at once
            if (config_.ballots && config_.ballots->find(consultation)) recount(consultation);
            else results_.poke();
        }
        if (config_.on_stored) {
            using Kind = storage::InsertResult::Kind;
            config_.on_stored(r.kind == Kind::Inserted ? "stored" : r.kind == Kind::Duplicate ? "resent"
                              : r.kind == Kind::Unavailable ? "unavailable" : "refused");
        }
        switch (r.kind) {
            case storage::InsertResult::Kind::Inserted:
            case storage::InsertResult::Kind::Duplicate:
                return done(json_response(r.kind == storage::InsertResult::Kind::Inserted ? 201 : 200,
                                          {{"id", r.id}, {"submission_id", submission_id}, {"received_at", r.received_at},
                                           {"status", r.kind == storage::InsertResult::Kind::Inserted ? "stored" : "already stored"}}));
            case storage::InsertResult::Kind::Conflict:
                return done(error_response(409, "submission.id_conflict",
                                           "a different submission with this id is already stored"));
            case storage::InsertResult::Kind::CodeUsed:
                return done(error_response(409, "code.used", "this voter code has already been used"));
            case storage::InsertResult::Kind::CodeUnknown:
                return done(error_response(403, "code.unknown", "this is not a voter code for this consultation: check it against your slip"));
            case storage::InsertResult::Kind::Unavailable: {
                log_line("storage unavailable: " + r.error);  // the reason goes to the log, not to residents
                Response resp = error_response(503, "storage.unavailable",
                                               "the submission could not be stored just now; it is safe to send it again");
                resp.headers.emplace_back("Retry-After", "5");
                return done(std::move(resp));
            }
        }
    });
}

// A vote: within the ballot's dates (or queued on the device within them), valid by the core, then
// stored like any submission (idempotent on its submission_id).
void Api::submit_vote(const budget::Ballot& ballot, budget::BallotSubmissionCheck check, const Request& request,
                      std::function<void(Response)> done) {
    const auto now = static_cast<std::int64_t>(std::time(nullptr));
    const auto queued = budget::parse_utc(request.queued_at);
    const std::int64_t when = queued && *queued <= now ? *queued : now;
    if (ballot.opens_at && when < *ballot.opens_at)
        return done(json_response(403, {{"error", {{"code", "consultation.not_open"}, {"message", "voting has not opened yet"},
                                                   {"opens_at", budget::format_utc(*ballot.opens_at)}}}}));
    if (ballot.closes_at && when >= *ballot.closes_at)
        return done(json_response(403, {{"error", {{"code", "consultation.closed"}, {"message", "voting has closed"},
                                                   {"closes_at", budget::format_utc(*ballot.closes_at)}}}}));
    if (!check.ok)
        return done(json_response(422, {{"error", {{"code", check.problems.front().code},
                                                   {"message", "the vote is not valid for this ballot"},
                                                   {"problems", problems_json(check.problems)}}}}));
    storage::NewSubmission row;
    row.budget_id = ballot.id;
    row.budget_version = ballot.version;
    row.submission_id = check.submission.submission_id;
    row.document = budget::ballot_submission_json(ballot, check.submission);
    row.choices = budget::encode_vote(check.submission.projects);
    if (ballot.codes_required) {  // one vote a code: kept as a hash, checked and used as the vote is stored
        if (check.submission.voter_code.empty())
            return done(error_response(422, "code.missing", "this ballot needs the voter code printed on your slip"));
        row.code_hash = storage::hash_voter_code(ballot.id, check.submission.voter_code);
    }
    insert(std::move(row), std::move(done));
}

// Counting reads storage and may take a moment: done on the results queue (one thread, bounded),
// never a thread per request; a pabulib file is made once per change and shared.
void Api::ballot_results(const budget::Ballot& ballot, std::optional<std::string> pabulib_area, std::function<void(Response)> done) {
    const bool as_pabulib = pabulib_area.has_value();
    auto shared_done = std::make_shared<std::function<void(Response)>>(std::move(done));
    const bool queued = results_work_.post([this, &ballot, as_pabulib, area = pabulib_area.value_or(""), shared_done] {
        std::string error;
        Response r;
        if (as_pabulib) {
            const auto file = ballot_results_.pabulib(ballot, area, error);
            if (file) {
                r.body = *file;
                r.content_type = "text/plain; charset=utf-8";
                r.headers.emplace_back("Content-Disposition",
                                       "attachment; filename=\"" + ballot.id + (area.empty() ? "" : "-" + area) + ".pb\"");
            }
        } else if (const auto body = ballot_results_.count(ballot, error)) {
            r.body = *body;
        }
        if (r.body.empty()) {
            log_line("ballot results for " + ballot.id + ": " + error);
            r = error_response(503, "results.unavailable", "results cannot be counted just now; try again shortly");
            r.headers.emplace_back("Retry-After", "5");
        }
        (*shared_done)(std::move(r));
    });
    if (!queued) {
        Response r = error_response(503, "results.busy", "too many results are being asked for at once; try again shortly");
        r.headers.emplace_back("Retry-After", "5");
        (*shared_done)(std::move(r));
    }
}

Response Api::results(const budget::Budget& b) {
    const auto body = results_.get(b.id);
    if (!body) {  // the first count after start-up is still running
        Response r = error_response(503, "results.loading", "results are being counted; try again in a moment");
        r.headers.emplace_back("Retry-After", "1");
        return r;
    }
    Response r;
    r.body = *body;
    return r;
}

bool write_officer_file(storage::Storage& storage, storage::OfficerStore* officers, const budget::Budget& b, const std::string& what,
                        const std::string& path, std::string& error, const storage::ExportScope* scope) {
    storage::ExportFlags flags;
    if (officers && !storage::load_export_flags(*officers, b.id, flags, error)) return false;
    if (what == "export.xlsx") return storage::write_xlsx(storage, b, flags, path, error);
    if (scope) return storage::write_export(storage, b, what, path, flags, error, *scope);
    return storage::write_export(storage, b, what, path, flags, error);
}

std::string export_content_type(const std::string& what) {
    if (what == "export.xlsx") return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    if (what.size() > 4 && what.compare(what.size() - 4, 4, ".csv") == 0) return "text/csv; charset=utf-8";
    if (what == "submissions.jsonl") return "application/x-ndjson; charset=utf-8";
    return "application/json; charset=utf-8";
}

void Api::officer(std::shared_ptr<const BudgetSet> set, const budget::Budget& b, const std::string& what, const std::string& query,
                  const std::string& token, const std::string& address, std::function<void(Response)> done) {
    // Exports can be large: written to a file on a worker thread, then sent from disk.
    std::thread([this, set = std::move(set), &b, what, query, token, address, done = std::move(done)] {
        std::string who = "(shared token file)", how = "through the API";
        if (!token.empty()) {
            storage::ApiToken found;
            std::string error;
            const storage::StoreStatus s = config_.officers->find_token(session_hash(token), found, error);
            if (s == storage::StoreStatus::Unavailable) return done(error_response(503, "storage.unavailable", "the export could not be made just now"));
            const bool in_scope = std::find(found.budgets.begin(), found.budgets.end(), b.id) != found.budgets.end();
            if (s != storage::StoreStatus::Ok || !in_scope) {
                officer_failures_.allow(address);
                Response r = s == storage::StoreStatus::Ok ? error_response(403, "auth.out_of_scope", "this token is not for budget \"" + b.id + "\"")
                                                  : error_response(401, "auth.bad_token", kTokenWrong);
                if (s != storage::StoreStatus::Ok) r.headers.emplace_back("WWW-Authenticate", "Bearer");
                return done(std::move(r));
            }
            who = found.officer;
            how = "through the API, token " + found.name;
        }
        static std::atomic<unsigned> counter{0};
        const std::string path = config_.export_dir + "/export-" + std::to_string(::getpid()) + "-" +
                                 std::to_string(counter++) + ".tmp";
        Response refusal;
        const budget::Budget* chosen = nullptr;
        const auto scope = export_scope(*set, b, what, query, storage_, chosen, refusal);
        if (!scope) return done(std::move(refusal));
        if (what == "export.xlsx" && scope->after_row != 0)
            return done(error_response(400, "export.unknown_parameter", "\"since\" is not a parameter of export.xlsx; it takes version"));
        std::string error;
        if (!write_officer_file(storage_, config_.officers, *chosen, what, path, error, &*scope)) {
            std::remove(path.c_str());
            log_line("export failed: " + error);
            return done(error_response(503, "storage.unavailable", "the export could not be made just now"));
        }
        if (config_.officers && !config_.officers->audit(who, "export", b.id, what + " " + how, error))
            log_line("audit log not written (export " + b.id + "): " + error);
        Response r;
        r.file = path;
        r.content_type = export_content_type(what);
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + b.id + "-" + what + "\"");
        done(std::move(r));
    }).detach();
}

}  // namespace server
