// The schema as numbered migrations over SqlDb, the same statements for SQLite and PostgreSQL.
#include "schema.h"

#include <nlohmann/json.hpp>

#include "storage.h"

namespace storage {

namespace {

using nlohmann::json;

// Migration 1: every table in the shape it first shipped in. A database made before versions were
// recorded already has some of them; IF NOT EXISTS leaves those as they are.
constexpr const char* kTables = R"sql(
CREATE TABLE IF NOT EXISTS submissions (
  id {ID},
  submission_id TEXT NOT NULL UNIQUE,
  budget_id TEXT NOT NULL,
  budget_version {INT} NOT NULL,
  received_at TEXT NOT NULL,
  has_comments {BOOL} NOT NULL,
  choices {BLOB} NOT NULL,
  document TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_by_budget ON submissions (budget_id, id);
-- Demographic answers, given with consent, a row per answer; never in the stored document or its exports.
CREATE TABLE IF NOT EXISTS demographic_answers (
  budget_id TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS demographic_answers_by_budget ON demographic_answers (budget_id);
CREATE TABLE IF NOT EXISTS officers (
  id {ID},
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('admin', 'analyst')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  password_changed_at TEXT NOT NULL
);
-- A session's id is never stored: only its BLAKE2b hash.
CREATE TABLE IF NOT EXISTS officer_sessions (
  id_hash TEXT PRIMARY KEY,
  officer_id BIGINT NOT NULL REFERENCES officers (id) ON DELETE CASCADE,
  created_epoch BIGINT NOT NULL,
  last_seen_epoch BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_log (
  id {ID},
  at TEXT NOT NULL,
  officer TEXT NOT NULL,
  action TEXT NOT NULL,
  object TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hidden_comments (
  budget_id TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  about TEXT NOT NULL,
  reason TEXT NOT NULL,
  officer TEXT NOT NULL,
  hidden_at TEXT NOT NULL,
  PRIMARY KEY (budget_id, submission_id, about)
);
-- When an officer has changed a consultation's dates (NULL: no limit); none: the budget file's dates.
CREATE TABLE IF NOT EXISTS consultation_windows (
  budget_id TEXT PRIMARY KEY,
  opens_at BIGINT,
  closes_at BIGINT,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
-- Tokens for scripts: only the hash of each is kept; budgets is a comma-separated list of ids.
CREATE TABLE IF NOT EXISTS api_tokens (
  id {ID},
  officer_id BIGINT NOT NULL REFERENCES officers (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  budgets TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
-- Budgets uploaded in the console: the budget document read from the file (NULL when it could not be
-- read) and its problems; a draft with none may be published as the budget's next version.
CREATE TABLE IF NOT EXISTS budget_drafts (
  id {ID},
  budget_id TEXT NOT NULL,
  source_name TEXT NOT NULL,
  source_kind TEXT NOT NULL CHECK (source_kind IN ('xlsx', 'json')),
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  budget_json TEXT,
  problems_json TEXT NOT NULL,
  ok INTEGER NOT NULL,
  published_version BIGINT
);
-- Every version published in the console; residents' submissions keep the version they were made against.
CREATE TABLE IF NOT EXISTS budget_versions (
  budget_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  budget_json TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (budget_id, version)
);
-- One-time voter codes: a hash of the consultation and the code, never the code itself.
CREATE TABLE IF NOT EXISTS voter_codes (
  consultation TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  batch TEXT NOT NULL,
  created_at TEXT NOT NULL,
  used_by TEXT,
  used_at TEXT,
  PRIMARY KEY (consultation, code_hash)
);
-- How many responses a budget's public results wait for, where an administrator raised it (never below 10).
CREATE TABLE IF NOT EXISTS results_thresholds (
  budget_id TEXT PRIMARY KEY,
  responses BIGINT NOT NULL CHECK (responses >= 10),
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
)sql";

// Migration 2 (shipped 2026-11-23): comments kept apart, so that results need no parsing.
constexpr const char* kComments = R"sql(
CREATE TABLE comments (
  submission_row {INT} NOT NULL REFERENCES submissions (id),
  budget_id TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  about TEXT NOT NULL,
  comment TEXT NOT NULL{COMMENT_SEQ}
);
CREATE INDEX IF NOT EXISTS comments_by_budget ON comments (budget_id, submission_row);
)sql";

// Migration 3 (shipped 2026-11-30): each answer linked to its submission's row, so results break
// down by answer. Answers stored before stay unlinked (NULL).
constexpr const char* kAnswersIndex = R"sql(
CREATE INDEX IF NOT EXISTS demographic_answers_by_row ON demographic_answers (budget_id, submission_row);
)sql";

// Migration 4 (shipped 2026-12-07): council profiles uploaded and published in the console, kept as
// budgets are.
constexpr const char* kProfileTables = R"sql(
CREATE TABLE IF NOT EXISTS profile_drafts (
  id {ID},
  profile_id TEXT NOT NULL,
  source_name TEXT NOT NULL,
  source_kind TEXT NOT NULL CHECK (source_kind IN ('xlsx', 'json')),
  uploaded_by TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  profile_json TEXT,
  problems_json TEXT NOT NULL,
  ok INTEGER NOT NULL,
  published_version BIGINT
);
CREATE TABLE IF NOT EXISTS profile_versions (
  profile_id TEXT NOT NULL,
  version BIGINT NOT NULL,
  profile_json TEXT NOT NULL,
  published_by TEXT NOT NULL,
  published_at TEXT NOT NULL,
  PRIMARY KEY (profile_id, version)
);
)sql";

// Migration 6 (shipped 2026-12-07): publishes scheduled for a time, one per budget at most; and
// consultations started in the console (no budget file on the server).
constexpr const char* kScheduledPublishes = R"sql(
CREATE TABLE IF NOT EXISTS consultations (
  id TEXT PRIMARY KEY,
  started_from TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS scheduled_publishes (
  budget_id TEXT PRIMARY KEY,
  draft_id BIGINT NOT NULL,
  publish_at BIGINT NOT NULL,
  scheduled_by TEXT NOT NULL,
  scheduled_at TEXT NOT NULL
);
)sql";

// Migration 7 (shipped 2026-12-07): responses erased at a resident's request, by a keyed hash of
// their id only, so a device resending one is answered without storing it again.
constexpr const char* kErasedSubmissions = R"sql(
CREATE TABLE IF NOT EXISTS erased_submissions (
  budget_id TEXT NOT NULL,
  id_hash TEXT NOT NULL,
  scope TEXT NOT NULL CHECK (scope IN ('whole', 'comments')),
  erased_by TEXT NOT NULL,
  erased_at TEXT NOT NULL,
  PRIMARY KEY (budget_id, id_hash)
);
)sql";

// Migration 8 (shipped 2026-12-07): retention. Each consultation's purge of personal data once
// its retain_days after the close have passed, and the totals per answer kept in their place.
constexpr const char* kRetention = R"sql(
CREATE TABLE IF NOT EXISTS purges (
  budget_id TEXT PRIMARY KEY,
  purged_at TEXT NOT NULL,
  comments BIGINT NOT NULL,
  answers BIGINT NOT NULL,
  codes BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS purged_answer_totals (
  budget_id TEXT NOT NULL,
  budget_version BIGINT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  answers BIGINT NOT NULL,
  PRIMARY KEY (budget_id, budget_version, question, answer)
);
)sql";

// Migration 9 (shipped 2026-12-08): comments approved for publishing (where a consultation checks
// them first), and a keyed hash that marks likely duplicate responses until the purge. The hash has
// no index: an index of random keys would cost every insert, and only the dashboard reads them.
constexpr const char* kModeration = R"sql(
CREATE TABLE IF NOT EXISTS approved_comments (
  budget_id TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  about TEXT NOT NULL,
  officer TEXT NOT NULL,
  approved_at TEXT NOT NULL,
  PRIMARY KEY (budget_id, submission_id, about)
);
)sql";

// What one server changed that the others must pick up: each topic's count goes up with every change
// (moderation, dates, published versions...), and PostgreSQL's NOTIFY says when to look.
constexpr const char* kSharedChanges = R"sql(
CREATE TABLE IF NOT EXISTS shared_changes (
  topic TEXT PRIMARY KEY,
  version {INT} NOT NULL
);
CREATE TABLE IF NOT EXISTS sign_in_failures (
  key TEXT PRIMARY KEY,
  failures {INT} NOT NULL,
  first_at {INT} NOT NULL
);
)sql";

// PostgreSQL alone: the transaction that stored each row, so readers follow commit order, not id order.
constexpr const char* kCommitOrder = R"sql(
ALTER TABLE submissions ADD COLUMN IF NOT EXISTS txid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX IF NOT EXISTS submissions_commit_order ON submissions (budget_id, budget_version, txid);
)sql";

constexpr const char* kVersionTable = R"sql(
CREATE TABLE IF NOT EXISTS schema_version (
  version BIGINT PRIMARY KEY,
  description TEXT NOT NULL,
  applied_at TEXT NOT NULL
);
)sql";

// Whether `table` exists; false with `error` set when the question failed.
bool table_exists(SqlDb& db, const std::string& table, bool& exists, std::string& error) {
    const SqlResult r = db.is_postgres()
                            ? db.query("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?", {table})
                            : db.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", {table});
    if (!r.ok) error = r.error;
    exists = r.ok && !r.rows.empty();
    return r.ok;
}

class Migrator {
public:
    Migrator(SqlDb& db, MigrationReport& report, std::string& error) : db_(db), report_(report), error_(error) {}

