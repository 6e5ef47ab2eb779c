// Durable storage of submissions: the interface both back ends (SQLite, PostgreSQL) implement, and
// the group-commit writer that batches concurrent inserts into one transaction.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace storage {

// One submission as stored. Demographic answers (given with consent) go to their own table, linked
// to the submission's row; the stored document never holds them.
struct NewSubmission {
    std::string budget_id;
    std::int64_t budget_version = 0;
    std::string submission_id;
    std::string document;      // canonical JSON, demographics removed; a retry must match it exactly
    std::string choices;       // core/submission/choices_codec.h bytes, for fast aggregation
    bool has_comments = false;
    bool balanced = false;
    std::string ratings;       // resident_ratings.h codes ("s:waste=1,c:trust=0"), "" when none
    std::vector<std::pair<std::string, std::string>> comments;      // about ("overall" or a service id), text
    std::vector<std::pair<std::string, std::string>> demographics;  // question, answer
    // For a consultation that requires voter codes: the code's hash (voter_codes.h). The row is stored
    // only if that code is unused, and the code is marked used by it in the same transaction.
    std::string code_hash;
    // A keyed hash of the sender's address with the choices and comments (never the address itself):
    // the same key within minutes marks a likely duplicate. "" when not known (paper, the tool).
    std::string duplicate_key;
};

struct InsertResult {
    // CodeUsed: the voter code was used by another submission; CodeUnknown: no such code was made.
    enum class Kind { Inserted, Duplicate, Conflict, Unavailable, CodeUsed, CodeUnknown } kind = Kind::Unavailable;
    std::int64_t id = 0;
    std::string received_at;  // UTC, ISO 8601
    std::string error;        // for Unavailable: what failed (logged, not shown to residents)
};

// Where a reader of one budget version's rows has got to, so the next read brings only rows it has
// not seen. Rows can commit out of id order when several servers write to one PostgreSQL, so there
// the mark is a transaction watermark: `xmin` (no transaction older than it was still running at the
// last read) and the rows already read from transactions at or after it. SQLite has one writer, so
// its rows commit in id order and `after_row` alone is enough.
struct ScanMark {
    std::int64_t after_row = 0;          // rows up to this id are left out (SQLite: the newest read)
    std::string xmin;                    // PostgreSQL: "" before the first read
    std::set<std::int64_t> recent;       // PostgreSQL: rows read whose transaction is `xmin` or newer
    std::int64_t rows_read = 0;          // rows delivered through this mark in all
};

struct StoredRow {
    std::int64_t id = 0;
    std::int64_t budget_version = 0;  // the version of the budget it was made against
    std::string submission_id;
    std::string received_at;
    std::string document;
    std::string choices;
    bool has_comments = false;
    bool balanced = false;
    std::string ratings;  // resident_ratings.h codes
};

// What a back end has done since start, for /metrics.
struct StorageStats {
    std::uint64_t batches = 0, written = 0;  // group commits, and submissions written by them
    std::uint64_t retried_batches = 0;       // written again after a deadlock or serialization failure
    std::size_t connections_in_use = 0;      // reader connections leased now (PostgreSQL)
    std::int64_t watermark_lag = 0;          // transactions between the last read's watermark and the newest (PostgreSQL)
};

