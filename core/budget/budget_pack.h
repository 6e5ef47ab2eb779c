// A budget pack: a checked budget in compact binary form, for the browser. The app reads packs so
// it needs no JSON parser; `budget-tool pack` and the collector write them from validated files.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "budget.h"
#include "problem.h"

namespace budget {

constexpr unsigned kBudgetPackVersion = 5;  // 2: the council tax lever's stops; 3: voter codes; 4: the profile and its digest; 5: similar councils

// "BPK", u8 version, u64 FNV-1a checksum of the payload, then every field of the budget in order.
std::string pack_budget(const Budget& b);

struct BudgetUnpack {
    std::optional<Budget> budget;  // set only when the pack is whole and well formed
    Problem problem;               // otherwise: pack.not_a_pack, pack.version, pack.checksum or pack.malformed
};
BudgetUnpack unpack_budget(std::string_view bytes);

}  // namespace budget
