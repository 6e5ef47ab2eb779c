// PostgreSQL back end (libpq), for a --database postgresql://... URL. Same tables and group commit
// as SQLite; PostgreSQL's default synchronous_commit=on makes each commit durable.
#include <libpq-fe.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <tuple>
#include <memory>
#include <mutex>
#include <set>
#include <vector>

#include "storage.h"

namespace storage {

namespace {

using PgConnection = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using Result = std::unique_ptr<PGresult, decltype(&PQclear)>;

PgConnection connect(const std::string& url, std::string& error) {
    PgConnection c(PQconnectdb(url.c_str()), &PQfinish);
    if (!c || PQstatus(c.get()) != CONNECTION_OK) {
        error = c ? PQerrorMessage(c.get()) : "out of memory";
        while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
        return PgConnection(nullptr, &PQfinish);
    }
    return c;
}

Result run(PGconn* c, const char* sql, std::initializer_list<std::pair<const std::string*, bool>> params = {}) {
    std::vector<const char*> values;
    std::vector<int> lengths, formats;
    for (const auto& [value, binary] : params) {
        values.push_back(value ? value->data() : nullptr);  // no value: NULL
        lengths.push_back(value ? static_cast<int>(value->size()) : 0);
        formats.push_back(binary ? 1 : 0);
    }
    return Result(PQexecParams(c, sql, static_cast<int>(values.size()), nullptr, values.data(), lengths.data(),
                               formats.data(), 1),
                  &PQclear);
}

bool ok(const Result& r) {
    const auto s = PQresultStatus(r.get());
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

std::int64_t int8(const PGresult* r, int row, int col) {  // binary BIGINT, network order
    const auto* p = reinterpret_cast<const unsigned char*>(PQgetvalue(r, row, col));
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
    return static_cast<std::int64_t>(v);
}
std::string value(const PGresult* r, int row, int col) {
    return std::string(PQgetvalue(r, row, col), static_cast<std::size_t>(PQgetlength(r, row, col)));
}

// Calls `row(batch, i)` for every row of the open cursor "rows", 5,000 at a time.
bool each_fetched(PGconn* c, const std::function<void(const PGresult*, int)>& row, std::string& error) {
    for (;;) {
        Result batch = run(c, "FETCH 5000 FROM rows");
        if (!ok(batch)) {
            error = PQresultErrorMessage(batch.get());
            return false;
        }
        const int n = PQntuples(batch.get());
        if (n == 0) return true;
        for (int i = 0; i < n; ++i) row(batch.get(), i);
    }
}

// Reader connections: at most `cap` open at once (a reader waits up to 10 s for one), and idle ones
// kept for reuse, since each new one costs PostgreSQL a process. A connection goes back only when
// healthy and outside any transaction.
class ConnectionPool {
public:
    ConnectionPool(std::string url, std::size_t cap) : url_(std::move(url)), cap_(std::max<std::size_t>(1, cap)) {}

    class Lease {
    public:
        Lease(ConnectionPool* pool, PgConnection c) : pool_(pool), c_(std::move(c)) {}
        Lease(Lease&& other) noexcept : pool_(other.pool_), c_(std::move(other.c_)) { other.pool_ = nullptr; }
        Lease& operator=(Lease&&) = delete;
        ~Lease() {
            if (!pool_) return;
            const bool keep = c_ && PQstatus(c_.get()) == CONNECTION_OK && PQtransactionStatus(c_.get()) == PQTRANS_IDLE;
            pool_->give_back(keep ? std::move(c_) : PgConnection(nullptr, &PQfinish));
        }
        PGconn* get() const { return c_.get(); }
        explicit operator bool() const { return static_cast<bool>(c_); }
        void discard() { c_.reset(); }

    private:
        ConnectionPool* pool_;
        PgConnection c_;
    };

    Lease acquire(std::string& error, bool fresh = false) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!free_.wait_for(lock, std::chrono::seconds(10), [this] { return in_use_ < cap_; })) {
            error = "all " + std::to_string(cap_) + " database connections of this server are in use";
            return Lease(nullptr, PgConnection(nullptr, &PQfinish));
        }
        ++in_use_;
        if (!fresh && !idle_.empty()) {
            PgConnection c = std::move(idle_.back());
            idle_.pop_back();
            return Lease(this, std::move(c));
        }
        lock.unlock();
        PgConnection c = connect(url_, error);
        if (!c) {
            give_back(PgConnection(nullptr, &PQfinish));
            return Lease(nullptr, std::move(c));
        }
        return Lease(this, std::move(c));
    }

