// What publishing a new version changes against the live one: lines added, removed and moved
// between groups, and money changed (baselines, savings, income, funding, Band D, totals), in pence.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "budget.h"

namespace budget {

enum class LineKind { Service, Saving, Income, Funding };
enum class ChangeKind { Added, Removed, Moved, Amount, Range, Locked, Unlocked };

struct LineChange {
    ChangeKind change = ChangeKind::Amount;
    LineKind line = LineKind::Service;
    std::string id;
    LocalText name;                      // the new version's, or the old one's for a removed line
    Pence before = 0, after = 0;         // baseline, saving, yield or amount (0 where the line is absent)
    LocalText from_group, to_group;      // a service moved between groups
    BasisPoints min_before = 0, max_before = 0, min_after = 0, max_after = 0;  // a service's range changed
};

struct TotalChange {
    Pence before = 0, after = 0;
    bool changed() const { return before != after; }
};

struct VersionChanges {
    std::int64_t from_version = 0, to_version = 0;
    std::vector<LineChange> lines;  // services, then savings, income, funding; each in the new order, removed lines last
    TotalChange net_budget, gap, funding, band_d;
    bool tax_base_changed = false, council_tax_lever_changed = false, balance_rule_changed = false, dates_changed = false;
    bool empty() const;
};

VersionChanges version_changes(const Budget& live, const Budget& next);

}  // namespace budget
