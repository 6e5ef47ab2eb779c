// The console's tables over SqlDb: the same statements for SQLite and PostgreSQL.
#include "officer_store.h"

#include "schema.h"
#include "shared_changes.h"
#include "storage.h"

#include <sodium.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "voter_code.h"
#include "utc_time.h"
#include "voter_codes.h"

namespace storage {

namespace {

std::int64_t to_int(const SqlValue& v) { return v ? std::stoll(*v) : 0; }
std::string to_text(const SqlValue& v) { return v ? *v : std::string(); }

Officer officer_from(const SqlRow& row) {
    Officer o;
    o.id = to_int(row[0]);
    o.name = to_text(row[1]);
    o.role = parse_role(to_text(row[2])).value_or(Role::Analyst);
    o.password_hash = to_text(row[3]);
    o.created_at = to_text(row[4]);
    return o;
}

StoreStatus changed(const SqlResult& r, std::string& error) {
    if (!r.ok) {
        error = r.error;
        return r.unique_violation ? StoreStatus::Exists : StoreStatus::Unavailable;
    }
    return r.changed > 0 ? StoreStatus::Ok : StoreStatus::NotFound;
}

}  // namespace

const char* role_name(Role r) { return r == Role::Admin ? "admin" : "analyst"; }

std::optional<Role> parse_role(std::string_view text) {
    if (text == "admin") return Role::Admin;
    if (text == "analyst") return Role::Analyst;
    return std::nullopt;
}

std::unique_ptr<OfficerStore> OfficerStore::open(const std::string& data_dir, const std::string& database_url, std::string& error) {
    auto db = open_sql_db(data_dir, database_url, error);
    if (!db || !bring_up_to_date(*db, error)) return nullptr;
    return std::make_unique<OfficerStore>(std::move(db));
}

bool OfficerStore::create_voter_codes(const std::string& consultation, std::size_t count, const std::string& batch,
                                      std::vector<std::string>& codes, std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);  // one transaction on the shared connection
    codes.clear();
    const auto fail = [&](const std::string& why) {
        db_->query("ROLLBACK");
        codes.clear();
        error = why;
        return false;
    };
    if (const auto begin = db_->query("BEGIN"); !begin.ok) return fail(begin.error);
    const std::string now = utc_now();
    while (codes.size() < count) {
        std::uint64_t bits = 0;
        randombytes_buf(&bits, sizeof bits);
        const std::string code = budget::voter_code_from_bits(bits);
        // ON CONFLICT, not a refused row: PostgreSQL ends a transaction at its first error.
        const auto r = db_->query("INSERT INTO voter_codes (consultation, code_hash, batch, created_at) VALUES (?, ?, ?, ?) "
                                  "ON CONFLICT DO NOTHING",
                                  {consultation, hash_voter_code(consultation, code), batch, now});
        if (!r.ok) return fail(r.error);
        if (r.changed != 1) continue;  // drawn before (1 in 2^50 a pair): draw again
        codes.push_back(code);
    }
    if (const auto commit = db_->query("COMMIT"); !commit.ok) return fail(commit.error);
    return true;
}

bool OfficerStore::voter_code_counts(const std::string& consultation, VoterCodeCounts& out, std::string& error) {
    const auto r = run("SELECT COUNT(*), COUNT(used_by) FROM voter_codes WHERE consultation = ?", {consultation});
    if (!r.ok || r.rows.size() != 1) {
        error = r.error;
        return false;
    }
    out.made = std::stoull(r.rows[0][0].value_or("0"));
    out.used = std::stoull(r.rows[0][1].value_or("0"));
    return true;
}

SqlResult OfficerStore::run(std::string_view sql, const std::vector<SqlValue>& params) {
    std::lock_guard<std::mutex> lock(mutex_);
    return db_->query(sql, params);
}

StoreStatus OfficerStore::add_officer(const std::string& name, Role role, const std::string& password_hash, std::string& error) {
    const std::string now = utc_now();
    return changed(run("INSERT INTO officers (name, role, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?)",
                       {name, std::string(role_name(role)), password_hash, now, now}),
                   error);
}

StoreStatus OfficerStore::remove_officer(const std::string& name, std::string& error) {
    const SqlResult sessions =
        run("DELETE FROM officer_sessions WHERE officer_id IN (SELECT id FROM officers WHERE name = ?)", {name});
    if (!sessions.ok) return changed(sessions, error);
    return changed(run("DELETE FROM officers WHERE name = ?", {name}), error);
}

StoreStatus OfficerStore::set_password(const std::string& name, const std::string& password_hash, std::string& error) {
    const StoreStatus s = changed(run("UPDATE officers SET password_hash = ?, password_changed_at = ? WHERE name = ?",
                                      {password_hash, utc_now(), name}),
                                  error);
    if (s != StoreStatus::Ok) return s;
    const SqlResult sessions =
        run("DELETE FROM officer_sessions WHERE officer_id IN (SELECT id FROM officers WHERE name = ?)", {name});
    return sessions.ok ? StoreStatus::Ok : changed(sessions, error);
}

