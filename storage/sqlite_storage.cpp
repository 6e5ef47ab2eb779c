// SQLite back end (the default): one file in the data folder, WAL mode, synchronous=FULL so that
// a commit is on disk before anyone is told it is stored.
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>

#include "storage.h"

namespace storage {

namespace {

// A prepared statement that finalises itself.
class Statement {
public:
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr); }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    sqlite3_stmt* get() const { return stmt_; }
    explicit operator bool() const { return stmt_ != nullptr; }
    void text(int i, const std::string& v) { sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
    void blob(int i, const std::string& v) { sqlite3_bind_blob(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
    void integer(int i, std::int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
    void null(int i) { sqlite3_bind_null(stmt_, i); }
    int step() { return sqlite3_step(stmt_); }
    void reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    std::string column_text(int i) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, i));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
    }
    std::string column_blob(int i) const {
        const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt_, i));
        return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, i))) : std::string();
    }

private:
    sqlite3_stmt* stmt_ = nullptr;
};

bool exec(sqlite3* db, const char* sql, std::string& error) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) == SQLITE_OK) return true;
    error = message ? message : sqlite3_errmsg(db);
    sqlite3_free(message);
    return false;
}

// A connection that closes itself, after every statement made on it (declare it first) has been
// finalised. A close that fails is a leak, so it is reported on stderr, never ignored.
class SqliteConnection {
public:
    SqliteConnection() = default;
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    ~SqliteConnection() { close(); }
    SqliteConnection(SqliteConnection&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
    SqliteConnection& operator=(SqliteConnection&& o) noexcept {
        if (this != &o) { close(); db_ = o.db_; o.db_ = nullptr; }
        return *this;
    }
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;
    sqlite3* get() const { return db_; }
    explicit operator bool() const { return db_ != nullptr; }

private:
    void close() {
        if (!db_) return;
        if (sqlite3_close(db_) != SQLITE_OK) {
            std::fprintf(stderr, "sqlite: a connection could not close (%s); closing it when its statements end\n",
                         sqlite3_errmsg(db_));
            sqlite3_close_v2(db_);
        }
        db_ = nullptr;
    }
    sqlite3* db_ = nullptr;
};

sqlite3* open_db(const std::string& path, bool write, std::string& error) {
    sqlite3* db = nullptr;
    const int flags = write ? (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        error = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        return nullptr;
    }
    sqlite3_busy_timeout(db, 5000);
    return db;
}

class SqliteStorage : public Storage {
public:
    SqliteStorage(std::string path, SqliteConnection writer)
        : path_(std::move(path)), writer_(std::move(writer)),
          insert_(writer_.get(), "INSERT INTO submissions (submission_id, budget_id, budget_version, received_at, has_comments, balanced, "
                          "choices, document, ratings, duplicate_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (submission_id) DO NOTHING"),
          existing_(writer_.get(), "SELECT id, received_at, document FROM submissions WHERE submission_id = ?"),
          answer_(writer_.get(), "INSERT INTO demographic_answers (budget_id, question, answer, submission_row) VALUES (?, ?, ?, ?)"),
          comment_(writer_.get(), "INSERT INTO comments (submission_row, budget_id, submission_id, about, comment) VALUES (?, ?, ?, ?, ?)"),
          use_code_(writer_.get(), "UPDATE voter_codes SET used_by = ?, used_at = ? WHERE consultation = ? AND code_hash = ? AND used_by IS NULL"),
          code_known_(writer_.get(), "SELECT 1 FROM voter_codes WHERE consultation = ? AND code_hash = ?"),
          unstore_(writer_.get(), "DELETE FROM submissions WHERE id = ?"),
          committer_([this](std::vector<GroupCommitter::Pending>& b) { write(b); }) {}
    ~SqliteStorage() override { committer_.stop(); }  // the statements, then the connection, close after

    void insert(NewSubmission s, std::function<void(InsertResult)> done) override { committer_.submit(std::move(s), std::move(done)); }
    void stop() override { committer_.stop(); }
    std::string commit_stats() const override { return describe_commits(committer_); }
    StorageStats stats() const override { return {committer_.batches(), committer_.written(), 0, 0, 0}; }
    void on_batch(std::function<void(std::size_t)> observer) override { committer_.on_batch(std::move(observer)); }

