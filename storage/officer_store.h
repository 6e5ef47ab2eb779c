// The console's own tables, in the same database as the submissions: officers (Argon2id password
// hashes), their sessions (hashed ids), the audit log and comment moderation. Synchronous; one
// connection behind a mutex (officers are few). Shared by budget-server and its `officer` command.
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <string_view>
#include <utility>
#include <vector>

#include "sql_db.h"

namespace storage {

enum class Role { Analyst, Admin };
const char* role_name(Role r);
std::optional<Role> parse_role(std::string_view text);

struct Officer {
    std::int64_t id = 0;
    std::string name;
    Role role = Role::Analyst;
    std::string password_hash;  // libsodium's crypto_pwhash_str form ($argon2id$...)
    std::string created_at;
};

struct OfficerSession {
    Officer officer;
    std::int64_t created = 0, last_seen = 0;  // Unix seconds
};

struct AuditEntry {
    std::int64_t id = 0;
    std::string at, officer, action, object, detail;
};

struct HiddenComment {
    std::string reason, officer, hidden_at;
};
// (submission id, about) -> why and by whom it was hidden.
using HiddenComments = std::map<std::pair<std::string, std::string>, HiddenComment>;

struct ApprovedComment {
    std::string officer, approved_at;
};
// (submission id, about) -> who approved it for publishing, and when.
using ApprovedComments = std::map<std::pair<std::string, std::string>, ApprovedComment>;

// A budget's comments by where moderation has them: hidden, approved (and not hidden), the rest.
struct CommentCounts {
    std::int64_t total = 0, hidden = 0, approved = 0;
    std::int64_t waiting() const { return total - hidden - approved; }  // neither approved nor hidden
};

// A response likely sent twice: the same sender, choices and comments as `earlier`, `seconds` before.
struct LikelyDuplicate {
    std::string submission_id, received_at, earlier_id;
    std::int64_t seconds = 0;
};
// Within this many seconds of an earlier one with the same duplicate key, a response is flagged.
constexpr std::int64_t kDuplicateWindowSeconds = 10 * 60;

// An officer's change to when a consultation takes responses (Unix seconds; none: no limit).
struct WindowOverride {
    std::optional<std::int64_t> opens_at, closes_at;
    std::string changed_by, changed_at;
};

// How many responses a budget's public results wait for, as an administrator set it.
struct ResultsThreshold {
    std::int64_t responses = 0;
    std::string changed_by, changed_at;
};

// A script's key to the API, for one officer and chosen budgets. Only the token's hash is stored.
struct ApiToken {
    std::int64_t id = 0;
    std::string officer, name;
    std::vector<std::string> budgets;  // the budget ids it may read
    std::string created_at, last_used_at, revoked_at;  // "" when never used / not revoked
};

// What the console keeps drafts and published versions of: budgets (budget_drafts, budget_versions)
// and council profiles (profile_drafts, profile_versions).
enum class DocumentKind { Budget, Profile };

// A budget or council profile uploaded in the console (a workbook or JSON), read and checked.
struct DocumentDraft {
    std::int64_t id = 0;
    std::string document_id, source_name, source_kind;  // the budget's or profile's id; source_kind: "xlsx" or "json"
    std::string uploaded_by, uploaded_at;
    std::string document_json;  // "" when the file could not be read (or in a listing)
    std::string problems_json;  // [{"code", "place", "message", "warning"}]
    bool ok = false;            // no problems: it may be published
    std::int64_t published_version = 0;  // 0: not published
};

// A version published in the console.
struct PublishedVersion {
    std::string document_id;
    std::int64_t version = 0;
    std::string document_json, published_by, published_at;
    std::int64_t restored_from = 0;  // a rollback: the earlier version this one repeats (0: none)
};

// A consultation an administrator started in the console, from a template or a workbook: it has
// no budget file on the server, only drafts and the versions published from them.
struct StartedConsultation {
    std::string id, started_from;  // started_from: "template english-district", or the uploaded file's name
    std::string created_by, created_at;
};

// A stored response as an officer acting on an erasure request sees it: never its content.
struct ResponseFound {
    std::int64_t row = 0, version = 0;
    std::string received_at;
    std::size_t comments = 0, answers = 0;
};
enum class EraseScope { Whole, CommentsAndAnswers };

// A draft an administrator chose to publish at a time (Unix seconds, UTC); one per budget at most.
struct ScheduledPublish {
    std::string budget_id;
    std::int64_t draft_id = 0, publish_at = 0;
    std::string scheduled_by, scheduled_at;
};

enum class StoreStatus { Ok, NotFound, Exists, Unavailable };

struct VoterCodeCounts {
    std::uint64_t made = 0, used = 0;
};

class OfficerStore {
public:
    // Opens the database (as open_storage does) and creates the console's tables if missing.
    static std::unique_ptr<OfficerStore> open(const std::string& data_dir, const std::string& database_url, std::string& error);
    explicit OfficerStore(std::unique_ptr<SqlDb> db) : db_(std::move(db)) {}