StoreStatus OfficerStore::find_officer(const std::string& name, Officer& out, std::string& error) {
    const SqlResult r = run("SELECT id, name, role, password_hash, created_at FROM officers WHERE name = ?", {name});
    if (!r.ok) {
        error = r.error;
        return StoreStatus::Unavailable;
    }
    if (r.rows.empty()) return StoreStatus::NotFound;
    out = officer_from(r.rows.front());
    return StoreStatus::Ok;
}

bool OfficerStore::list_officers(std::vector<Officer>& out, std::string& error) {
    const SqlResult r = run("SELECT id, name, role, password_hash, created_at FROM officers ORDER BY name");
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows) out.push_back(officer_from(row));
    return true;
}

bool OfficerStore::create_session(const std::string& id_hash, std::int64_t officer_id, std::int64_t now, std::string& error) {
    const SqlResult r = run("INSERT INTO officer_sessions (id_hash, officer_id, created_epoch, last_seen_epoch) VALUES (?, ?, ?, ?)",
                            {id_hash, std::to_string(officer_id), std::to_string(now), std::to_string(now)});
    if (!r.ok) error = r.error;
    return r.ok;
}

StoreStatus OfficerStore::find_session(const std::string& id_hash, OfficerSession& out, std::string& error) {
    const SqlResult r = run(
        "SELECT o.id, o.name, o.role, o.password_hash, o.created_at, s.created_epoch, s.last_seen_epoch "
        "FROM officer_sessions s JOIN officers o ON o.id = s.officer_id WHERE s.id_hash = ?",
        {id_hash});
    if (!r.ok) {
        error = r.error;
        return StoreStatus::Unavailable;
    }
    if (r.rows.empty()) return StoreStatus::NotFound;
    out.officer = officer_from(r.rows.front());
    out.created = to_int(r.rows.front()[5]);
    out.last_seen = to_int(r.rows.front()[6]);
    return StoreStatus::Ok;
}

bool OfficerStore::touch_session(const std::string& id_hash, std::int64_t now, std::string& error) {
    const SqlResult r = run("UPDATE officer_sessions SET last_seen_epoch = ? WHERE id_hash = ?", {std::to_string(now), id_hash});
    if (!r.ok) error = r.error;
    return r.ok;
}

bool OfficerStore::end_session(const std::string& id_hash, std::string& error) {
    const SqlResult r = run("DELETE FROM officer_sessions WHERE id_hash = ?", {id_hash});
    if (!r.ok) error = r.error;
    return r.ok;
}

bool OfficerStore::end_sessions_before(std::int64_t idle_since, std::int64_t created_since, std::string& error) {
    const SqlResult r = run("DELETE FROM officer_sessions WHERE last_seen_epoch < ? OR created_epoch < ?",
                            {std::to_string(idle_since), std::to_string(created_since)});
    if (!r.ok) error = r.error;
    return r.ok;
}

bool OfficerStore::audit(const std::string& officer, const std::string& action, const std::string& object,
                         const std::string& detail, std::string& error) {
    const SqlResult r = run("INSERT INTO audit_log (at, officer, action, object, detail) VALUES (?, ?, ?, ?, ?)",
                            {utc_now(), officer, action, object, detail});
    if (!r.ok) error = r.error;
    return r.ok;
}

bool OfficerStore::audit_entries(std::size_t limit, std::int64_t before, std::vector<AuditEntry>& out, std::string& error) {
    // Parameters arrive as text: the casts make them numbers in both back ends.
    const SqlResult r = run("SELECT id, at, officer, action, object, detail FROM audit_log "
                            "WHERE (CAST(? AS BIGINT) = 0 OR id < CAST(? AS BIGINT)) ORDER BY id DESC LIMIT CAST(? AS BIGINT)",
                            {std::to_string(before), std::to_string(before), std::to_string(limit)});
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows)
        out.push_back({to_int(row[0]), to_text(row[1]), to_text(row[2]), to_text(row[3]), to_text(row[4]), to_text(row[5])});
    return true;
}

StoreStatus OfficerStore::hide_comment(const std::string& budget_id, const std::string& submission_id, const std::string& about,
                                       const std::string& reason, const std::string& officer, std::string& error) {
    const StoreStatus s = changed(run("INSERT INTO hidden_comments (budget_id, submission_id, about, reason, officer, hidden_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?)",
                                      {budget_id, submission_id, about, reason, officer, utc_now()}),
                                  error);
    ++moderation_version_;  // after the write, so whoever sees the new count finds the change
    if (s == StoreStatus::Ok) share(topic::kModeration);
    return s;
}

StoreStatus OfficerStore::show_comment(const std::string& budget_id, const std::string& submission_id, const std::string& about,
                                       std::string& error) {
    const StoreStatus s = changed(run("DELETE FROM hidden_comments WHERE budget_id = ? AND submission_id = ? AND about = ?",
                                      {budget_id, submission_id, about}),
                                  error);
    ++moderation_version_;
    if (s == StoreStatus::Ok) share(topic::kModeration);
    return s;
}

