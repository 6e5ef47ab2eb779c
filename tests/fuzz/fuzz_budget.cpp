// Fuzz target: any bytes given to the budget loader give a budget or problems, never a crash.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "budget_loader.h"
#include "simulation.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    budget::BudgetLoad l = budget::load_budget(std::string(reinterpret_cast<const char*>(data), size));
    if (l.budget.has_value() == !l.problems.empty()) std::abort();  // exactly one of the two
    for (const auto& p : l.problems) {
        if (p.code.empty() || p.message.empty() || p.line < 1 || p.column < 1) std::abort();
        (void)budget::format_problem(p, "fuzz");
    }
    if (l.budget) {
        const budget::Outcome o = budget::simulate(*l.budget, budget::most_saving_choices(*l.budget));
        (void)o;
    }
    return 0;
}