class Storage {
public:
    virtual ~Storage() = default;
    // Completes `done` (on the writer thread) only after the row is durable, or on failure.
    virtual void insert(NewSubmission s, std::function<void(InsertResult)> done) = 0;
    virtual bool healthy(std::string& why) = 0;
    // Calls `row` for each stored submission of a budget, oldest first; `with_documents` false
    // leaves documents empty (aggregates need only the compact choices). False, with `error`, on failure.
    virtual bool scan(const std::string& budget_id, bool with_documents, const std::function<void(const StoredRow&)>& row,
                      std::string& error) = 0;
    // Calls `comment` for each comment of a budget, in the order submissions were stored.
    virtual bool scan_comments(const std::string& budget_id,
                               const std::function<void(const std::string& submission_id, const std::string& about,
                                                        const std::string& text)>& comment,
                               std::string& error) = 0;
    // In one snapshot: calls `row` for each submission of a budget's `version` that `mark` has not seen
    // (documents left empty, times given), then `answer` (question, answer) for their demographic
    // answers, and moves `mark` past them. For results kept up to date a little at a time. On failure
    // `mark` is unchanged, though some rows may have been delivered.
    virtual bool scan_since(const std::string& budget_id, std::int64_t version, ScanMark& mark,
                            const std::function<void(const StoredRow&)>& row,
                            const std::function<void(const std::string&, const std::string&)>& answer, std::string& error) = 0;
    // The newest `limit` comments of a budget, newest first (for publishing).
    virtual bool latest_comments(const std::string& budget_id, std::size_t limit,
                                 const std::function<void(const std::string& submission_id, const std::string& about,
                                                          const std::string& text)>& comment,
                                 std::string& error) = 0;
    // Calls `answer` (submission row, question, answer) for each demographic answer linked to its
    // submission (answers stored before they were linked are left out).
    virtual bool scan_answers(const std::string& budget_id,
                              const std::function<void(std::int64_t row, const std::string& question, const std::string& answer)>& answer,
                              std::string& error) = 0;
    virtual void stop() = 0;  // finishes queued writes, then stops the writer
    // "N submissions in M commits" since start: how well group commit is batching.
    virtual std::string commit_stats() const = 0;
    virtual StorageStats stats() const = 0;
    // Called on the writer thread with the size of each group commit (set before any insert).
    virtual void on_batch(std::function<void(std::size_t)> observer) = 0;
};

// Batches queued inserts: the writer thread takes everything queued, commits it in one
// transaction, then completes each request. One fsync for many residents.
class GroupCommitter {
public:
    struct Pending {
        NewSubmission submission;
        std::function<void(InsertResult)> done;
        InsertResult result;
    };
    using WriteBatch = std::function<void(std::vector<Pending>&)>;

    explicit GroupCommitter(WriteBatch write, std::size_t max_batch = 512);
    ~GroupCommitter();
    void submit(NewSubmission s, std::function<void(InsertResult)> done);
    void stop();
    void on_batch(std::function<void(std::size_t)> observer) { on_batch_ = std::move(observer); }
    std::uint64_t batches() const { return batches_; }
    std::uint64_t written() const { return written_; }
    // Time in the writer, in microseconds: writing batches (statements and commit), and answering them.
    std::uint64_t writing_us() const { return writing_us_; }
    std::uint64_t answering_us() const { return answering_us_; }

private:
    void run();
    void answer();
    WriteBatch write_;
    std::function<void(std::size_t)> on_batch_;
    std::size_t max_batch_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Pending> queue_;
    bool stopping_ = false;
    std::uint64_t batches_ = 0, written_ = 0;
    std::uint64_t writing_us_ = 0, answering_us_ = 0;
    // Written batches wait here for their answers, made on a thread of their own so the writer
    // goes straight on to the next commit.
    std::mutex answer_mutex_;
    std::condition_variable answer_wake_;
    std::deque<std::vector<Pending>> answers_;
    bool answers_closing_ = false;
    std::thread answerer_;
    std::thread thread_;
};

std::string describe_commits(const GroupCommitter& c);

// UTC now as "2026-11-22T23:59:00.123Z".
std::string utc_now();

// Opens the configured back end: PostgreSQL for a postgresql:// URL, else SQLite in `data_dir`.
// `max_connections`: PostgreSQL connections this back end may hold (its writer and readers).
std::unique_ptr<Storage> open_storage(const std::string& data_dir, const std::string& database_url, std::string& error,
                                      std::size_t max_connections = 8);

}  // namespace storage
