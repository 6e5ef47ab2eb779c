// How many responses each budget's public results wait for, so that no figure is ever about one
// person: never fewer than kMinPublicResponses; an administrator may raise it per consultation in the
// console (kept in the database).
#pragma once
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "officer_store.h"

namespace server {

constexpr std::int64_t kMinPublicResponses = 10;
constexpr std::int64_t kMaxPublicResponses = 1000000;  // a higher threshold would hide results for good

class ResultsThresholds {
public:
    // The administrators' thresholds in `store` (may be null: every budget at the minimum).
    bool load(storage::OfficerStore* store, std::string& error);
    std::int64_t get(const std::string& budget_id) const;
    storage::ResultsThreshold setting(const std::string& budget_id) const;  // responses 0: never changed
    // Written to the database first; refused (false, error "threshold.too_low" / "threshold.too_high")
    // outside kMinPublicResponses..kMaxPublicResponses.
    bool change(const std::string& budget_id, storage::ResultsThreshold t, std::string& error);
    // Counts changes, so cached results know to look again.
    std::uint64_t version() const { return version_.load(); }

private:
    storage::OfficerStore* store_ = nullptr;
    mutable std::mutex mutex_;
    std::map<std::string, storage::ResultsThreshold> set_;
    std::atomic<std::uint64_t> version_{0};
};

}  // namespace server