    bool healthy(std::string& why) override {
        SqliteConnection db = open_reader(why);
        if (!db) return false;
        Statement st(db.get(), "SELECT count(*) FROM (SELECT 1 FROM submissions LIMIT 1)");
        const bool ok = st && st.step() == SQLITE_ROW;
        if (!ok) why = sqlite3_errmsg(db.get());
        return ok;
    }

    bool scan(const std::string& budget_id, bool with_documents, const std::function<void(const StoredRow&)>& row,
              std::string& error) override {
        const char* sql = with_documents
                              ? "SELECT id, submission_id, received_at, has_comments, choices, balanced, document, budget_version, ratings FROM submissions "
                                "WHERE budget_id = ? ORDER BY id"
                              : "SELECT id, submission_id, received_at, has_comments, choices, balanced, '', budget_version, ratings FROM submissions "
                                "WHERE budget_id = ? ORDER BY id";
        StoredRow r;
        return query(budget_id, sql, [&](const Statement& st) {
            r.id = sqlite3_column_int64(st.get(), 0);
            r.submission_id = st.column_text(1);
            r.received_at = st.column_text(2);
            r.has_comments = sqlite3_column_int(st.get(), 3) != 0;
            r.choices = st.column_blob(4);
            r.balanced = sqlite3_column_int(st.get(), 5) != 0;
            r.document = st.column_text(6);
            r.budget_version = sqlite3_column_int64(st.get(), 7);
            r.ratings = st.column_text(8);
            row(r);
        }, error);
    }

    bool latest_comments(const std::string& budget_id, std::size_t limit,
                         const std::function<void(const std::string&, const std::string&, const std::string&)>& comment,
                         std::string& error) override {
        const std::string sql = "SELECT submission_id, about, comment FROM comments WHERE budget_id = ? ORDER BY submission_row DESC, "
                                "rowid DESC LIMIT " + std::to_string(limit);
        return query(budget_id, sql.c_str(), [&](const Statement& st) { comment(st.column_text(0), st.column_text(1), st.column_text(2)); },
                     error);
    }

    bool scan_answers(const std::string& budget_id,
                      const std::function<void(std::int64_t, const std::string&, const std::string&)>& answer,
                      std::string& error) override {
        return query(budget_id,
                     "SELECT submission_row, question, answer FROM demographic_answers WHERE budget_id = ? AND submission_row IS NOT NULL",
                     [&](const Statement& st) { answer(sqlite3_column_int64(st.get(), 0), st.column_text(1), st.column_text(2)); }, error);
    }