bool OfficerStore::hidden_comments(const std::string& budget_id, HiddenComments& out, std::string& error) {
    const SqlResult r = run("SELECT submission_id, about, reason, officer, hidden_at FROM hidden_comments WHERE budget_id = ?",
                            {budget_id});
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows) out[{to_text(row[0]), to_text(row[1])}] = {to_text(row[2]), to_text(row[3]), to_text(row[4])};
    return true;
}

StoreStatus OfficerStore::approve_comment(const std::string& budget_id, const std::string& submission_id, const std::string& about,
                                          const std::string& officer, std::string& error) {
    const StoreStatus s = changed(run("INSERT INTO approved_comments (budget_id, submission_id, about, officer, approved_at) "
                                      "SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM comments WHERE budget_id = ? AND submission_id = ? AND about = ?)",
                                      {budget_id, submission_id, about, officer, utc_now(), budget_id, submission_id, about}),
                                  error);
    ++moderation_version_;
    if (s == StoreStatus::Ok) share(topic::kModeration);
    return s;
}

bool OfficerStore::approved_comments(const std::string& budget_id, ApprovedComments& out, std::string& error) {
    const SqlResult r = run("SELECT submission_id, about, officer, approved_at FROM approved_comments WHERE budget_id = ?", {budget_id});
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows) out[{to_text(row[0]), to_text(row[1])}] = {to_text(row[2]), to_text(row[3])};
    return true;
}

namespace {
// A comment row `c` joined to its moderation: h (hidden) and a (approved), either NULL.
constexpr const char* kCommentsWithModeration =
    " FROM comments c LEFT JOIN hidden_comments h ON h.budget_id = c.budget_id AND h.submission_id = c.submission_id AND h.about = c.about"
    " LEFT JOIN approved_comments a ON a.budget_id = c.budget_id AND a.submission_id = c.submission_id AND a.about = c.about"
    " WHERE c.budget_id = ?";
}  // namespace

bool OfficerStore::comment_counts(const std::string& budget_id, CommentCounts& out, std::string& error) {
    const SqlResult r = run(std::string("SELECT COUNT(*), COALESCE(SUM(CASE WHEN h.about IS NOT NULL THEN 1 ELSE 0 END), 0), "
                                        "COALESCE(SUM(CASE WHEN h.about IS NULL AND a.about IS NOT NULL THEN 1 ELSE 0 END), 0)") +
                                kCommentsWithModeration,
                            {budget_id});
    if (!r.ok || r.rows.empty()) {
        error = r.ok ? "no count" : r.error;
        return false;
    }
    out = {to_int(r.rows[0][0]), to_int(r.rows[0][1]), to_int(r.rows[0][2])};
    return true;
}

bool OfficerStore::newest_approved_comments(const std::string& budget_id, std::size_t limit,
                                            const std::function<void(const std::string&, const std::string&, const std::string&)>& comment,
                                            std::string& error) {
    const SqlResult r = run(std::string("SELECT c.submission_id, c.about, c.comment") + kCommentsWithModeration +
                                " AND h.about IS NULL AND a.about IS NOT NULL ORDER BY c.submission_row DESC, c.about LIMIT CAST(? AS BIGINT)",
                            {budget_id, std::to_string(limit)});
    if (!r.ok) {
        error = r.error;
        return false;
    }
    for (const auto& row : r.rows) comment(to_text(row[0]), to_text(row[1]), to_text(row[2]));
    return true;
}

bool OfficerStore::likely_duplicates(const std::string& budget_id, std::vector<LikelyDuplicate>& out, std::string& error) {
    // Only keys seen more than once: in a consultation without duplicates this reads no rows.
    const SqlResult r = run("SELECT submission_id, received_at, duplicate_key FROM submissions WHERE budget_id = ? AND duplicate_key IN "
                            "(SELECT duplicate_key FROM submissions WHERE budget_id = ? AND duplicate_key IS NOT NULL "
                            "GROUP BY duplicate_key HAVING COUNT(*) > 1) ORDER BY duplicate_key, id",
                            {budget_id, budget_id});
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (std::size_t i = 1; i < r.rows.size(); ++i) {
        const SqlRow &earlier = r.rows[i - 1], &row = r.rows[i];
        if (to_text(earlier[2]) != to_text(row[2])) continue;
        const auto then = budget::parse_utc(to_text(earlier[1])), now = budget::parse_utc(to_text(row[1]));
        if (!then || !now || *now - *then > kDuplicateWindowSeconds) continue;
        out.push_back({to_text(row[0]), to_text(row[1]), to_text(earlier[0]), *now - *then});
    }
    std::sort(out.begin(), out.end(), [](const LikelyDuplicate& a, const LikelyDuplicate& b) { return a.received_at < b.received_at; });
    return true;
}

