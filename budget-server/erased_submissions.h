// Responses erased at a resident's request: only a keyed hash of each id is kept (under the server's
// secret), so a device resending an erased response is answered without storing it again.
#pragma once
#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>

#include "officer_store.h"

namespace server {

class ErasedSubmissions {
public:
    explicit ErasedSubmissions(const std::array<unsigned char, 32>& key) : key_(key) {}
    // 64 hex digits: BLAKE2b of the budget id and the submission id, keyed.
    std::string hash(const std::string& budget_id, const std::string& submission_id) const;
    bool load(storage::OfficerStore& store, std::string& error);
    void add(const std::string& budget_id, const std::string& id_hash, storage::EraseScope scope);
    enum class State { Kept, ErasedWhole, CommentsErased };
    State state(const std::string& budget_id, const std::string& submission_id) const;

private:
    std::array<unsigned char, 32> key_;
    mutable std::mutex mutex_;
    std::map<std::string, storage::EraseScope> erased_;  // by budget id, '\n', hash
    std::atomic<bool> any_{false};                       // nothing erased: no hash to work out
};

}  // namespace server
