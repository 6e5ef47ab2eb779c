// Comparing two versions of a budget line by line, by id.
#include "version_changes.h"

#include <map>

namespace budget {

namespace {

template <typename Line>
const Line* by_id(const std::vector<Line>& lines, const std::string& id) {
    for (const Line& l : lines)
        if (l.id == id) return &l;
    return nullptr;
}

// Added and changed lines in the new order, then removed ones in the old order; `amount` reads a line's money.
template <typename Line, typename Amount>
void compare_lines(const std::vector<Line>& before, const std::vector<Line>& after, LineKind kind, Amount amount, std::vector<LineChange>& out) {
    for (const Line& now : after) {
        const Line* was = by_id(before, now.id);
        if (!was) {
            out.push_back({ChangeKind::Added, kind, now.id, now.name, 0, amount(now), {}, {}, 0, 0, 0, 0});
        } else if (amount(*was) != amount(now)) {
            out.push_back({ChangeKind::Amount, kind, now.id, now.name, amount(*was), amount(now), {}, {}, 0, 0, 0, 0});
        }
    }
    for (const Line& was : before)
        if (!by_id(after, was.id)) out.push_back({ChangeKind::Removed, kind, was.id, was.name, amount(was), 0, {}, {}, 0, 0, 0, 0});
}

LocalText group_name(const Budget& b, const Service& s) { return s.group < b.groups.size() ? b.groups[s.group].name : LocalText{s.group_id, ""}; }

}  // namespace

bool VersionChanges::empty() const {
    return lines.empty() && !net_budget.changed() && !gap.changed() && !funding.changed() && !band_d.changed() && !tax_base_changed &&
           !council_tax_lever_changed && !balance_rule_changed && !dates_changed;
}

VersionChanges version_changes(const Budget& live, const Budget& next) {
    VersionChanges c;
    c.from_version = live.version;
    c.to_version = next.version;
    compare_lines(live.services, next.services, LineKind::Service, [](const Service& s) { return s.baseline; }, c.lines);
    // A service kept may also have moved group, or had its range or lock changed: one entry each.
    for (const Service& now : next.services) {
        const Service* was = by_id(live.services, now.id);
        if (!was) continue;
        if (was->group_id != now.group_id)
            c.lines.push_back({ChangeKind::Moved, LineKind::Service, now.id, now.name, was->baseline, now.baseline, group_name(live, *was),
                               group_name(next, now), 0, 0, 0, 0});
        if (was->locked != now.locked)
            c.lines.push_back({now.locked ? ChangeKind::Locked : ChangeKind::Unlocked, LineKind::Service, now.id, now.name, was->baseline,
                               now.baseline, {}, {}, 0, 0, 0, 0});
        else if (!now.locked && (was->min_bp != now.min_bp || was->max_bp != now.max_bp))
            c.lines.push_back({ChangeKind::Range, LineKind::Service, now.id, now.name, was->baseline, now.baseline, {}, {}, was->min_bp, was->max_bp,
                               now.min_bp, now.max_bp});
    }
    compare_lines(live.efficiencies, next.efficiencies, LineKind::Saving, [](const EfficiencyOption& o) { return o.saving; }, c.lines);
    compare_lines(live.incomes, next.incomes, LineKind::Income, [](const IncomeOption& o) { return o.yield; }, c.lines);
    compare_lines(live.funding, next.funding, LineKind::Funding, [](const FundingLine& f) { return f.amount; }, c.lines);
    c.net_budget = {live.total_net_budget, next.total_net_budget};
    c.gap = {live.gap_to_close, next.gap_to_close};
    c.funding = {live.baseline_funding(), next.baseline_funding()};
    c.band_d = {live.council_tax.band_d, next.council_tax.band_d};
    const CouncilTax &a = live.council_tax, &b = next.council_tax;
    c.tax_base_changed = a.tax_base_hundredths != b.tax_base_hundredths;
    c.council_tax_lever_changed = a.lever_min_bp != b.lever_min_bp || a.lever_max_bp != b.lever_max_bp || a.lever_step_bp != b.lever_step_bp ||
                                  a.lever_default_bp != b.lever_default_bp || a.lever_stops != b.lever_stops ||
                                  a.cap.core_limit_bp != b.cap.core_limit_bp || a.cap.capped != b.cap.capped ||
                                  a.cap.adult_social_care_bp != b.cap.adult_social_care_bp;
    c.balance_rule_changed = live.balance_rule != next.balance_rule;
    c.dates_changed = live.opens_at != next.opens_at || live.closes_at != next.closes_at;
    return c;
}

}  // namespace budget
