// Results thresholds: the minimum for every budget, or an administrator's higher number from the database.
#include "results_thresholds.h"

namespace server {

bool ResultsThresholds::load(storage::OfficerStore* store, std::string& error) {
    store_ = store;
    std::map<std::string, storage::ResultsThreshold> stored;
    if (store && !store->results_thresholds(stored, error)) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    set_ = std::move(stored);
    ++version_;
    return true;
}

std::int64_t ResultsThresholds::get(const std::string& budget_id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = set_.find(budget_id);
    return it == set_.end() || it->second.responses < kMinPublicResponses ? kMinPublicResponses : it->second.responses;
}

storage::ResultsThreshold ResultsThresholds::setting(const std::string& budget_id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = set_.find(budget_id);
    return it == set_.end() ? storage::ResultsThreshold{} : it->second;
}

bool ResultsThresholds::change(const std::string& budget_id, storage::ResultsThreshold t, std::string& error) {
    if (t.responses < kMinPublicResponses) {
        error = "threshold.too_low";
        return false;
    }
    if (t.responses > kMaxPublicResponses) {
        error = "threshold.too_high";
        return false;
    }
    if (store_ && !store_->set_results_threshold(budget_id, t, error)) return false;
    if (t.changed_at.size() < 16) t.changed_at = "0000-00-00T00:00:00Z";  // no store: no time kept
    std::lock_guard<std::mutex> lock(mutex_);
    set_[budget_id] = t;
    ++version_;
    return true;
}

}  // namespace server
