// A fast reader for submissions that are well-formed and valid: no JSON tree, no allocation per
// value. Anything unusual (or any problem) makes it return false, and validate_submission's full
// path, built on nlohmann/json, decides and reports. Both paths apply the same rules.
#pragma once
#include <string_view>

#include "budget.h"
#include "simulation.h"
#include "submission_rules.h"

namespace budget {

bool read_valid_submission_fast(const Budget& b, std::string_view text, Submission& s, Outcome& o);

}  // namespace budget