    std::size_t in_use() const {
        std::lock_guard<std::mutex> lock(mutex_);
        return in_use_;
    }

private:
    void give_back(PgConnection c) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            --in_use_;
            if (c) idle_.push_back(std::move(c));
        }
        free_.notify_one();
    }
    std::string url_;
    std::size_t cap_;
    mutable std::mutex mutex_;
    std::condition_variable free_;
    std::size_t in_use_ = 0;
    std::vector<PgConnection> idle_;
};

class PostgresStorage : public Storage {
public:
    PostgresStorage(std::string url, PgConnection writer, std::size_t readers)
        : url_(std::move(url)), writer_(std::move(writer)), readers_(url_, readers),
          committer_([this](std::vector<GroupCommitter::Pending>& b) { write(b); }) {}
    ~PostgresStorage() override { committer_.stop(); }

    void insert(NewSubmission s, std::function<void(InsertResult)> done) override { committer_.submit(std::move(s), std::move(done)); }
    void stop() override { committer_.stop(); }
    std::string commit_stats() const override { return describe_commits(committer_); }
    StorageStats stats() const override {
        return {committer_.batches(), committer_.written(), retried_batches_.load(), readers_.in_use(), watermark_lag_.load()};
    }
    void on_batch(std::function<void(std::size_t)> observer) override { committer_.on_batch(std::move(observer)); }

    bool healthy(std::string& why) override {
        // A kept connection may have outlived a restart of the database: a second try is fresh.
        for (const bool fresh : {false, true}) {
            auto c = readers_.acquire(why, fresh);
            if (!c) return false;
            Result r = run(c.get(), "SELECT 1 FROM submissions LIMIT 1");
            if (ok(r)) return true;
            why = PQresultErrorMessage(r.get());
            c.discard();
        }
        return false;
    }

    bool scan(const std::string& budget_id, bool with_documents, const std::function<void(const StoredRow&)>& row,
              std::string& error) override {
        auto c = readers_.acquire(error);
        if (!c) return false;
        // A cursor keeps memory flat however many rows there are.
        if (!ok(run(c.get(), "BEGIN"))) { error = PQerrorMessage(c.get()); return false; }
        const char* sql = with_documents
                              ? "DECLARE rows NO SCROLL CURSOR FOR SELECT id, submission_id, received_at, has_comments, choices, "
                                "balanced, document, budget_version, ratings FROM submissions WHERE budget_id = $1 ORDER BY id"
                              : "DECLARE rows NO SCROLL CURSOR FOR SELECT id, submission_id, received_at, has_comments, choices, "
                                "balanced, '', budget_version, ratings FROM submissions WHERE budget_id = $1 ORDER BY id";
        if (!ok(run(c.get(), sql, {{&budget_id, false}}))) { error = PQerrorMessage(c.get()); return false; }
        StoredRow r;
        if (!each_fetched(c.get(), [&](const PGresult* batch, int i) {
                r.id = int8(batch, i, 0);
                r.submission_id = value(batch, i, 1);
                r.received_at = value(batch, i, 2);
                r.has_comments = *PQgetvalue(batch, i, 3) != 0;
                r.choices = value(batch, i, 4);
                r.balanced = *PQgetvalue(batch, i, 5) != 0;
                r.document = value(batch, i, 6);
                r.budget_version = int8(batch, i, 7);
                r.ratings = value(batch, i, 8);
                row(r);
            }, error))
            return false;
        run(c.get(), "COMMIT");
        return true;
    }

    bool scan_comments(const std::string& budget_id,
                       const std::function<void(const std::string&, const std::string&, const std::string&)>& comment,
                       std::string& error) override {
        auto c = readers_.acquire(error);
        if (!c) return false;
        Result r = run(c.get(), "SELECT submission_id, about, comment FROM comments WHERE budget_id = $1 ORDER BY submission_row, seq",
                       {{&budget_id, false}});
        if (!ok(r)) { error = PQresultErrorMessage(r.get()); return false; }
        for (int i = 0; i < PQntuples(r.get()); ++i) comment(value(r.get(), i, 0), value(r.get(), i, 1), value(r.get(), i, 2));
        return true;
    }

