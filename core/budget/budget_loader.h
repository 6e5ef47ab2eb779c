// Loads a budget file: every problem is found in one pass and reported with its location.
#pragma once
#include <optional>
#include <string>

#include "budget.h"
#include "json_document.h"
#include "problem.h"

namespace budget {

constexpr int kBudgetFormatVersion = 1;

struct BudgetLoad {
    std::optional<Budget> budget;  // set only when there are no problems
    Problems problems;
    Problems warnings;  // usable, but a resident would struggle (e.g. a lever of more than 100 steps)
};

constexpr int kMaxComfortableSteps = 100;  // more, and a slider moves in steps a finger cannot hit

BudgetLoad load_budget(std::string text, const JsonLimits& limits = JsonLimits{});

// The kind of council a file names at `ptr`/`key` ("english_county", ...), its problem reported there.
namespace json_reading { class Reader; }
std::optional<CouncilKind> read_council_kind(json_reading::Reader& r, const nlohmann::json& obj, const std::string& ptr);

}  // namespace budget
