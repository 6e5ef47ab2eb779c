// The officer console at /console/: sign-in and sessions, the consultations and their results
// dashboards, comment moderation, exports and the audit log. Pages are server-rendered HTML
// (templates.h), work without JavaScript, and run on a small work queue off the I/O threads.
#pragma once
#include <atomic>
#include <climits>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "aggregation.h"
#include "api.h"
#include "auth.h"
#include "budget.h"
#include "consultation_windows.h"
#include "erased_submissions.h"
#include "facilitator_keys.h"
#include "formats/sheets.h"
#include "officer_store.h"
#include "storage.h"
#include "templates.h"
#include "work_queue.h"

namespace server::report {
class ProfileRegistry;
class AnnualReports;
}  // namespace server::report

namespace server::console {

struct ConsoleConfig {
    BudgetRegistry* budgets = nullptr;
    bool trust_proxy = false;  // believe X-Forwarded-Proto (a TLS-terminating proxy in front)
    std::string export_dir;    // where temporary export files are written
    ConsultationWindows* windows = nullptr;
    std::string site_dir;  // the resident app's files, for previews of drafts
    const BallotSet* ballots = nullptr;                 // participatory-budgeting ballots (null: none)
    const FacilitatorKeys* facilitator_keys = nullptr;  // for the live tally of private results
    std::string public_url;  // where residents reach the site, for the links on voter code slips
    std::function<void(const std::string&)> ballot_changed;  // votes were stored: live tallies count again
    ResultsThresholds* thresholds = nullptr;  // responses each budget's public results wait for
    report::ProfileRegistry* profiles = nullptr;           // council profiles (null: none can be authored)
    const report::AnnualReports* reports = nullptr;        // to preview a profile's draft as its report
    std::function<void(const std::string&)> profile_published;  // a profile changed: budgets naming it repack
    ErasedSubmissions* erased = nullptr;  // responses erased at residents' requests (null: erasure is not offered)
};

// Sessions end after this long without a request, and this long after sign-in whatever happens.
constexpr std::int64_t kIdleSeconds = 30 * 60;
constexpr std::int64_t kAbsoluteSeconds = 12 * 60 * 60;
constexpr const char* kSessionCookie = "console_session";
// The console's pages: nothing inline, nothing from elsewhere, never framed.
constexpr const char* kConsoleSecurityPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

class Page;  // console.cpp
struct DocumentReader;  // draft_reading.h

class Console {
public:
    Console(ConsoleConfig config, storage::Storage& storage, storage::OfficerStore& officers, const Templates& templates);
    // Completes `done` exactly once, on a worker thread (or at once with 503 when the queue is full).
    void handle(Request request, std::function<void(Response)> done);
    // Before a POST's body is read: `done(refusal)` when the request would be refused whatever its
    // body (no session, another site's form, a body of the wrong type), `done(nullopt)` to read it.
    // Completes exactly once, on a worker thread (or at once when the queue is full).
    void admit(Request head, std::function<void(std::optional<Response>)> done);
    ~Console();
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;
    void stop();
    // Another server on the database scheduled or cancelled a publish: whichever server's clock
    // reaches it first publishes it (the others find the draft published and leave it).
    void schedules_changed_elsewhere() { note_schedule_changed(); }
    // Publishes every scheduled draft whose time has come (the scheduler thread calls it each second).
    void publish_due(std::int64_t now);
    // Purges each closed consultation's personal data once its retain_days after the close (and the
    // close's grace) have passed (the scheduler thread calls it; it looks once a minute).
    void purge_due(std::int64_t now);

