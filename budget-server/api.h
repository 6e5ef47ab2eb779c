// The HTTP API as plain functions of a request: routing, validation with the core, storage,
// officer exports. No sockets here (see http_server.h), so it can be fuzzed and tested directly.
#pragma once
#include <array>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "aggregation.h"
#include "ballot_results.h"
#include "work_queue.h"
#include "event_hub.h"
#include "facilitator_keys.h"
#include "budget.h"
#include "budget_registry.h"
#include "consultation_windows.h"
#include "erased_submissions.h"
#include "rate_limiter.h"
#include "results_cache.h"
#include "exports.h"
#include "officer_store.h"
#include "storage.h"
#include "submission.h"

namespace server {

struct Request {
    std::string method;
    std::string target;  // path and query
    std::string content_type;
    std::string authorization;
    std::string body;
    std::string client_address;  // used only to key the rate limiter's hash; never stored or logged
    // For the console: its cookie, where a form came from, and how the client reached us.
    std::string cookie, origin, sec_fetch_site, host, forwarded_proto;
    std::string queued_at;  // Budget-Queued-At: when the resident's device queued a submission (UTC)
};

struct Response {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    std::string file;  // when set, the body is this file (a temporary export, removed after sending)
    std::vector<std::pair<std::string, std::string>> headers;
};

struct ApiConfig {
    BudgetRegistry* budgets = nullptr;              // every version of every budget; never null
    std::string officer_token;                       // empty: officer routes refuse everyone
    std::string export_dir;                          // where temporary export files are written
    storage::OfficerStore* officers = nullptr;                // moderation flags for the workbook
    const ConsultationWindows* windows = nullptr;    // when each consultation takes responses (null: always)
    const ResultsThresholds* thresholds = nullptr;   // responses each budget's public results wait for (null: the minimum)
    const ErasedSubmissions* erased = nullptr;       // responses erased at residents' requests (null: none)
    const std::array<unsigned char, 32>* duplicate_key = nullptr;  // keys the hash flagging likely duplicates (null: none kept)
    const BallotSet* ballots = nullptr;              // participatory-budgeting ballots (null: none)
    const FacilitatorKeys* facilitator_keys = nullptr;  // let a tally follow private results (null: never)
    std::string public_url;                          // where residents reach the site (for join links); "": the Host
    double submissions_per_minute = 120;             // per client address (a venue may share one)
    double submission_burst = 60;
    // Votes on a ballot that needs voter codes: a venue's phones share one address, and one vote a
    // code holds anyway, so the limit per address is this instead (50 a second, bursts of 600).
    double coded_votes_per_minute = 3000;
    double coded_vote_burst = 600;
    double officer_failures_per_minute = 10;         // wrong tokens allowed per address before 429
    // Told what storage did with each submission: "stored", "resent", "refused" or "unavailable" (metrics).
    std::function<void(const char* outcome)> on_stored;
};

class Api {
public:
    Api(ApiConfig config, storage::Storage& storage);
    ~Api();
    Api(const Api&) = delete;
    Api& operator=(const Api&) = delete;

    // Completes `done` exactly once, possibly on another thread (storage, exports).
    void handle(Request request, std::function<void(Response)> done);

    BudgetRegistry& budgets() const { return *config_.budgets; }
    const BallotSet* ballots() const { return config_.ballots; }
    // Votes for this ballot were stored elsewhere (paper ballots in the console): count it again.
    void ballot_changed(const std::string& ballot_id) { recount(ballot_id); }
    // Rows were committed for `id` ("": any) by this or another server: results and tallies look again.
    // `from_scratch`: count everything again (the database connection came back).
    void rows_committed(const std::string& id, bool from_scratch = false);
    // Requests still being worked on (used to drain on shutdown).
    int in_flight() const { return in_flight_; }
    // Live results for GET /api/v1/budgets/ID/events: 0 when `id` may be followed (its first event is
    // on its way), else the HTTP status to refuse with, and the error's code and message. Results the
    // council keeps private need a facilitator `key` (from the console) for this consultation.
    int open_events(const std::string& id, const std::string& key, std::string& code, std::string& message);
    EventHub& events() { return events_; }
    const ResultsCache& results() const { return results_; }

private:
    // A consultation as GET /api/v1/budgets lists it (and GET /api/v1/budgets/ID gives it alone).
    nlohmann::json budget_listing(const std::string& id, const BudgetEdition& edition, std::int64_t now) const;
    nlohmann::json ballot_listing(const std::string& id, const BallotEdition& edition, std::int64_t now) const;
    void submit(Request& request, const BudgetSet& set, std::function<void(Response)> done);
    void store(const budget::Budget& b, budget::SubmissionCheck check, const std::string& client_address, std::function<void(Response)> done);
    void insert(storage::NewSubmission row, std::function<void(Response)> done);
    bool in_time(const budget::Budget& b, const Request& request, std::function<void(Response)>& done);
    Response results(const budget::Budget& b);
    void submit_vote(const budget::Ballot& ballot, budget::BallotSubmissionCheck check, const Request& request,
                     std::function<void(Response)> done);
    // The count as JSON, or (pabulib_area set; "" for a ballot without areas) the votes as a pabulib file.
    void ballot_results(const budget::Ballot& ballot, std::optional<std::string> pabulib_area, std::function<void(Response)> done);
    // `token`: a per-officer token to check first ("": the shared token already checked).
    // An export of `what` for budget `b` (current in `set`), scoped by the request's query (?version=N,
    // ?since=TIME or a submission id), after the token is checked.
    void officer(std::shared_ptr<const BudgetSet> set, const budget::Budget& b, const std::string& what, const std::string& query,
                 const std::string& token, const std::string& address, std::function<void(Response)> done);
    bool officer_allowed(const Request& request) const;

    ApiConfig config_;
    storage::Storage& storage_;
    RateLimiter limiter_;
    RateLimiter coded_limiter_;  // every submission passes it first; coded votes pass it alone
    RateLimiter officer_failures_;
    ResultsCache results_;
    BallotResults ballot_results_;
    WorkQueue results_work_{1, 256};  // ballot results and pabulib files (ballot_results)
    EventHub events_;
    // Ballots whose tally must be counted again and published (a vote stored, a stream opened).
    void recount(const std::string& ballot_id);
    void run_tallies();
    std::mutex tally_mutex_;
    std::condition_variable tally_wake_;
    std::set<std::string> tally_due_;
    bool tally_stopping_ = false;
    std::thread tally_thread_;
    std::atomic<int> in_flight_{0};
};

// The methods a path answers ("GET, HEAD", ...), or "" when no route has that path.
std::string allowed_methods(const std::string& path);

// An officer's file (export.csv, export.xlsx, aggregate.csv, aggregate.json, submissions.jsonl)
// written to `path`, comments hidden by moderation flagged (`officers` may be null: none hidden).
// With `scope`, the rows it names (exports.h); without, the version `b` is.
bool write_officer_file(storage::Storage& storage, storage::OfficerStore* officers, const budget::Budget& b, const std::string& what,
                        const std::string& path, std::string& error, const storage::ExportScope* scope = nullptr);
std::string export_content_type(const std::string& what);

// The token of an "Authorization: Bearer TOKEN" header (the scheme in any case), or "".
std::string bearer_token(const std::string& authorization);

// {"error": {"code": ..., "message": ...}} with the status.
Response error_response(int status, const std::string& code, const std::string& message);

// The row to store for a valid submission: canonical document (without demographics), compact
// choices, comments, and demographic answers kept apart.
storage::NewSubmission to_stored(const budget::Budget& b, budget::SubmissionCheck check);

}  // namespace server
