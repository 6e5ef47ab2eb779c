// Problems are values: a stable code, where it happened, and a message. Nothing in core throws.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace budget {

struct Problem {
    Problem() = default;
    Problem(std::string code_, std::string pointer_, int line_, int column_, std::string message_, std::string place_ = {})
        : code(std::move(code_)), pointer(std::move(pointer_)), line(line_), column(column_), message(std::move(message_)),
          place(std::move(place_)) {}
    std::string code;     // stable id, e.g. "budget.duplicate_id"; tests and clients match on it
    std::string pointer;  // JSON pointer into the document ("" is the whole document)
    int line = 0;         // 1-based; 0 when unknown
    int column = 0;       // 1-based, in characters
    std::string message;  // human text, no location
    std::string place;    // a workbook cell ("Services!F12"), when the problem came from a workbook
};

// "FILE:LINE:COLUMN: /pointer: message [code]", "FILE:SHEET!CELL: message [code]" for a workbook's cell,
// or "FILE: message [code]" for the whole file (no line, pointer or place)
std::string format_problem(const Problem& p, std::string_view file);

using Problems = std::vector<Problem>;

}  // namespace budget