namespace {
std::vector<std::string> split_ids(const std::string& text) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at <= text.size() && !text.empty()) {
        const auto comma = text.find(',', at);
        out.push_back(text.substr(at, comma == std::string::npos ? std::string::npos : comma - at));
        if (comma == std::string::npos) break;
        at = comma + 1;
    }
    return out;
}
}  // namespace

StoreStatus OfficerStore::create_token(const std::string& officer, const std::string& name, const std::vector<std::string>& budgets,
                                       const std::string& token_hash, std::string& error) {
    std::string ids;
    for (const auto& b : budgets) ids += (ids.empty() ? "" : ",") + b;
    return changed(run("INSERT INTO api_tokens (officer_id, name, token_hash, budgets, created_at) "
                       "SELECT id, ?, ?, ?, ? FROM officers WHERE name = ?",
                       {name, token_hash, ids, utc_now(), officer}),
                   error);
}

StoreStatus OfficerStore::revoke_token(std::int64_t id, std::string& error) {
    return changed(run("UPDATE api_tokens SET revoked_at = ? WHERE id = CAST(? AS BIGINT) AND revoked_at IS NULL",
                       {utc_now(), std::to_string(id)}),
                   error);
}

bool OfficerStore::list_tokens(std::vector<ApiToken>& out, std::string& error) {
    const SqlResult r = run("SELECT t.id, o.name, t.name, t.budgets, t.created_at, t.last_used_at, t.revoked_at "
                            "FROM api_tokens t JOIN officers o ON o.id = t.officer_id ORDER BY t.id");
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows)
        out.push_back({to_int(row[0]), to_text(row[1]), to_text(row[2]), split_ids(to_text(row[3])), to_text(row[4]),
                       to_text(row[5]), to_text(row[6])});
    return true;
}

StoreStatus OfficerStore::find_token(const std::string& token_hash, ApiToken& out, std::string& error) {
    const SqlResult r = run("SELECT t.id, o.name, t.name, t.budgets, t.created_at FROM api_tokens t "
                            "JOIN officers o ON o.id = t.officer_id WHERE t.token_hash = ? AND t.revoked_at IS NULL",
                            {token_hash});
    if (!r.ok) {
        error = r.error;
        return StoreStatus::Unavailable;
    }
    if (r.rows.empty()) return StoreStatus::NotFound;
    const auto& row = r.rows.front();
    out = {to_int(row[0]), to_text(row[1]), to_text(row[2]), split_ids(to_text(row[3])), to_text(row[4]), "", ""};
    run("UPDATE api_tokens SET last_used_at = ? WHERE id = CAST(? AS BIGINT)", {utc_now(), std::to_string(out.id)});
    return StoreStatus::Ok;
}

bool OfficerStore::set_window(const std::string& budget_id, const WindowOverride& w, std::string& error) {
    auto number = [](const std::optional<std::int64_t>& v) { return v ? SqlValue(std::to_string(*v)) : SqlValue(); };
    SqlResult r = run("DELETE FROM consultation_windows WHERE budget_id = ?", {budget_id});
    if (r.ok)
        r = run("INSERT INTO consultation_windows (budget_id, opens_at, closes_at, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)",
                {budget_id, number(w.opens_at), number(w.closes_at), w.changed_by, utc_now()});
    if (!r.ok) error = r.error;
    else share(topic::kDates);
    return r.ok;
}

bool OfficerStore::clear_window(const std::string& budget_id, std::string& error) {
    const SqlResult r = run("DELETE FROM consultation_windows WHERE budget_id = ?", {budget_id});
    if (!r.ok) error = r.error;
    else share(topic::kDates);
    return r.ok;
}

bool OfficerStore::windows(std::map<std::string, WindowOverride>& out, std::string& error) {
    const SqlResult r = run("SELECT budget_id, opens_at, closes_at, changed_by, changed_at FROM consultation_windows");
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows) {
        WindowOverride w;
        if (row[1]) w.opens_at = to_int(row[1]);
        if (row[2]) w.closes_at = to_int(row[2]);
        w.changed_by = to_text(row[3]);
        w.changed_at = to_text(row[4]);
        out[to_text(row[0])] = w;
    }
    return true;
}

bool OfficerStore::set_results_threshold(const std::string& budget_id, ResultsThreshold& t, std::string& error) {
    t.changed_at = utc_now();
    SqlResult r = run("DELETE FROM results_thresholds WHERE budget_id = ?", {budget_id});
    if (r.ok)
        r = run("INSERT INTO results_thresholds (budget_id, responses, changed_by, changed_at) VALUES (?, CAST(? AS BIGINT), ?, ?)",
                {budget_id, std::to_string(t.responses), t.changed_by, t.changed_at});
    if (!r.ok) error = r.error;
    else share(topic::kThresholds);
    return r.ok;
}

bool OfficerStore::results_thresholds(std::map<std::string, ResultsThreshold>& out, std::string& error) {
    const SqlResult r = run("SELECT budget_id, responses, changed_by, changed_at FROM results_thresholds");
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows) out[to_text(row[0])] = {to_int(row[1]), to_text(row[2]), to_text(row[3])};
    return true;
}

