// The simulation: a resident's choices in, the budget's totals, bills and indicators out.
#pragma once
#include <vector>

#include "budget.h"

namespace budget {

struct Choices {
    std::vector<BasisPoints> service_bp;  // per service, change from baseline
    std::vector<char> efficiency_on;      // per efficiency option
    std::vector<char> income_on;          // per income option
    BasisPoints council_tax_bp = 0;
};

// Every lever at rest: no service change, no option taken, the council tax lever at its default.
Choices default_choices(const Budget& b);
// Every lever at its most saving: used to check that a budget can be balanced at all.
Choices most_saving_choices(const Budget& b);

struct ServiceOutcome {
    Pence spend = 0;          // baseline + change - savings drawn from this service
    Pence change = 0;         // from the lever alone
    std::size_t consequence = 0;  // index into Service::consequences (0 when there are none)
};

struct KpiOutcome {
    Milli current = 0;
    Milli projected = 0;
    Milli moved = 0;  // projected - current
    Rag current_rag = Rag::Red;
    Rag projected_rag = Rag::Red;
};

struct Outcome {
    Pence service_spend = 0;       // sum of service spend after lever changes and linked savings
    Pence unlinked_savings = 0;    // savings not tied to one service
    Pence efficiency_savings = 0;  // all savings taken
    Pence one_off_costs = 0;
    Pence high_risk_savings = 0;
    Pence spend_total = 0;         // service_spend - unlinked_savings + one_off_costs

    Pence band_d = 0;
    Pence council_tax_income = 0;
    Pence council_tax_change = 0;  // against the baseline charge
    Pence income_options = 0;
    Pence funding_total = 0;       // funding lines + council tax + income options

    Pence remaining_gap = 0;  // spend - funding: above zero a gap, below zero a surplus
    bool balanced = false;    // remaining_gap <= 0

    std::vector<ServiceOutcome> services;
    std::vector<Pence> bills;  // per band, as Budget::council_tax.bands
    std::vector<KpiOutcome> kpis;
};

// Deterministic and exact. `choices` must have the budget's shape (see validate_choices).
void simulate(const Budget& b, const Choices& choices, Outcome& out);
Outcome simulate(const Budget& b, const Choices& choices);

// RAG status of a value for an indicator.
Rag rag_of(const Kpi& kpi, Milli value);

// A household's bill in `band` split across unlocked services in proportion to their spend;
// the lines sum exactly to the bill (largest-remainder rounding). Locked lines are grant-funded.
void tax_receipt(const Budget& b, const Outcome& o, std::size_t band, std::vector<Pence>& out);

// Effect in milli-units of one response for a change of `bp` (diminishing returns, capped).
Milli response_effect(const KpiResponse& r, BasisPoints bp);

}  // namespace budget