    bool run(const std::string& sql) {
        if (db_.script(dialect_sql(sql, db_.is_postgres()).c_str(), error_)) return true;
        while (!error_.empty() && (error_.back() == '\n' || error_.back() == ' ')) error_.pop_back();
        return false;
    }

    SqlResult query(const std::string& sql, const std::vector<SqlValue>& params = {}) {
        SqlResult r = db_.query(sql, params);
        if (!r.ok) error_ = r.error;
        return r;
    }

    // Whether `table` exists; false also when the question failed (error_ says so).
    bool has_table(const std::string& table) {
        bool exists = false;
        return table_exists(db_, table, exists, error_) && exists;
    }

    // Whether `table` has `column`; false also when the question failed (error_ says so).
    bool has_column(const std::string& table, const std::string& column) {
        const SqlResult r =
            db_.is_postgres()
                ? query("SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?",
                        {table, column})
                : query("SELECT 1 FROM pragma_table_info(?) WHERE name = ?", {table, column});
        return r.ok && !r.rows.empty();
    }

    bool add_column(const std::string& table, const std::string& column, const std::string& definition) {
        if (has_column(table, column)) return true;
        if (!error_.empty()) return false;
        return run("ALTER TABLE " + table + " ADD COLUMN " + column + " " + definition + ";");
    }

