// The council profiles the server holds (BUDGETS/councils/*.json), loaded once at start.
#pragma once
#include <map>
#include <string>

#include "council_profile.h"

namespace server::report {

using ProfileSet = std::map<std::string, budget::CouncilProfile>;  // by id

// Every *.json in `dir` must load, and each id is held once; false with `error` (every problem of the
// first broken file, one a line) otherwise. A missing folder is an empty set.
bool load_profiles(const std::string& dir, ProfileSet& out, std::string& error);

}  // namespace server::report
