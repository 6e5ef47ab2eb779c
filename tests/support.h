// Shared test fixtures: a small valid budget that tests alter to provoke each problem.
#pragma once
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "budget_loader.h"

namespace test {

// Net 1,700,000 (one locked line of 200,000); funding 600,000 + council tax 1,000,000: gap 100,000.
inline nlohmann::json small_budget() {
    return nlohmann::json::parse(R"({
  "format": "council-budget", "format_version": 1, "id": "testshire", "version": 3, "illustrative": true,
  "notice": "Illustrative.", "languages": ["en"],
  "council": {"name": "Testshire Council", "kind": "english_unitary", "financial_year": "2026/27", "population": 100000},
  "council_tax": {"tax_base_band_d_equivalents": "1000.00", "band_d": "1000.00",
    "referendum_cap": {"core_limit_percent": 2.99, "adult_social_care_percent": 2},
    "lever": {"min_percent": -2, "max_percent": 4.99, "step_percent": 0.01}},
  "funding": [{"id": "grant", "name": "Grant", "kind": "grant", "amount": 600000}],
  "total_net_budget": 1700000, "gap_to_close": 100000,
  "balance_rule": "must_balance", "results_public": true, "privacy_notice_url": "https://example.org/p",
  "groups": [{"id": "g1", "name": "Group one"}],
  "services": [
    {"id": "care", "group": "g1", "name": "Care", "baseline": 1000000, "min_percent": -10, "max_percent": 10, "step_percent": 1,
     "consequences": [{"from_percent": -10, "text": "Severe"}, {"from_percent": 0, "text": "Same"}, {"from_percent": 1, "text": "More"}]},
    {"id": "parks", "group": "g1", "name": "Parks", "baseline": "500000.00", "min_percent": -20, "max_percent": 10, "step_percent": 5,
     "consequences": [{"from_percent": -20, "text": "Closed"}, {"from_percent": 0, "text": "Open"}]},
    {"id": "debt", "group": "g1", "name": "Debt", "baseline": 200000, "locked": true, "locked_reason": "Contractual"}
  ],
  "efficiencies": [{"id": "shared", "name": "Share", "description": "d", "service": "care", "saving": 50000, "one_off_cost": 10000,
                    "risk": "medium", "kpi_effects": [{"kpi": "happy", "change": -1.5}]}],
  "income": [{"id": "fees", "name": "Fees", "description": "d", "kind": "fees_and_charges", "yield": 30000}],
  "kpis": [{"id": "happy", "group": "perception", "name": "Happy", "description": "d", "unit": "percent", "decimals": 1,
            "polarity": "higher_is_better", "history": [{"year": "2024/25", "value": 60}, {"year": "2025/26", "value": 58.5}],
            "target": 60, "thresholds": {"green": 60, "amber": 55},
            "comparators": {"group": "Peers", "lower_quartile": 50, "median": 57, "upper_quartile": 62},
            "responses": [{"service": "parks", "per_percent": 0.2, "half_saturation_percent": 10, "max_effect": 3}],
            "floor": 0, "ceiling": 100}],
  "demographics": [{"id": "age", "label": "Age", "options": [{"id": "young", "label": "Young"}, {"id": "old", "label": "Old"}]}]
})");
}

// Problem lists joined with newlines, so a failing comparison prints both sides in full.
inline std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}
inline std::string one(const std::string& line) { return line + "\n"; }

inline budget::Budget load_ok(const nlohmann::json& doc) {
    budget::BudgetLoad l = budget::load_budget(doc.dump(2));
    if (!l.budget) {
        std::string all;
        for (const auto& p : l.problems) all += budget::format_problem(p, "budget") + "\n";
        throw std::runtime_error("expected a valid budget:\n" + all);
    }
    return *l.budget;
}

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline budget::Budget load_example(const std::string& name) {
    budget::BudgetLoad l = budget::load_budget(read_text(std::string(BUDGETS_DIR) + "/" + name));
    if (!l.budget) throw std::runtime_error("example budget " + name + " does not load");
    return *l.budget;
}

}  // namespace test
