// Shared by the fuzz targets: an example budget, loaded once (abort if it does not load).
#pragma once
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "budget_loader.h"

namespace fuzz {

inline budget::Budget example_budget(const std::string& name) {
    std::ifstream in(std::string(BUDGETS_DIR) + "/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    budget::BudgetLoad l = budget::load_budget(s.str());
    if (!l.budget) std::abort();
    return *l.budget;
}

}  // namespace fuzz