    bool latest_comments(const std::string& budget_id, std::size_t limit,
                         const std::function<void(const std::string&, const std::string&, const std::string&)>& comment,
                         std::string& error) override {
        auto c = readers_.acquire(error);
        if (!c) return false;
        const std::string sql = "SELECT submission_id, about, comment FROM comments WHERE budget_id = $1 ORDER BY submission_row DESC, "
                                "seq DESC LIMIT " + std::to_string(limit);
        Result r = run(c.get(), sql.c_str(), {{&budget_id, false}});
        if (!ok(r)) { error = PQresultErrorMessage(r.get()); return false; }
        for (int i = 0; i < PQntuples(r.get()); ++i) comment(value(r.get(), i, 0), value(r.get(), i, 1), value(r.get(), i, 2));
        return true;
    }

    bool scan_answers(const std::string& budget_id,
                      const std::function<void(std::int64_t, const std::string&, const std::string&)>& answer,
                      std::string& error) override {
        auto c = readers_.acquire(error);
        if (!c) return false;
        Result r = run(c.get(), "SELECT submission_row, question, answer FROM demographic_answers WHERE budget_id = $1 AND "
                                "submission_row IS NOT NULL",
                       {{&budget_id, false}});
        if (!ok(r)) { error = PQresultErrorMessage(r.get()); return false; }
        for (int i = 0; i < PQntuples(r.get()); ++i) answer(int8(r.get(), i, 0), value(r.get(), i, 1), value(r.get(), i, 2));
        return true;
    }

