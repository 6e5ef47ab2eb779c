// Results across versions of a budget. A lever's responses from several versions are added together
// only where the lever means the same in each: a service with the same id, net spend, range and step
// (so the same change is the same money, on the same grid, and it is not locked); a saving or income
// option with the same id and amounts; council tax with the same tax base, Band D and lever. Any
// other lever is counted for the current version alone.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "aggregation.h"
#include "budget.h"

namespace budget {

struct VersionResults {
    const Budget* budget = nullptr;
    const Aggregator* results = nullptr;
};

struct LeverAcrossVersions {
    std::size_t index = 0;               // in the current budget
    std::vector<std::int64_t> versions;  // the versions whose responses are counted, oldest first
    LeverSummary summary;                // over those responses
};

struct OptionAcrossVersions {
    std::size_t index = 0;
    std::vector<std::int64_t> versions;
    std::uint64_t taken = 0, responses = 0;  // over those versions
};

struct AcrossVersions {
    std::vector<LeverAcrossVersions> services;  // every unlocked service of the current budget
    std::vector<OptionAcrossVersions> efficiencies, incomes;
    LeverAcrossVersions council_tax;
};

bool same_service_lever(const Service& a, const Service& b);
bool same_efficiency(const EfficiencyOption& a, const EfficiencyOption& b);
bool same_income(const IncomeOption& a, const IncomeOption& b);
bool same_council_tax_lever(const CouncilTax& a, const CouncilTax& b);

// `versions` oldest first; the last is the current one.
AcrossVersions across_versions(const std::vector<VersionResults>& versions);

// A lever's summary from its histogram over the grid min, min+step, ... (as the Aggregator makes it).
LeverSummary summarise_histogram(const std::vector<std::uint64_t>& histogram, BasisPoints min, BasisPoints step);

}  // namespace budget
