// The budget at a glance: where the money comes from, where it goes (by group), and what it costs
// per resident and per Band D household, for a simulated outcome. Exact: integer pence throughout.
#pragma once
#include <optional>
#include <vector>

#include "budget.h"
#include "simulation.h"

namespace budget {

struct GroupSpend {
    Pence spend = 0;   // its services' spend after the choices
    Pence locked = 0;  // of which fixed (locked lines, e.g. a ring-fenced grant)
};

struct Overview {
    Pence net_budget = 0;            // what the council spends after the choices (Outcome::spend_total)
    std::vector<Pence> funding;      // per funding line, as Budget::funding
    Pence council_tax = 0;           // council tax income after the choices
    Pence other_income = 0;          // income options taken
    std::vector<GroupSpend> groups;  // per group, as Budget::groups
    Pence unlinked_savings = 0;      // savings not drawn from one service (shown beside the groups)
    Pence one_off_costs = 0;
    Pence per_resident = 0;          // net_budget / population, to the nearest penny (0 without a population)
    Pence per_band_d = 0;            // net_budget per Band D equivalent household, to the nearest penny
};

Overview overview(const Budget& b, const Outcome& o);

// The lowest council tax change on the slider (its stops, or else its steps) at or below the
// choice that still balances these choices: what a surplus would allow. Nothing when the choices
// do not balance.
std::optional<BasisPoints> lowest_balancing_council_tax(const Budget& b, const Choices& c);

// How the gap closes, each term in pence: gap_to_close + service_changes - savings + one_off_costs
// - income - council_tax == remaining gap, exactly.
struct GapSteps {
    Pence gap_to_close = 0, service_changes = 0, savings = 0, one_off_costs = 0, income = 0, council_tax = 0, remaining = 0;
};
GapSteps gap_steps(const Budget& b, const Outcome& o);

}  // namespace budget