    StoreStatus add_officer(const std::string& name, Role role, const std::string& password_hash, std::string& error);
    StoreStatus remove_officer(const std::string& name, std::string& error);           // ends their sessions
    StoreStatus set_password(const std::string& name, const std::string& password_hash, std::string& error);  // ends their sessions
    StoreStatus find_officer(const std::string& name, Officer& out, std::string& error);
    bool list_officers(std::vector<Officer>& out, std::string& error);

    // `count` new one-time voter codes for a consultation, in a batch named `batch`: drawn at random
    // (libsodium), stored only as hashes (voter_codes.h), and returned canonical, the one time they
    // exist in the clear. All or none are stored.
    bool create_voter_codes(const std::string& consultation, std::size_t count, const std::string& batch, std::vector<std::string>& codes,
                            std::string& error);
    bool voter_code_counts(const std::string& consultation, VoterCodeCounts& out, std::string& error);

    bool create_session(const std::string& id_hash, std::int64_t officer_id, std::int64_t now, std::string& error);
    StoreStatus find_session(const std::string& id_hash, OfficerSession& out, std::string& error);
    bool touch_session(const std::string& id_hash, std::int64_t now, std::string& error);
    bool end_session(const std::string& id_hash, std::string& error);
    bool end_sessions_before(std::int64_t idle_since, std::int64_t created_since, std::string& error);  // expired ones

    bool audit(const std::string& officer, const std::string& action, const std::string& object, const std::string& detail,
               std::string& error);
    // Newest first; `before` 0 starts from the newest.
    bool audit_entries(std::size_t limit, std::int64_t before, std::vector<AuditEntry>& out, std::string& error);

    StoreStatus hide_comment(const std::string& budget_id, const std::string& submission_id, const std::string& about,
                             const std::string& reason, const std::string& officer, std::string& error);
    StoreStatus show_comment(const std::string& budget_id, const std::string& submission_id, const std::string& about,
                             std::string& error);
    bool hidden_comments(const std::string& budget_id, HiddenComments& out, std::string& error);
    // Approves a stored comment for publishing: NotFound when there is no such comment, Exists when approved already.
    StoreStatus approve_comment(const std::string& budget_id, const std::string& submission_id, const std::string& about,
                                const std::string& officer, std::string& error);
    bool approved_comments(const std::string& budget_id, ApprovedComments& out, std::string& error);
    bool comment_counts(const std::string& budget_id, CommentCounts& out, std::string& error);
    // The newest `limit` comments approved and not hidden, newest first (what a checked consultation publishes).
    bool newest_approved_comments(const std::string& budget_id, std::size_t limit,
                                  const std::function<void(const std::string& submission_id, const std::string& about,
                                                           const std::string& text)>& comment,
                                  std::string& error);
    // Responses sent within kDuplicateWindowSeconds of an earlier one with the same duplicate key, oldest first.
    bool likely_duplicates(const std::string& budget_id, std::vector<LikelyDuplicate>& out, std::string& error);
    // Counts hides and shows made through this store, so published comments know to look again.
    std::uint64_t moderation_version() const { return moderation_version_.load(); }

    StoreStatus create_token(const std::string& officer, const std::string& name, const std::vector<std::string>& budgets,
                             const std::string& token_hash, std::string& error);
    StoreStatus revoke_token(std::int64_t id, std::string& error);
    bool list_tokens(std::vector<ApiToken>& out, std::string& error);
    // The live (not revoked) token with this hash, its officer still there; marks it used.
    StoreStatus find_token(const std::string& token_hash, ApiToken& out, std::string& error);

    bool set_window(const std::string& budget_id, const WindowOverride& w, std::string& error);
    bool clear_window(const std::string& budget_id, std::string& error);
    bool windows(std::map<std::string, WindowOverride>& out, std::string& error);

    bool set_results_threshold(const std::string& budget_id, ResultsThreshold& t, std::string& error);  // sets t.changed_at
    bool results_thresholds(std::map<std::string, ResultsThreshold>& out, std::string& error);