    bool scan_since(const std::string& budget_id, std::int64_t version, ScanMark& mark, const std::function<void(const StoredRow&)>& row,
                    const std::function<void(const std::string&, const std::string&)>& answer, std::string& error) override {
        auto c = readers_.acquire(error);
        if (!c) return false;
        // One snapshot for both tables; a cursor keeps memory flat however many rows there are. Rows are
        // read by transaction, not by id: a lower id can commit after a higher one on another server.
        // Every transaction below the snapshot's xmin has ended, so rows from them can be forgotten;
        // rows from newer ones are remembered in `recent` so the next read skips them.
        if (!ok(run(c.get(), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"))) { error = PQerrorMessage(c.get()); return false; }
        Result snapshot = run(c.get(), "SELECT pg_snapshot_xmin(s)::text, (pg_snapshot_xmax(s)::text::numeric - pg_snapshot_xmin(s)::text::numeric)::bigint "
                                       "FROM pg_current_snapshot() s");
        if (!ok(snapshot) || PQntuples(snapshot.get()) != 1) { error = PQresultErrorMessage(snapshot.get()); return false; }
        const std::string xmin = value(snapshot.get(), 0, 0);
        watermark_lag_ = int8(snapshot.get(), 0, 1);
        const std::string after_text = std::to_string(mark.after_row), version_text = std::to_string(version);
        const std::string* since = mark.xmin.empty() ? nullptr : &mark.xmin;
        if (!ok(run(c.get(), "DECLARE rows NO SCROLL CURSOR FOR SELECT id, has_comments, choices, balanced, budget_version, received_at, ratings, "
                             "txid >= $4::xid8 FROM submissions WHERE budget_id = $1 AND id > $2 AND budget_version = $3 AND "
                             "($5::xid8 IS NULL OR txid >= $5::xid8) ORDER BY id",
                    {{&budget_id, false}, {&after_text, false}, {&version_text, false}, {&xmin, false}, {since, false}}))) {
            error = PQerrorMessage(c.get());
            return false;
        }
        std::set<std::int64_t> recent;
        std::int64_t delivered = 0;
        StoredRow r;
        if (!each_fetched(c.get(), [&](const PGresult* batch, int i) {
                r.id = int8(batch, i, 0);
                if (*PQgetvalue(batch, i, 7) != 0) recent.insert(r.id);
                if (mark.recent.count(r.id)) return;
                r.has_comments = *PQgetvalue(batch, i, 1) != 0;
                r.choices = value(batch, i, 2);
                r.balanced = *PQgetvalue(batch, i, 3) != 0;
                r.budget_version = int8(batch, i, 4);
                r.received_at = value(batch, i, 5);
                r.ratings = value(batch, i, 6);
                ++delivered;
                row(r);
            }, error))
            return false;
        const bool first = mark.xmin.empty() && mark.after_row == 0;
        const std::string first_text = first ? "t" : "f";
        Result answers = run(c.get(), "SELECT a.submission_row, a.question, a.answer FROM demographic_answers a JOIN submissions s ON s.id = a.submission_row "
                                      "WHERE s.budget_id = $1 AND s.id > $2 AND s.budget_version = $3 AND ($4::xid8 IS NULL OR s.txid >= $4::xid8) "
                                      "UNION ALL SELECT 0, question, answer FROM demographic_answers WHERE $5 AND budget_id = $1 AND submission_row IS NULL",
                             {{&budget_id, false}, {&after_text, false}, {&version_text, false}, {since, false}, {&first_text, false}});
        if (!ok(answers)) { error = PQresultErrorMessage(answers.get()); return false; }
        for (int i = 0; i < PQntuples(answers.get()); ++i)
            if (!mark.recent.count(int8(answers.get(), i, 0))) answer(value(answers.get(), i, 1), value(answers.get(), i, 2));
        // Answers purged at the end of retention are counted from their totals, kept apart.
        if (first) {
            Result totals = run(c.get(), "SELECT question, answer, answers FROM purged_answer_totals WHERE budget_id = $1 AND budget_version = $2",
                                {{&budget_id, false}, {&version_text, false}});
            if (!ok(totals)) { error = PQresultErrorMessage(totals.get()); return false; }
            for (int i = 0; i < PQntuples(totals.get()); ++i)
                for (std::int64_t n = int8(totals.get(), i, 2); n > 0; --n) answer(value(totals.get(), i, 0), value(totals.get(), i, 1));
        }
        run(c.get(), "COMMIT");
        mark.xmin = xmin;
        mark.recent = std::move(recent);
        mark.rows_read += delivered;
        return true;
    }

private:
    // Batches from several servers take their locks in one order (voter codes, then submission ids),
    // so they cannot deadlock each other; a batch the database still refuses as a deadlock or a
    // serialization failure is written once more from the start, as is one whose connection was
    // lost (the database restarted): a row that did commit then answers as a duplicate, never twice.
    void write(std::vector<GroupCommitter::Pending>& batch) {
        std::sort(batch.begin(), batch.end(), [](const GroupCommitter::Pending& a, const GroupCommitter::Pending& b) {
            const bool a_code = !a.submission.code_hash.empty(), b_code = !b.submission.code_hash.empty();
            return std::tie(b_code, a.submission.budget_id, a.submission.code_hash, a.submission.submission_id) <
                   std::tie(a_code, b.submission.budget_id, b.submission.code_hash, b.submission.submission_id);
        });
        for (int attempt = 0; attempt < 2; ++attempt) {
            retryable_ = false;
            write_once(batch);
            if (!retryable_ && PQstatus(writer_.get()) == CONNECTION_OK) return;
            ++retried_batches_;
        }
    }

    void write_once(std::vector<GroupCommitter::Pending>& batch) {
        auto fail_all = [&](const std::string& why) {
            run(writer_.get(), "ROLLBACK");
            for (auto& p : batch) p.result = InsertResult{InsertResult::Kind::Unavailable, 0, "", why};
        };
        auto fail_result = [&](const Result& r) {
            const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
            retryable_ = state && (std::string(state) == "40001" || std::string(state) == "40P01");
            fail_all(PQresultErrorMessage(r.get()));
        };
        if (PQstatus(writer_.get()) != CONNECTION_OK) {
            PQreset(writer_.get());  // the database may have come back
            if (PQstatus(writer_.get()) != CONNECTION_OK) return fail_all(PQerrorMessage(writer_.get()));
        }
        if (!ok(run(writer_.get(), "BEGIN"))) return fail_all(PQerrorMessage(writer_.get()));
        const std::string now = utc_now();
        for (auto& p : batch) {
            const NewSubmission& s = p.submission;
            const std::string version = std::to_string(s.budget_version);
            const std::string comments = s.has_comments ? "t" : "f";
            const std::string balanced = s.balanced ? "t" : "f";
            Result ins = run(writer_.get(),
                             "INSERT INTO submissions (submission_id, budget_id, budget_version, received_at, has_comments, "
                             "balanced, choices, document, ratings, duplicate_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (submission_id) "
                             "DO NOTHING RETURNING id",
                             {{&s.submission_id, false}, {&s.budget_id, false}, {&version, false}, {&now, false},
                              {&comments, false}, {&balanced, false}, {&s.choices, true}, {&s.document, false}, {&s.ratings, false},
                              {s.duplicate_key.empty() ? nullptr : &s.duplicate_key, false}});
            if (!ok(ins)) return fail_result(ins);
            if (PQntuples(ins.get()) == 1) {
                const std::int64_t row_id = int8(ins.get(), 0, 0);
                p.result = InsertResult{InsertResult::Kind::Inserted, row_id, now, ""};
                const std::string row_text = std::to_string(row_id);
                if (!s.code_hash.empty()) {  // the code, if still unused, is this row's; else the row goes again
                    Result use = run(writer_.get(), "UPDATE voter_codes SET used_by = $1, used_at = $2 WHERE consultation = $3 AND "
                                                    "code_hash = $4 AND used_by IS NULL",
                                     {{&s.submission_id, false}, {&now, false}, {&s.budget_id, false}, {&s.code_hash, false}});
                    if (!ok(use)) return fail_result(use);
                    if (std::string(PQcmdTuples(use.get())) != "1") {
                        Result known = run(writer_.get(), "SELECT 1 FROM voter_codes WHERE consultation = $1 AND code_hash = $2",
                                           {{&s.budget_id, false}, {&s.code_hash, false}});
                        if (!ok(known)) return fail_result(known);
                        Result gone = run(writer_.get(), "DELETE FROM submissions WHERE id = $1", {{&row_text, false}});
                        if (!ok(gone)) return fail_result(gone);
                        p.result = InsertResult{PQntuples(known.get()) == 1 ? InsertResult::Kind::CodeUsed : InsertResult::Kind::CodeUnknown,
                                                0, "", ""};
                        continue;
                    }
                }
                for (const auto& [about, text] : s.comments) {
                    Result cm = run(writer_.get(), "INSERT INTO comments (submission_row, budget_id, submission_id, about, comment) "
                                                   "VALUES ($1, $2, $3, $4, $5)",
                                    {{&row_text, false}, {&s.budget_id, false}, {&s.submission_id, false}, {&about, false}, {&text, false}});
                    if (!ok(cm)) return fail_result(cm);
                }
                for (const auto& [q, a] : s.demographics) {
                    Result d = run(writer_.get(), "INSERT INTO demographic_answers (budget_id, question, answer, submission_row) "
                                                  "VALUES ($1, $2, $3, $4)",
                                   {{&s.budget_id, false}, {&q, false}, {&a, false}, {&row_text, false}});
                    if (!ok(d)) return fail_result(d);
                }
                continue;
            }
            Result ex = run(writer_.get(), "SELECT id, received_at, document FROM submissions WHERE submission_id = $1",
                            {{&s.submission_id, false}});
            if (!ok(ex) || PQntuples(ex.get()) != 1) return fail_result(ex);
            const bool same = value(ex.get(), 0, 2) == s.document;
            p.result = InsertResult{same ? InsertResult::Kind::Duplicate : InsertResult::Kind::Conflict,
                                    int8(ex.get(), 0, 0), value(ex.get(), 0, 1), ""};
        }
        // Every server's results and tallies wake when this commits (NOTIFY is sent at COMMIT).
        std::set<std::string> touched;
        for (const auto& p : batch)
            if (p.result.kind == InsertResult::Kind::Inserted) touched.insert(p.submission.budget_id);
        for (const auto& id : touched) {
            Result n = run(writer_.get(), "SELECT pg_notify('budget_rows', $1)", {{&id, false}});
            if (!ok(n)) return fail_result(n);
        }
        Result commit = run(writer_.get(), "COMMIT");
        if (!ok(commit)) return fail_result(commit);
    }

    bool retryable_ = false;  // the last write failed as a deadlock or serialization failure
    std::atomic<std::uint64_t> retried_batches_{0};
    std::atomic<std::int64_t> watermark_lag_{0};

    std::string url_;
    PgConnection writer_;
    ConnectionPool readers_;
    GroupCommitter committer_;
};

}  // namespace

std::unique_ptr<Storage> open_postgres_storage(const std::string& url, std::size_t max_connections, std::string& error) {
    PgConnection c = connect(url, error);
    if (!c) {
        error = "cannot connect to PostgreSQL: " + error;
        return nullptr;
    }
    // The writer holds one; the rest read (at least one).
    return std::make_unique<PostgresStorage>(url, std::move(c), max_connections > 1 ? max_connections - 1 : 1);
}

}  // namespace storage
