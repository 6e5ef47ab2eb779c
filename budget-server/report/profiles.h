// The council profiles the server holds: BUDGETS/councils/*.json at start, then each version an officer
// publishes in the console. Requests take an immutable snapshot; publishing swaps in a new one.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "council_profile.h"

namespace server::report {

using ProfileSet = std::map<std::string, budget::CouncilProfile>;  // by id

// Where a held profile came from, for the console.
struct ProfileSource {
    std::string json;          // the document, as loaded or published (for downloads)
    std::int64_t version = 0;  // 0: the file the server started from; then 1, 2, ... as published
    std::string published_by, published_at;
};

struct ProfileSnapshot {
    ProfileSet profiles;
    std::map<std::string, ProfileSource> sources;  // by id
};

class ProfileRegistry {
public:
    std::shared_ptr<const ProfileSnapshot> get() const;
    // Adds a profile, or replaces the one with its id.
    void put(budget::CouncilProfile profile, ProfileSource source);

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const ProfileSnapshot> snapshot_ = std::make_shared<ProfileSnapshot>();
};

// Every *.json in `dir` must load, and each id is held once; false with `error` (every problem of the
// first broken file, one a line) otherwise. A missing folder adds nothing.
bool load_profiles(const std::string& dir, ProfileRegistry& out, std::string& error);

}  // namespace server::report