namespace {

// The tables and columns of each kind of document (constants, never user text).
struct DocumentTables {
    const char *drafts, *versions, *id, *json;
};
DocumentTables tables_of(DocumentKind kind) {
    if (kind == DocumentKind::Profile) return {"profile_drafts", "profile_versions", "profile_id", "profile_json"};
    return {"budget_drafts", "budget_versions", "budget_id", "budget_json"};
}

DocumentDraft draft_from(const SqlRow& row) {
    DocumentDraft d;
    d.id = to_int(row[0]);
    d.document_id = to_text(row[1]);
    d.source_name = to_text(row[2]);
    d.source_kind = to_text(row[3]);
    d.uploaded_by = to_text(row[4]);
    d.uploaded_at = to_text(row[5]);
    d.document_json = to_text(row[6]);
    d.problems_json = to_text(row[7]);
    d.ok = to_int(row[8]) != 0;
    d.published_version = to_int(row[9]);
    return d;
}

std::string draft_columns(const DocumentTables& t, bool with_json) {
    return std::string("id, ") + t.id + ", source_name, source_kind, uploaded_by, uploaded_at, " + (with_json ? t.json : "NULL") +
           ", problems_json, ok, published_version FROM " + t.drafts;
}

}  // namespace

StoreStatus OfficerStore::add_draft(DocumentKind kind, DocumentDraft& d, std::string& error) {
    const DocumentTables t = tables_of(kind);
    const SqlResult r = run(std::string("INSERT INTO ") + t.drafts + " (" + t.id + ", source_name, source_kind, uploaded_by, uploaded_at, " +
                                t.json + ", problems_json, ok) VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS INTEGER)) RETURNING id",
                            {d.document_id, d.source_name, d.source_kind, d.uploaded_by, d.uploaded_at,
                             d.document_json.empty() ? SqlValue() : SqlValue(d.document_json), d.problems_json, std::string(d.ok ? "1" : "0")});
    if (!r.ok || r.rows.empty()) {
        error = r.ok ? "no id returned" : r.error;
        return StoreStatus::Unavailable;
    }
    d.id = to_int(r.rows.front()[0]);
    return StoreStatus::Ok;
}

StoreStatus OfficerStore::find_draft(DocumentKind kind, std::int64_t id, DocumentDraft& out, std::string& error) {
    const SqlResult r = run("SELECT " + draft_columns(tables_of(kind), true) + " WHERE id = CAST(? AS BIGINT)", {std::to_string(id)});
    if (!r.ok) {
        error = r.error;
        return StoreStatus::Unavailable;
    }
    if (r.rows.empty()) return StoreStatus::NotFound;
    out = draft_from(r.rows.front());
    return StoreStatus::Ok;
}

bool OfficerStore::list_drafts(DocumentKind kind, const std::string& document_id, std::size_t limit, std::vector<DocumentDraft>& out,
                               std::string& error) {
    const DocumentTables t = tables_of(kind);
    const SqlResult r = run("SELECT " + draft_columns(t, false) + " WHERE " + t.id + " = ? ORDER BY id DESC LIMIT CAST(? AS BIGINT)",
                            {document_id, std::to_string(limit)});
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows) out.push_back(draft_from(row));
    return true;
}

// Runs `steps` as one transaction on the shared connection: committed when they return Ok, else
// rolled back (with `error` as the steps set it).
StoreStatus OfficerStore::in_transaction(std::string& error, const std::function<StoreStatus()>& steps) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!db_->script("BEGIN", error)) return StoreStatus::Unavailable;
    const StoreStatus status = steps();
    if (status != StoreStatus::Ok) {
        std::string ignored;
        db_->script("ROLLBACK", ignored);
        return status;
    }
    if (!db_->script("COMMIT", error)) return StoreStatus::Unavailable;
    return StoreStatus::Ok;
}

StoreStatus OfficerStore::add_version(DocumentKind kind, const std::string& document_id, std::int64_t version, const std::string& document_json,
                                      const std::string& officer, std::int64_t draft_id, std::string& error) {
    const DocumentTables t = tables_of(kind);
    // The version, its draft's mark and the end of any schedule for it are one transaction: a draft
    // is never published twice.
    const auto undo = [&error](StoreStatus status, const std::string& why) {
        error = why;
        return status;
    };
    const StoreStatus status = in_transaction(error, [&] {
        const SqlResult marked = db_->query(std::string("UPDATE ") + t.drafts + " SET published_version = CAST(? AS BIGINT) WHERE id = CAST(? AS BIGINT) "
                                            "AND published_version IS NULL AND ok = 1",
                                            {std::to_string(version), std::to_string(draft_id)});
        if (!marked.ok) return undo(StoreStatus::Unavailable, marked.error);
        if (marked.changed != 1) return undo(StoreStatus::NotFound, "");
        const SqlResult added = db_->query(std::string("INSERT INTO ") + t.versions + " (" + t.id + ", version, " + t.json +
                                               ", published_by, published_at) VALUES (?, CAST(? AS BIGINT), ?, ?, ?)",
                                           {document_id, std::to_string(version), document_json, officer, utc_now()});
        if (!added.ok) return undo(added.unique_violation ? StoreStatus::Exists : StoreStatus::Unavailable, added.error);
        if (kind == DocumentKind::Budget) {
            const SqlResult unscheduled = db_->query("DELETE FROM scheduled_publishes WHERE draft_id = CAST(? AS BIGINT)", {std::to_string(draft_id)});
            if (!unscheduled.ok) return undo(StoreStatus::Unavailable, unscheduled.error);
        }
        return StoreStatus::Ok;
    });
    if (status == StoreStatus::Ok) share(topic::kVersions);
    return status;
}

