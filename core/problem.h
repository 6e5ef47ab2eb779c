// Problems are values: a stable code, where it happened, and a message. Nothing in core throws.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace budget {

struct Problem {
    std::string code;     // stable id, e.g. "budget.duplicate_id"; tests and clients match on it
    std::string pointer;  // JSON pointer into the document ("" is the whole document)
    int line = 0;         // 1-based; 0 when unknown
    int column = 0;       // 1-based, in characters
    std::string message;  // human text, no location
};

// "FILE:LINE:COLUMN: /pointer: message [code]"
std::string format_problem(const Problem& p, std::string_view file);

using Problems = std::vector<Problem>;

}  // namespace budget