    // Submissions stored before migration 2 gain their balanced flag and their comments rows, read
    // from the stored document (whose totals the server checked against the core when it was sent).
    bool backfill_balanced_and_comments() {
        const SqlResult rows = query("SELECT id, budget_id, submission_id, document FROM submissions ORDER BY id");
        if (!rows.ok) return false;
        for (const SqlRow& row : rows.rows) {
            const std::string id = row[0].value_or(""), document = row[3].value_or("");
            const json doc = json::parse(document, nullptr, false);
            const json* gap = nullptr;
            if (doc.is_object() && doc.contains("outcome") && doc["outcome"].is_object() && doc["outcome"].contains("remaining_gap_pence"))
                gap = &doc["outcome"]["remaining_gap_pence"];
            if (!gap || !gap->is_number_integer()) {
                error_ = "submission row " + id + " has no outcome.remaining_gap_pence in its stored document, so whether it balanced is unknown";
                return false;
            }
            const bool balanced = gap->get<std::int64_t>() <= 0;
            const std::string flag = db_.is_postgres() ? (balanced ? "true" : "false") : (balanced ? "1" : "0");
            if (!query("UPDATE submissions SET balanced = ? WHERE id = ?", {flag, id}).ok) return false;
            std::vector<std::pair<std::string, std::string>> comments;
            if (const auto c = doc.find("comments"); c != doc.end() && c->is_object()) {
                if (const auto o = c->find("overall"); o != c->end() && o->is_string()) comments.emplace_back("overall", o->get<std::string>());
                if (const auto s = c->find("services"); s != c->end() && s->is_object())
                    for (const auto& [service, text] : s->items())
                        if (text.is_string()) comments.emplace_back(service, text.get<std::string>());
            }
            for (const auto& [about, text] : comments)
                if (!query("INSERT INTO comments (submission_row, budget_id, submission_id, about, comment) VALUES (?, ?, ?, ?, ?)",
                           {id, row[1], row[2], about, text})
                         .ok)
                    return false;
            ++report_.rows_backfilled;
        }
        return true;
    }

    bool apply(int version) {
        switch (version) {
            case 1: return run(kTables);
            case 2: {
                if (has_table("comments")) return add_column("submissions", "balanced", "{BOOL} NOT NULL DEFAULT {FALSE}");
                if (!error_.empty()) return false;
                return run(kComments) && add_column("submissions", "balanced", "{BOOL} NOT NULL DEFAULT {FALSE}") &&
                       backfill_balanced_and_comments();
            }
            case 3:
                return add_column("demographic_answers", "submission_row", "{INT} REFERENCES submissions (id)") && run(kAnswersIndex);
            case 4: return run(kProfileTables);
            case 5: return add_column("submissions", "ratings", "TEXT NOT NULL DEFAULT ''");
            case 6:
                return add_column("budget_versions", "restored_from", "BIGINT") && add_column("profile_versions", "restored_from", "BIGINT") &&
                       run(kScheduledPublishes);
            case 7: return run(kErasedSubmissions);
            case 8: return run(kRetention);
            case 9: return add_column("submissions", "duplicate_key", "TEXT") && run(kModeration);
            case 10: return run(kSharedChanges) && (!db_.is_postgres() || run(kCommitOrder));
            default: error_ = "no migration " + std::to_string(version); return false;
        }
    }

private:
    SqlDb& db_;
    MigrationReport& report_;
    std::string& error_;
};

}  // namespace