StoreStatus OfficerStore::add_restored_version(const std::string& budget_id, std::int64_t version, const std::string& document_json,
                                               const std::string& officer, std::int64_t restored_from, std::string& error) {
    const SqlResult r = run("INSERT INTO budget_versions (budget_id, version, budget_json, published_by, published_at, restored_from) "
                            "VALUES (?, CAST(? AS BIGINT), ?, ?, ?, CAST(? AS BIGINT))",
                            {budget_id, std::to_string(version), document_json, officer, utc_now(), std::to_string(restored_from)});
    const StoreStatus status = changed(r, error);
    if (status == StoreStatus::Ok) share(topic::kVersions);
    return status;
}

bool OfficerStore::versions(DocumentKind kind, std::vector<PublishedVersion>& out, std::string& error) {
    const DocumentTables t = tables_of(kind);
    const SqlResult r = run(std::string("SELECT ") + t.id + ", version, " + t.json + ", published_by, published_at, restored_from FROM " + t.versions +
                            " ORDER BY " + t.id + ", version");
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows)
        out.push_back({to_text(row[0]), to_int(row[1]), to_text(row[2]), to_text(row[3]), to_text(row[4]), to_int(row[5])});
    return true;
}

StoreStatus OfficerStore::find_response(const std::string& budget_id, const std::string& submission_id, ResponseFound& out,
                                        std::string& error) {
    const SqlResult r = run("SELECT s.id, s.budget_version, s.received_at, "
                            "(SELECT COUNT(*) FROM comments c WHERE c.submission_row = s.id), "
                            "(SELECT COUNT(*) FROM demographic_answers a WHERE a.submission_row = s.id) "
                            "FROM submissions s WHERE s.budget_id = ? AND s.submission_id = ?",
                            {budget_id, submission_id});
    if (!r.ok) {
        error = r.error;
        return StoreStatus::Unavailable;
    }
    if (r.rows.empty()) return StoreStatus::NotFound;
    const auto& row = r.rows.front();
    out = {to_int(row[0]), to_int(row[1]), to_text(row[2]), static_cast<std::size_t>(to_int(row[3])), static_cast<std::size_t>(to_int(row[4]))};
    return StoreStatus::Ok;
}

StoreStatus OfficerStore::erase_response(const std::string& budget_id, const std::string& submission_id, const std::string& id_hash,
                                         EraseScope scope, const std::string& officer, std::string& error) {
    const auto undo = [&error](StoreStatus status, const std::string& why) {
        error = why;
        return status;
    };
    const StoreStatus status = in_transaction(error, [&] {
        const SqlResult found = db_->query("SELECT id, document FROM submissions WHERE budget_id = ? AND submission_id = ?", {budget_id, submission_id});
        if (!found.ok) return undo(StoreStatus::Unavailable, found.error);
        if (found.rows.empty()) return undo(StoreStatus::NotFound, "");
        const std::string row = to_text(found.rows.front()[0]);
        std::vector<std::pair<std::string, std::vector<SqlValue>>> steps = {
            {"DELETE FROM demographic_answers WHERE submission_row = CAST(? AS BIGINT)", {row}},
            {"DELETE FROM comments WHERE submission_row = CAST(? AS BIGINT)", {row}},
            {"DELETE FROM hidden_comments WHERE budget_id = ? AND submission_id = ?", {budget_id, submission_id}},
            {"DELETE FROM approved_comments WHERE budget_id = ? AND submission_id = ?", {budget_id, submission_id}},
        };
        if (scope == EraseScope::Whole) {
            // A voter code it used stays used, but no longer says by whom.
            steps.push_back({"UPDATE voter_codes SET used_by = 'erased' WHERE consultation = ? AND used_by = ?", {budget_id, submission_id}});
            steps.push_back({"DELETE FROM submissions WHERE id = CAST(? AS BIGINT)", {row}});
        } else {
            // The stored document without its comments (the rest of it, and the choices, stay as sent).
            nlohmann::ordered_json doc = nlohmann::ordered_json::parse(to_text(found.rows.front()[1]), nullptr, false);
            if (doc.is_discarded() || !doc.is_object()) return undo(StoreStatus::Unavailable, "the stored document could not be read");
            doc.erase("comments");
            steps.push_back({std::string("UPDATE submissions SET document = ?, has_comments = ") + (db_->is_postgres() ? "false" : "0") +
                                 " WHERE id = CAST(? AS BIGINT)",
                             {doc.dump(), row}});
        }
        steps.push_back({"INSERT INTO erased_submissions (budget_id, id_hash, scope, erased_by, erased_at) VALUES (?, ?, ?, ?, ?)",
                         {budget_id, id_hash, std::string(scope == EraseScope::Whole ? "whole" : "comments"), officer, utc_now()}});
        for (const auto& [sql, params] : steps) {
            const SqlResult r = db_->query(sql, params);
            if (!r.ok) return undo(r.unique_violation ? StoreStatus::Exists : StoreStatus::Unavailable, r.error);
        }
        return StoreStatus::Ok;
    });
    if (status == StoreStatus::Ok) {
        ++erasure_version_;
        ++moderation_version_;  // published comments look again
        share(topic::kErasures);
    }
    return status;
}

