// The budgets this server holds: each consultation's current version and every version published in
// the console. Requests take an immutable snapshot and keep it while they work; publishing swaps in a
// new snapshot, so nothing a request holds changes under it.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "budget.h"
#include "intake.h"

namespace server {

struct BudgetEdition {
    std::shared_ptr<const budget::Budget> budget;
    std::string json;          // the document, as loaded or published (for downloads)
    std::string pack;          // the app's binary form of it
    std::string etag;          // the pack's
    std::string brotli;        // the pack, compressed (may be empty)
    std::string published_by;  // "" for the file the server started from
    std::string published_at;
    std::int64_t restored_from = 0;  // a rollback: the earlier version it repeats
};

struct BudgetSet {
    std::map<std::string, BudgetEdition> current;                                // by id
    std::map<std::string, std::map<std::int64_t, BudgetEdition>> versions;       // by id, then version
    budget::PublishedBudgets published;  // the same versions, for the core's intake (newest first)
    const BudgetEdition* find(const std::string& id) const;
    const BudgetEdition* find(const std::string& id, std::int64_t version) const;
};

class BudgetRegistry {
public:
    std::shared_ptr<const BudgetSet> get() const;
    // Adds a version (its pack and ETag are made here); it becomes current when newer than the current one.
    void add(BudgetEdition edition);
    // Makes again the pack of every version of a budget that names `profile` (its digest changed).
    void repack_naming(const std::string& profile);
    // Called on each budget before it is packed (the collector attaches its annual report digest).
    void set_before_pack(std::function<void(budget::Budget&)> hook);
    // The edition of a loaded budget, the hook applied: its pack and ETag made, its JSON kept.
    BudgetEdition edition(budget::Budget b, std::string json, std::string published_by = "", std::string published_at = "") const;

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const BudgetSet> set_ = std::make_shared<BudgetSet>();
    std::function<void(budget::Budget&)> before_pack_;
};

// The edition of a loaded budget: its pack and ETag made, its JSON kept.
BudgetEdition make_edition(budget::Budget b, std::string json, std::string published_by = "", std::string published_at = "");

}  // namespace server
