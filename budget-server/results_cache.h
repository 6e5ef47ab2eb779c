// Public results, kept in memory per budget and brought up to date from storage at most once a
// second on a thread of its own, so a request for them costs a copy of a string, never a scan.
#pragma once
#include <functional>
#include "budget_registry.h"
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "aggregation.h"
#include "budget.h"
#include "officer_store.h"
#include "results_thresholds.h"
#include "storage.h"

namespace server {

// Comments published with a budget's results (comments_public), newest first.
struct PublicComment {
    std::string about, text;
};
constexpr std::size_t kPublishedComments = 50;

// The public results document of a budget from its aggregate (and its published comments). Below
// `threshold` responses it holds the count and "suppressed": true, and no figure or comment.
std::string results_json(const budget::Budget& b, const budget::Aggregator& agg, const std::vector<PublicComment>& comments = {},
                         std::int64_t threshold = kMinPublicResponses);

class ResultsCache {
public:
    // `officers` (may be null) says which comments moderation hid; `thresholds` (may be null: the
    // minimum) how many responses each budget's results wait for.
    // Follows each budget's current version in `budgets`: a newly published version starts its own results.
    ResultsCache(const BudgetRegistry& budgets, storage::Storage& storage, storage::OfficerStore* officers = nullptr,
                 const ResultsThresholds* thresholds = nullptr, std::chrono::milliseconds period = std::chrono::milliseconds(1000));
    ~ResultsCache();
    ResultsCache(const ResultsCache&) = delete;
    ResultsCache& operator=(const ResultsCache&) = delete;

    // The latest results document of a public budget; null until its first load has finished.
    std::shared_ptr<const std::string> get(const std::string& budget_id) const;
    // Residents' ratings of a public budget's current version, as of its latest document; null before.
    std::shared_ptr<const budget::RatingTally> ratings(const std::string& budget_id) const;
    // Refresh now rather than at the next period (a submission was just stored).
    void poke();
    // Called on the refresh thread with each new document: (budget id, rows counted, document),
    // and at once, on the caller's thread, with every document made before it was given.
    void on_update(std::function<void(const std::string&, std::int64_t, const std::shared_ptr<const std::string>&)> listener);
    void stop();

private:
    struct Entry {
        explicit Entry(std::shared_ptr<const budget::Budget> b) : budget(std::move(b)) { aggregate.emplace(*budget); }
        std::shared_ptr<const budget::Budget> budget;
        std::optional<budget::Aggregator> aggregate;  // touched only by the refresh thread
        storage::ScanMark mark;  // how far the aggregate has read
        bool body_stale = false;  // rows were counted since `body` was made
        std::uint64_t moderation_seen = 0, thresholds_seen = 0, erasures_seen = 0;
        std::shared_ptr<const std::string> body;  // guarded by mutex_
        std::shared_ptr<const budget::RatingTally> ratings;  // guarded by mutex_
        std::int64_t published_row = 0;           // the rows read when `body` was made (its event id); guarded by mutex_
    };
    void run();
    void follow_versions();  // entries for the current versions of public budgets
    void refresh(Entry& e);

    bool published_comments(const budget::Budget& b, std::vector<PublicComment>& out);
    const BudgetRegistry& budgets_;
    storage::Storage& storage_;
    storage::OfficerStore* officers_;
    const ResultsThresholds* thresholds_;
    std::chrono::milliseconds period_;
    std::map<std::string, std::shared_ptr<Entry>> entries_;  // guarded by mutex_ (the refresh thread alone changes it)
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool poked_ = false;
    std::function<void(const std::string&, std::int64_t, const std::shared_ptr<const std::string>&)> listener_;  // set before use
    std::thread thread_;
};

}  // namespace server