bool OfficerStore::erased(std::vector<std::tuple<std::string, std::string, std::string>>& out, std::string& error) {
    const SqlResult r = run("SELECT budget_id, id_hash, scope FROM erased_submissions ORDER BY budget_id, id_hash");
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows) out.emplace_back(to_text(row[0]), to_text(row[1]), to_text(row[2]));
    return true;
}

StoreStatus OfficerStore::purge_personal_data(const std::string& budget_id, PurgeCounts& out, std::string& error) {
    const auto undo = [&error](StoreStatus status, const std::string& why) {
        error = why;
        return status;
    };
    const StoreStatus status = in_transaction(error, [&] {
        const SqlResult done = db_->query("SELECT 1 FROM purges WHERE budget_id = ?", {budget_id});
        if (!done.ok) return undo(StoreStatus::Unavailable, done.error);
        if (!done.rows.empty()) return undo(StoreStatus::Exists, "");
        // Each stored document loses its comments; the row keeps its choices and its has_comments flag.
        const SqlResult commented = db_->query("SELECT id, document FROM submissions WHERE budget_id = ? AND has_comments = " +
                                                   std::string(db_->is_postgres() ? "true" : "1"),
                                               {budget_id});
        if (!commented.ok) return undo(StoreStatus::Unavailable, commented.error);
        for (const auto& row : commented.rows) {
            nlohmann::ordered_json doc = nlohmann::ordered_json::parse(to_text(row[1]), nullptr, false);
            if (doc.is_discarded() || !doc.is_object() || !doc.contains("comments")) continue;
            doc.erase("comments");
            const SqlResult r = db_->query("UPDATE submissions SET document = ? WHERE id = CAST(? AS BIGINT)", {doc.dump(), to_text(row[0])});
            if (!r.ok) return undo(StoreStatus::Unavailable, r.error);
        }
        // The answers' totals (linked answers, by the version of their response) go where the answers were.
        const SqlResult totals = db_->query(
            "INSERT INTO purged_answer_totals (budget_id, budget_version, question, answer, answers) "
            "SELECT a.budget_id, s.budget_version, a.question, a.answer, COUNT(*) FROM demographic_answers a "
            "JOIN submissions s ON s.id = a.submission_row WHERE a.budget_id = ? GROUP BY a.budget_id, s.budget_version, a.question, a.answer",
            {budget_id});
        if (!totals.ok) return undo(StoreStatus::Unavailable, totals.error);
        const std::vector<std::pair<std::string, std::int64_t*>> deletions = {
            {"DELETE FROM comments WHERE budget_id = ?", &out.comments},
            {"DELETE FROM hidden_comments WHERE budget_id = ?", nullptr},
            {"DELETE FROM approved_comments WHERE budget_id = ?", nullptr},
            {"UPDATE submissions SET duplicate_key = NULL WHERE budget_id = ? AND duplicate_key IS NOT NULL", nullptr},
            {"DELETE FROM demographic_answers WHERE budget_id = ?", &out.answers},
            {"DELETE FROM voter_codes WHERE consultation = ?", &out.codes},
        };
        for (const auto& [sql, count] : deletions) {
            const SqlResult r = db_->query(sql, {budget_id});
            if (!r.ok) return undo(StoreStatus::Unavailable, r.error);
            if (count) *count = static_cast<std::int64_t>(r.changed);
        }
        const SqlResult recorded = db_->query("INSERT INTO purges (budget_id, purged_at, comments, answers, codes) VALUES (?, ?, CAST(? AS BIGINT), "
                                              "CAST(? AS BIGINT), CAST(? AS BIGINT))",
                                              {budget_id, utc_now(), std::to_string(out.comments), std::to_string(out.answers), std::to_string(out.codes)});
        if (!recorded.ok) return undo(recorded.unique_violation ? StoreStatus::Exists : StoreStatus::Unavailable, recorded.error);
        return StoreStatus::Ok;
    });
    if (status == StoreStatus::Ok) {
        ++erasure_version_;  // results count again (the answers now from their totals)
        ++moderation_version_;
        share(topic::kErasures);
    }
    return status;
}

