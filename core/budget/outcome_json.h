// The outcome of a simulation as JSON, for the command line, the tests and the wasm parity check.
#pragma once
#include <string>

#include "budget.h"
#include "simulation.h"

namespace budget {

// Money as integer pence, indicator values as integer milli-units: exact on every platform.
// `receipt_band` picks the household band for the per-service tax receipt (default Band D).
std::string outcome_to_json(const Budget& b, const Choices& c, const Outcome& o, const std::string& language = "en",
                            char receipt_band = 'D');

}  // namespace budget