const std::vector<Migration>& migrations() {
    static const std::vector<Migration> list = {
        {1, "the tables as first shipped"},
        {2, "comments kept apart and a balanced flag on each submission"},
        {3, "demographic answers linked to their submission"},
        {4, "council profiles kept in the console"},
        {5, "residents' ratings on each submission, for the public shares"},
        {6, "consultations started in the console, publishes scheduled for a time, and versions that restore an earlier one"},
        {7, "responses erased at a resident's request, kept only as a keyed hash of their id"},
        {8, "retention: each consultation's purge of personal data, and the totals per answer kept"},
        {9, "comments approved before publishing, and a keyed hash marking likely duplicate responses"},
        {10, "several servers on one database: changes shared between them, the sign-in throttle, and rows read in commit order"},
    };
    return list;
}

int current_schema_version() { return migrations().back().version; }

std::string dialect_sql(std::string_view sql, bool postgres) {
    static const std::pair<const char*, std::pair<const char*, const char*>> kTokens[] = {
        {"{ID}", {"INTEGER PRIMARY KEY", "BIGSERIAL PRIMARY KEY"}},
        {"{INT}", {"INTEGER", "BIGINT"}},
        {"{BOOL}", {"INTEGER", "BOOLEAN"}},
        {"{FALSE}", {"0", "FALSE"}},
        {"{BLOB}", {"BLOB", "BYTEA"}},
        {"{COMMENT_SEQ}", {"", ",\n  seq BIGSERIAL"}},
    };
    std::string out(sql);
    for (const auto& [token, words] : kTokens) {
        const std::string with = postgres ? words.second : words.first;
        for (auto at = out.find(token); at != std::string::npos; at = out.find(token, at + with.size())) out.replace(at, std::string(token).size(), with);
    }
    return out;
}

bool recorded_schema_version(SqlDb& db, int& version, std::string& error) {
    version = 0;
    bool exists = false;
    if (!table_exists(db, "schema_version", exists, error)) return false;
    if (!exists) return true;
    const SqlResult r = db.query("SELECT MAX(version) FROM schema_version");
    if (!r.ok) {
        error = r.error;
        return false;
    }
    if (!r.rows.empty() && r.rows[0][0]) version = std::stoi(*r.rows[0][0]);
    return true;
}

bool migrate(SqlDb& db, MigrationReport& report, std::string& error) {
    report = MigrationReport{};
    const auto fail = [&](const std::string& why) {
        db.query("ROLLBACK");
        error = why;
        return false;
    };
    // One migrator at a time: SQLite takes its write lock at BEGIN IMMEDIATE, PostgreSQL an advisory lock.
    if (const SqlResult begin = db.query(db.is_postgres() ? "BEGIN" : "BEGIN IMMEDIATE"); !begin.ok) return fail(begin.error);
    if (db.is_postgres()) {
        if (const SqlResult lock = db.query("SELECT pg_advisory_xact_lock(7202612)"); !lock.ok) return fail(lock.error);
    }
    std::string why;
    if (!db.script(kVersionTable, why)) return fail("cannot record the schema version: " + why);
    int version = 0;
    if (!recorded_schema_version(db, version, why)) return fail("cannot read the schema version: " + why);
    report.from = report.to = version;
    if (version > current_schema_version())
        return fail("the database's schema is version " + std::to_string(version) + ", newer than this program's (" +
                    std::to_string(current_schema_version()) + "): run the newer budget-server that made it");
    MigrationReport work = report;
    Migrator migrator(db, work, why);
    for (const Migration& m : migrations()) {
        if (m.version <= version) continue;
        if (!migrator.apply(m.version))
            return fail("migration " + std::to_string(m.version) + " (" + m.description + ") failed: " + why);
        if (const SqlResult r = db.query("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                                         {std::to_string(m.version), std::string(m.description), utc_now()});
            !r.ok)
            return fail("cannot record migration " + std::to_string(m.version) + ": " + r.error);
        work.to = m.version;
    }
    if (const SqlResult commit = db.query("COMMIT"); !commit.ok) return fail(commit.error);
    report = work;
    return true;
}

bool bring_up_to_date(SqlDb& db, std::string& error) {
    MigrationReport report;
    if (migrate(db, report, error)) return true;
    error = "cannot bring the database's tables up to date: " + error;
    return false;
}

bool prepare_database(const std::string& data_dir, const std::string& database_url, std::string& error) {
    auto db = open_sql_db(data_dir, database_url, error);
    return db && bring_up_to_date(*db, error);
}

}  // namespace storage