    bool scan_since(const std::string& budget_id, std::int64_t version, ScanMark& mark, const std::function<void(const StoredRow&)>& row,
                    const std::function<void(const std::string&, const std::string&)>& answer, std::string& error) override {
        const std::int64_t after = mark.after_row;
        std::int64_t delivered = 0;
        SqliteConnection db = open_reader(error);
        if (!db) return false;
        if (!exec(db.get(), "BEGIN", error)) return false;  // one snapshot for both tables
        bool ok = true;
        std::int64_t newest = after;
        {
            Statement st(db.get(), "SELECT id, has_comments, choices, balanced, budget_version, received_at, ratings FROM submissions WHERE budget_id = ? AND id > ? "
                                   "AND budget_version = ? ORDER BY id");
            Statement answers(db.get(), "SELECT question, answer FROM demographic_answers WHERE budget_id = ? AND "
                                        "((submission_row > ? AND submission_row <= ? AND submission_row IN "
                                        "(SELECT id FROM submissions WHERE budget_version = ?)) OR (? = 0 AND submission_row IS NULL))");
            if (!st || !answers) {
                error = sqlite3_errmsg(db.get());
                ok = false;
            } else {
                st.text(1, budget_id);
                st.integer(2, after);
                st.integer(3, version);
                StoredRow r;
                int rc = 0;
                while ((rc = st.step()) == SQLITE_ROW) {
                    r.id = newest = sqlite3_column_int64(st.get(), 0);
                    r.has_comments = sqlite3_column_int(st.get(), 1) != 0;
                    r.choices = st.column_blob(2);
                    r.balanced = sqlite3_column_int(st.get(), 3) != 0;
                    r.budget_version = sqlite3_column_int64(st.get(), 4);
                    r.received_at = st.column_text(5);
                    r.ratings = st.column_text(6);
                    ++delivered;
                    row(r);
                }
                if (rc != SQLITE_DONE) { error = sqlite3_errmsg(db.get()); ok = false; }
                answers.text(1, budget_id);
                answers.integer(2, after);
                answers.integer(3, newest);
                answers.integer(4, version);
                answers.integer(5, after);
                while (ok && (rc = answers.step()) == SQLITE_ROW) answer(answers.column_text(0), answers.column_text(1));
                if (ok && rc != SQLITE_DONE) { error = sqlite3_errmsg(db.get()); ok = false; }
            }
            // Answers purged at the end of retention are counted from their totals, kept apart.
            if (ok && after == 0 && mark.rows_read == 0) {
                Statement totals(db.get(), "SELECT question, answer, answers FROM purged_answer_totals WHERE budget_id = ? AND budget_version = ?");
                if (!totals) {
                    error = sqlite3_errmsg(db.get());
                    ok = false;
                } else {
                    totals.text(1, budget_id);
                    totals.integer(2, version);
                    int rc = 0;
                    while ((rc = totals.step()) == SQLITE_ROW)
                        for (std::int64_t n = sqlite3_column_int64(totals.get(), 2); n > 0; --n) answer(totals.column_text(0), totals.column_text(1));
                    if (rc != SQLITE_DONE) { error = sqlite3_errmsg(db.get()); ok = false; }
                }
            }
        }
        std::string ignored;
        exec(db.get(), "COMMIT", ignored);
        if (ok) {
            mark.after_row = newest;
            mark.rows_read += delivered;
        }
        return ok;
    }

    bool scan_comments(const std::string& budget_id,
                       const std::function<void(const std::string&, const std::string&, const std::string&)>& comment,
                       std::string& error) override {
        return query(budget_id, "SELECT submission_id, about, comment FROM comments WHERE budget_id = ? ORDER BY submission_row, rowid",
                     [&](const Statement& st) { comment(st.column_text(0), st.column_text(1), st.column_text(2)); }, error);
    }

private:
    SqliteConnection open_reader(std::string& error) const { return SqliteConnection(open_db(path_, false, error)); }

    // Runs a read-only query with the budget id bound to its one parameter, row by row.
    bool query(const std::string& budget_id, const char* sql, const std::function<void(const Statement&)>& row, std::string& error) {
        SqliteConnection db = open_reader(error);
        if (!db) return false;
        Statement st(db.get(), sql);
        if (!st) {
            error = sqlite3_errmsg(db.get());
            return false;
        }
        st.text(1, budget_id);
        int rc = 0;
        while ((rc = st.step()) == SQLITE_ROW) row(st);
        if (rc == SQLITE_DONE) return true;
        error = sqlite3_errmsg(db.get());
        return false;
    }