bool OfficerStore::purges(std::map<std::string, Purge>& out, std::string& error) {
    const SqlResult r = run("SELECT budget_id, purged_at, comments, answers, codes FROM purges");
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows) out[to_text(row[0])] = {to_text(row[1]), {to_int(row[2]), to_int(row[3]), to_int(row[4])}};
    return true;
}

StoreStatus OfficerStore::add_consultation(const StartedConsultation& c, std::string& error) {
    const StoreStatus status = changed(run("INSERT INTO consultations (id, started_from, created_by, created_at) VALUES (?, ?, ?, ?)",
                                           {c.id, c.started_from, c.created_by, utc_now()}),
                                       error);
    if (status == StoreStatus::Ok) share(topic::kVersions);
    return status;
}

bool OfficerStore::sign_in_failures(const std::vector<std::string>& keys, std::int64_t now, std::int64_t window,
                                    std::map<std::string, std::pair<std::int64_t, std::int64_t>>& out, std::string& error) {
    out.clear();
    for (const auto& key : keys) {
        const SqlResult r = run("SELECT failures, first_at FROM sign_in_failures WHERE key = ? AND first_at > CAST(? AS BIGINT)",
                                {key, std::to_string(now - window)});
        if (!r.ok) {
            error = r.error;
            return false;
        }
        if (!r.rows.empty()) out[key] = {to_int(r.rows[0][0]), to_int(r.rows[0][1])};
    }
    return true;
}

bool OfficerStore::count_sign_in_failure(const std::string& key, std::int64_t now, std::int64_t window, std::string& error) {
    // Counts past their window go first (this one too, so it starts again), then this failure is added.
    SqlResult r = run("DELETE FROM sign_in_failures WHERE first_at <= CAST(? AS BIGINT)", {std::to_string(now - window)});
    if (r.ok)
        r = run("INSERT INTO sign_in_failures (key, failures, first_at) VALUES (?, 1, CAST(? AS BIGINT)) "
                "ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1",
                {key, std::to_string(now)});
    if (!r.ok) error = r.error;
    return r.ok;
}

bool OfficerStore::clear_sign_in_failures(const std::string& key, std::string& error) {
    const SqlResult r = run("DELETE FROM sign_in_failures WHERE key = ?", {key});
    if (!r.ok) error = r.error;
    return r.ok;
}

// A failure here is logged by no one: the change itself is stored, and the next change of the topic
// (or a restart) brings the other servers up to date.
void OfficerStore::share(const char* topic) {
    std::lock_guard<std::mutex> lock(mutex_);
    db_->query("INSERT INTO shared_changes (topic, version) VALUES (?, 1) ON CONFLICT (topic) DO UPDATE SET version = shared_changes.version + 1",
               {std::string(topic)});
    if (db_->is_postgres()) db_->query("SELECT pg_notify('budget_changes', ?)", {std::string(topic)});
}

bool OfficerStore::started_consultations(std::vector<StartedConsultation>& out, std::string& error) {
    const SqlResult r = run("SELECT id, started_from, created_by, created_at FROM consultations ORDER BY id");
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows) out.push_back({to_text(row[0]), to_text(row[1]), to_text(row[2]), to_text(row[3])});
    return true;
}

StoreStatus OfficerStore::schedule_publish(const ScheduledPublish& s, std::string& error) {
    const SqlResult r = run("INSERT INTO scheduled_publishes (budget_id, draft_id, publish_at, scheduled_by, scheduled_at) "
                            "VALUES (?, CAST(? AS BIGINT), CAST(? AS BIGINT), ?, ?)",
                            {s.budget_id, std::to_string(s.draft_id), std::to_string(s.publish_at), s.scheduled_by, utc_now()});
    const StoreStatus status = changed(r, error);
    if (status == StoreStatus::Ok) share(topic::kSchedules);
    return status;
}

StoreStatus OfficerStore::cancel_publish(const std::string& budget_id, std::string& error) {
    const StoreStatus status = changed(run("DELETE FROM scheduled_publishes WHERE budget_id = ?", {budget_id}), error);
    if (status == StoreStatus::Ok) share(topic::kSchedules);
    return status;
}

bool OfficerStore::scheduled_publishes(std::vector<ScheduledPublish>& out, std::string& error) {
    const SqlResult r = run("SELECT budget_id, draft_id, publish_at, scheduled_by, scheduled_at FROM scheduled_publishes ORDER BY publish_at, budget_id");
    if (!r.ok) {
        error = r.error;
        return false;
    }
    out.clear();
    for (const auto& row : r.rows) out.push_back({to_text(row[0]), to_int(row[1]), to_int(row[2]), to_text(row[3]), to_text(row[4])});
    return true;
}

}  // namespace storage