    struct Context;
    // What a results page is drawn from: the aggregate and the responses per day (UTC).
    struct Tally {
        budget::Aggregator agg;                             // this version's responses
        std::map<std::string, std::uint64_t> days;
        std::map<std::int64_t, std::uint64_t> per_version;  // every version's count
    };

private:
    // The route table (console.cpp): who may ask, what a POST may carry, and who answers.
    enum class Who { Anyone, Visitor, Officer };
    enum class Body { Form, FormOrFile, Any };
    struct CodesFor {
        std::string id;
        budget::LocalText title;
        bool required = false;  // the consultation checks them (codes_required)
    };
    struct Match {
        std::string id;                               // the consultation the path names
        const BudgetEdition* edition = nullptr;       // {budget}: the version asked for
        const budget::Budget* budget = nullptr;
        const budget::Ballot* ballot = nullptr;       // {ballot}
        CodesFor codes;                               // {consultation}
        std::string rest;                             // {rest}
    };
    struct Route {
        const char* method;  // "*": any
        const char* path;
        Who who;
        Body body;
        Response (*handler)(Console&, Context&, const Match&);
        bool strict = false;  // another method on this path is 405
    };
    static const std::vector<Route>& routes();
    bool fit(Context& c, std::string_view pattern, std::string_view path, Match& m, std::string& unknown);
    bool resolve(Context& c, std::string_view name, const std::string& id, Match& m, std::string& unknown);
    bool identify(Context& c);
    struct Decision {
        const Route* found = nullptr;
        Match match;
        std::string unknown;               // why a path that names a consultation names none
        std::optional<Response> refusal;   // the answer, when the request is refused before its handler
    };
    Decision decide(Context& c);
    Response route(Context& c);
    Response not_found(Context& c);
    Response stylesheet(Context& c);
    Response brand_css(Context& c, const budget::Budget& b);
    Response choose_language(Context& c);
    Response sign_in_form(Context& c);
    Response sign_in_page(Context& c, int status, const std::string& error, const std::string& notice, const std::string& name);
    Response sign_in(Context& c);
    Response sign_out(Context& c);
    // The consultations overview: every budget and ballot, its state, dates, responses and links;
    // consultations started here but not yet published; and (admins) the form to start one.
    struct StartRetry {
        std::string id, start, kind;  // as typed: start is "template" or "workbook"
        std::string field, message;   // the problem and its field's id
    };
    Response home(Context& c, const StartRetry* retry = nullptr, int status = 200);
    std::string state_words(Context& c, const std::optional<std::int64_t>& opens, const std::optional<std::int64_t>& closes) const;
    std::string dates_words(Context& c, const std::optional<std::int64_t>& opens, const std::optional<std::int64_t>& closes) const;
    // Consultations started in the console (consultations.cpp).
    void fill_start_form(Context& c, ctemplate::TemplateDictionary& d, const StartRetry* retry);
    Response start_consultation(Context& c);
    bool started_here(const std::string& id, storage::StartedConsultation* out);
    bool tally(const budget::Budget& b, Tally& t, std::string& error);
    void fill_figures(Context& c, Page& page, const budget::Budget& b, const Tally& t);
    // What an officer typed in the dates form that could not be saved: shown again, with the problem
    // beside its field (GOV.UK's error summary).
    struct WindowRetry {
        std::string opens_at, closes_at;
        std::string field;  // "opens_at" or "closes_at"
        std::string message;
    };
    Response dashboard(Context& c, const budget::Budget& b, const WindowRetry* retry = nullptr);
    Response report(Context& c, const budget::Budget& b);
    bool fill_breakdown(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b);
    bool fill_across_versions(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b);
    bool fill_group_table(Context& c, ctemplate::TemplateDictionary& parent, const budget::Budget& b, std::size_t question);
    void fill_window(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b, const WindowRetry* retry = nullptr);
    Response change_window(Context& c, const budget::Budget& b);
    void fill_threshold(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b);
    void fill_retention(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b);
    // When a budget takes responses: the officers' dates or the file's (the budget's own without windows).
    ConsultationWindow window_of(const budget::Budget& b) const;
    Response change_threshold(Context& c, const budget::Budget& b);
    Response comments(Context& c, const budget::Budget& b);
    enum class Moderation { Approve, Hide, Show };
    Response moderate(Context& c, const budget::Budget& b, Moderation action);
    std::string comment_summary(Context& c, const budget::Budget& b, const storage::CommentCounts& counts);
    static bool checks_comments_first(const budget::Budget& b);
    // Responses likely sent twice (the same sender, choices and comments within minutes), flagged only.
    Response duplicates(Context& c, const budget::Budget& b);
    Response export_file(Context& c, const budget::Budget& b, const std::string& what);
    Response password_page(Context& c, int status, const std::string& notice, const std::string& problem);
    Response change_password(Context& c);
    Response officers_page(Context& c, int status, const std::string& notice, const std::string& problem);
    Response change_officers(Context& c);
    Response tokens_page(Context& c, int status, const std::string& notice, const std::string& problem, const std::string& token);
    Response change_tokens(Context& c);
    Response audit_page(Context& c);
    std::string audit_words(const Context& c, const std::string& action) const;  // "published a version of"
    // "37 responses in all, to 2 versions: 25 to version 1, 12 to version 2." ("" with one version).
    std::string versions_line(const Context& c, const Tally& t, const budget::Budget& b) const;
    // The live tally for a projector: a facilitator key (so private results show too), then the tally page.
    Response open_tally(Context& c, const std::string& id);
    // Voter codes for a ballot or a budget: how many are made and used, and (admins) a batch made and
    // printed as slips.
    Response codes_page(Context& c, const CodesFor& b, int status, const std::string& problem, const std::string& count,
                        const std::string& batch);
    Response create_codes(Context& c, const CodesFor& b);
    // Paper ballots (paper.cpp): entered one at a time or imported from a file, tagged with their
    // polling station, checked by the ballot's rule, stored beside the online votes and audited.
    Response paper_page(Context& c, const budget::Ballot& b, int status, const std::vector<std::string>& problems,
                        const std::string& notice, const std::string& station);
    Response enter_paper(Context& c, const budget::Ballot& b);
    Response import_papers(Context& c, const budget::Ballot& b);
    // Stores the papers and waits until each is durable: how many were new and how many were already
    // stored (the same form or file sent twice). False when storage failed.
    bool store_papers(std::vector<storage::NewSubmission> papers, std::size_t& stored, std::size_t& already);
    Response audit_csv(Context& c);
    Response unavailable(Context& c);
    // Budget authoring (drafts.cpp): versions, uploads, problems by cell, previews and publishing.
    Response budget_page(Context& c, const std::string& id, int status, const std::string& problem);
    Response started_budget_page(Context& c, const std::string& id, int status, const std::string& problem);
    Response budget_file(Context& c, const budget::Budget& b, const std::string& document, bool workbook, const std::string& name);
    Response upload_draft(Context& c, const std::string& id);
    Response draft_route(Context& c, const std::string& id, const std::string& rest);
    Response draft_page(Context& c, const storage::DocumentDraft& draft, int status, const std::string& problem);
    Response preview_file(Context& c, const storage::DocumentDraft& draft, const std::string& file);
    // Publishing safely (publishing.cpp): what changes, confirmed; now or at a time; and rollback.
    Response publish_draft(Context& c, const storage::DocumentDraft& draft);
    struct PublishRetry {
        std::string publish_at;  // as typed
        bool later = false;
        std::string message;
    };
    Response publish_confirm(Context& c, const storage::DocumentDraft& draft, int status, const PublishRetry* retry);
    enum class PublishOutcome { Published, Refused, Conflict, Unavailable };
    // The draft as the budget's next version, stored and live; `version` is set to its number.
    PublishOutcome publish_version(const storage::DocumentDraft& draft, const std::string& officer, std::int64_t& version);
    void fill_schedule(Context& c, ctemplate::TemplateDictionary& d, const std::string& id);
    Response cancel_schedule(Context& c, const std::string& id);
    Response roll_back(Context& c, const std::string& id);
    // Erasure at a resident's request (erasure.cpp): a response found by its reference, then deleted
    // whole or only its comments and personal answers; audited without its content.
    Response erase_page(Context& c, const budget::Budget& b, int status, const std::string& reference, const storage::ResponseFound* found,
                        const std::string& problem);
    Response erase(Context& c, const budget::Budget& b);
    void note_schedule_changed();  // reads when the next scheduled publish is due
    // What differs between authoring budgets and council profiles.
    struct Authoring {
        storage::DocumentKind kind;
        const DocumentReader& reader;
        const char* noun;         // "budget": audit actions ("budget.draft_uploaded") and logs
        const char* base;         // "/console/budgets/"
        const char* needs_admin;  // the audit's words for a refusal
        const char* ask_admin;    // the officer's (English: the catalogue's msgid)
        const char* choose_file;  // when no file came
        Response (Console::*page)(Context&, const std::string&, int, const std::string&);  // the document's page, with a problem
    };
    // Reads an uploaded file as a draft (administrators only, with the form's token) and goes to it.
    Response upload(Context& c, const Authoring& a, const std::string& id);
    // The draft ".../drafts/N/tail" names, setting `tail`; or the page to send when it is not this document's.
    std::optional<Response> named_draft(Context& c, storage::DocumentKind kind, const std::string& id, const std::string& rest,
                                        storage::DocumentDraft& draft, std::string& tail, const std::string& none);
    // The upload form (admins) and the newest drafts of a document, with their state; false when storage failed.
    bool fill_drafts(Context& c, ctemplate::TemplateDictionary& d, storage::DocumentKind kind, const std::string& id);
    // A draft's file, uploader, problems (with what to do) and state, for draft.tpl.
    void fill_draft(Context& c, ctemplate::TemplateDictionary& d, const storage::DocumentDraft& draft, const std::string& problem);
    // Council profile authoring (profile_drafts.cpp): the same, for the figures behind an annual report.
    Response profile_page(Context& c, const std::string& id, int status, const std::string& problem);
    Response profile_file(Context& c, const std::string& document, bool workbook, const std::string& name);
    Response current_profile_file(Context& c, const std::string& id, bool workbook);
    // A document as its JSON, or as the workbook `to_book` makes of it, for download.
    Response document_download(Context& c, const std::string& document, bool workbook, const std::string& name,
                               budget::sheets::Book (*to_book)(const nlohmann::json&));
    // A workbook as a download (503 when `book` is absent or cannot be written).
    Response workbook_download(Context& c, const std::optional<budget::sheets::Book>& book, const std::string& name);
    Response upload_profile_draft(Context& c, const std::string& id);
    Response profile_draft_route(Context& c, const std::string& id, const std::string& rest);
    Response profile_draft_page(Context& c, const storage::DocumentDraft& draft, int status, const std::string& problem);
    Response publish_profile_draft(Context& c, const storage::DocumentDraft& draft);
    Response message(Context& c, int status, const std::string& heading, const std::string& text);
    std::string tr(const Context& c, std::string_view english) const;
    // A stored UTC time ("2026-12-07T20:38:22Z") as the council reads it: "7 December 2026 at 20:38 GMT".
    std::string uk_time(const Context& c, const std::string& utc) const;
    // A form that changes something: it must carry this session's token and come from an admin.
    // Refused (403, the refusal audited) otherwise, with `error` the page to send.
    struct AdminForm {
        bool ok = false;
        std::map<std::string, std::string> fields;
        Response error;
        explicit operator bool() const { return ok; }
        std::map<std::string, std::string>& operator*() { return fields; }
    };
    AdminForm admin_form(Context& c, const std::string& object, const std::string& needs, const std::string& ask);
    void audit(const Context& c, const std::string& action, const std::string& object, const std::string& detail = "");

    ConsoleConfig config_;
    storage::Storage& storage_;
    storage::OfficerStore& officers_;
    const Templates& templates_;
    SignInThrottle throttle_;
    WorkQueue work_{2, 256};
    WorkQueue hashing_{1, 32};  // sign-in and password changes (hashes_password in console.cpp)
    static constexpr std::int64_t kNothingDue = INT64_MAX;
    std::atomic<std::int64_t> next_due_{0};  // when the soonest scheduled publish is due (0: look now)
    std::mutex scheduler_mutex_;
    std::condition_variable scheduler_wake_;
    bool scheduler_stopping_ = false;
    std::thread scheduler_;
    std::once_flag scheduler_joined_;
    std::int64_t next_purge_check_ = 0;  // the scheduler thread's alone
};

}  // namespace server::console