    // One transaction for the whole batch; on any failure every request in it is told so.
    void write(std::vector<GroupCommitter::Pending>& batch) {
        std::string error;
        const std::string now = utc_now();
        auto fail_all = [&](const std::string& why) {
            for (Statement* st : {&insert_, &existing_, &answer_, &comment_, &use_code_, &code_known_, &unstore_}) st->reset();
            exec(writer_.get(), "ROLLBACK", error);
            for (auto& p : batch) p.result = InsertResult{InsertResult::Kind::Unavailable, 0, "", why};
        };
        Statement& insert = insert_;
        Statement& existing = existing_;
        Statement& answer = answer_;
        Statement& comment = comment_;
        if (!insert || !existing || !answer || !comment || !use_code_ || !code_known_ || !unstore_)
            return fail_all(sqlite3_errmsg(writer_.get()));
        if (!exec(writer_.get(), "BEGIN IMMEDIATE", error)) return fail_all(error);
        for (auto& p : batch) {
            const NewSubmission& s = p.submission;
            insert.text(1, s.submission_id);
            insert.text(2, s.budget_id);
            insert.integer(3, s.budget_version);
            insert.text(4, now);
            insert.integer(5, s.has_comments ? 1 : 0);
            insert.integer(6, s.balanced ? 1 : 0);
            insert.blob(7, s.choices);
            insert.text(8, s.document);
            insert.text(9, s.ratings);
            if (s.duplicate_key.empty()) insert.null(10);
            else insert.text(10, s.duplicate_key);
            if (insert.step() != SQLITE_DONE) return fail_all(sqlite3_errmsg(writer_.get()));
            insert.reset();
            if (sqlite3_changes(writer_.get()) == 1) {
                const std::int64_t row_id = sqlite3_last_insert_rowid(writer_.get());
                p.result = InsertResult{InsertResult::Kind::Inserted, row_id, now, ""};
                if (!s.code_hash.empty()) {  // the code, if still unused, is this row's; else the row goes again
                    use_code_.text(1, s.submission_id);
                    use_code_.text(2, now);
                    use_code_.text(3, s.budget_id);
                    use_code_.text(4, s.code_hash);
                    if (use_code_.step() != SQLITE_DONE) return fail_all(sqlite3_errmsg(writer_.get()));
                    use_code_.reset();
                    if (sqlite3_changes(writer_.get()) != 1) {
                        code_known_.text(1, s.budget_id);
                        code_known_.text(2, s.code_hash);
                        const int known = code_known_.step();
                        code_known_.reset();
                        if (known != SQLITE_ROW && known != SQLITE_DONE) return fail_all(sqlite3_errmsg(writer_.get()));
                        unstore_.integer(1, row_id);
                        if (unstore_.step() != SQLITE_DONE) return fail_all(sqlite3_errmsg(writer_.get()));
                        unstore_.reset();
                        p.result = InsertResult{known == SQLITE_ROW ? InsertResult::Kind::CodeUsed : InsertResult::Kind::CodeUnknown, 0, "", ""};
                        continue;
                    }
                }
                for (const auto& [about, text] : s.comments) {
                    comment.integer(1, row_id);
                    comment.text(2, s.budget_id);
                    comment.text(3, s.submission_id);
                    comment.text(4, about);
                    comment.text(5, text);
                    if (comment.step() != SQLITE_DONE) return fail_all(sqlite3_errmsg(writer_.get()));
                    comment.reset();
                }
                for (const auto& [q, a] : s.demographics) {
                    answer.text(1, s.budget_id);
                    answer.text(2, q);
                    answer.text(3, a);
                    answer.integer(4, row_id);
                    if (answer.step() != SQLITE_DONE) return fail_all(sqlite3_errmsg(writer_.get()));
                    answer.reset();
                }
                continue;
            }
            existing.text(1, s.submission_id);
            if (existing.step() != SQLITE_ROW) return fail_all(sqlite3_errmsg(writer_.get()));
            const bool same = existing.column_text(2) == s.document;
            p.result = InsertResult{same ? InsertResult::Kind::Duplicate : InsertResult::Kind::Conflict,
                                    sqlite3_column_int64(existing.get(), 0), existing.column_text(1), ""};
            existing.reset();
        }
        if (!exec(writer_.get(), "COMMIT", error)) return fail_all(error);
    }

    std::string path_;
    SqliteConnection writer_;
    Statement insert_, existing_, answer_, comment_;  // prepared once, reused for every batch
    Statement use_code_, code_known_, unstore_;      // voter codes: mark used; is it known; take the row back
    GroupCommitter committer_;
};

}  // namespace

std::unique_ptr<Storage> open_sqlite_storage(const std::string& data_dir, std::string& error) {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);  // no global allocation statistics (a mutex per malloc)
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) {
        error = "cannot create data folder " + data_dir + ": " + ec.message();
        return nullptr;
    }
    const std::string path = (std::filesystem::path(data_dir) / "submissions.sqlite3").string();
    sqlite3* db = open_db(path, true, error);
    if (!db) {
        error = "cannot open " + path + ": " + error;
        return nullptr;
    }
    SqliteConnection writer(db);
    if (!exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", error)) {
        error = "cannot prepare " + path + ": " + error;
        return nullptr;
    }
    return std::make_unique<SqliteStorage>(path, std::move(writer));
}

}  // namespace storage