    // Budgets and council profiles uploaded and published in the console.
    StoreStatus add_draft(DocumentKind kind, DocumentDraft& draft, std::string& error);  // sets draft.id
    StoreStatus find_draft(DocumentKind kind, std::int64_t id, DocumentDraft& out, std::string& error);
    // Newest first, without their JSON.
    bool list_drafts(DocumentKind kind, const std::string& document_id, std::size_t limit, std::vector<DocumentDraft>& out, std::string& error);
    // Publishes a draft as a version: NotFound if the draft is gone, not ok or already published; Exists if the version is taken.
    StoreStatus add_version(DocumentKind kind, const std::string& document_id, std::int64_t version, const std::string& document_json,
                            const std::string& officer, std::int64_t draft_id, std::string& error);
    // A rollback: an earlier version's document published again as `version`. Exists if the version is taken.
    StoreStatus add_restored_version(const std::string& budget_id, std::int64_t version, const std::string& document_json,
                                     const std::string& officer, std::int64_t restored_from, std::string& error);
    // Every published version, by id and version.
    bool versions(DocumentKind kind, std::vector<PublishedVersion>& out, std::string& error);

    // Erasure (UK GDPR): a response found by its reference, then deleted whole, or only its comments
    // and demographic answers (its document loses its comments). Its id is kept only as `id_hash`
    // (a keyed hash the caller makes). One transaction; NotFound when there is no such response.
    StoreStatus find_response(const std::string& budget_id, const std::string& submission_id, ResponseFound& out, std::string& error);
    StoreStatus erase_response(const std::string& budget_id, const std::string& submission_id, const std::string& id_hash, EraseScope scope,
                               const std::string& officer, std::string& error);
    // Every erased response: (budget id, id hash, scope "whole" or "comments").
    bool erased(std::vector<std::tuple<std::string, std::string, std::string>>& out, std::string& error);
    // Counts erasures made through this store, so results made from stored rows count again.
    std::uint64_t erasure_version() const { return erasure_version_.load(); }
    // Failed sign-ins counted in the database, so servers sharing it throttle together. Keys are
    // keyed hashes (never a name or an address); a count older than `window` seconds starts again.
    bool sign_in_failures(const std::vector<std::string>& keys, std::int64_t now, std::int64_t window,
                          std::map<std::string, std::pair<std::int64_t, std::int64_t>>& out, std::string& error);  // key: (failures, first)
    bool count_sign_in_failure(const std::string& key, std::int64_t now, std::int64_t window, std::string& error);
    bool clear_sign_in_failures(const std::string& key, std::string& error);
    bool is_postgres() const { return db_->is_postgres(); }
    // Changes another server on the database made (shared_changes.h): the counts move so caches look again.
    void moderation_changed_elsewhere() { ++moderation_version_; }
    void erasures_changed_elsewhere() {
        ++erasure_version_;
        ++moderation_version_;
    }

    // Retention: a consultation's comments (rows, and in each stored document), hidden-comment
    // notes, demographic answers (their totals per version and answer kept in their place) and
    // voter codes, deleted in one transaction and recorded. Exists when it was purged already.
    struct PurgeCounts {
        std::int64_t comments = 0, answers = 0, codes = 0;
    };
    StoreStatus purge_personal_data(const std::string& budget_id, PurgeCounts& out, std::string& error);
    struct Purge {
        std::string purged_at;
        PurgeCounts counts;
    };
    bool purges(std::map<std::string, Purge>& out, std::string& error);  // by budget id

    StoreStatus add_consultation(const StartedConsultation& c, std::string& error);  // Exists when the id is taken
    bool started_consultations(std::vector<StartedConsultation>& out, std::string& error);  // by id

    // Exists when the budget has a publish scheduled already; publishing the draft (add_version) removes it.
    StoreStatus schedule_publish(const ScheduledPublish& s, std::string& error);
    StoreStatus cancel_publish(const std::string& budget_id, std::string& error);  // NotFound when none was scheduled
    bool scheduled_publishes(std::vector<ScheduledPublish>& out, std::string& error);  // soonest first

private:
    SqlResult run(std::string_view sql, const std::vector<SqlValue>& params = {});
    StoreStatus in_transaction(std::string& error, const std::function<StoreStatus()>& steps);
    void share(const char* topic);  // tells the other servers (shared_changes.h)
    std::mutex mutex_;
    std::unique_ptr<SqlDb> db_;
    std::atomic<std::uint64_t> moderation_version_{0};
    std::atomic<std::uint64_t> erasure_version_{0};
};

}  // namespace storage
