// Results broken down by the answer to a demographic question: one aggregate per answer (and for no
// answer), with small-cell suppression: a group of fewer than kSmallestGroup responses shows no figure.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "aggregation.h"
#include "budget.h"

namespace budget {

constexpr std::uint64_t kSmallestGroup = 10;

struct AnswerGroup {
    std::string option_id;  // "" for those who did not answer (their label is left empty)
    LocalText label;
    Aggregator aggregate;
    bool suppressed() const { return aggregate.count() < kSmallestGroup; }
};

// Which groups a table hides. A group under kSmallestGroup is hidden (Small). Where exactly one group
// is, its figures would be the total's less the others', so the smallest other group is hidden with
// it (WithSmall) and neither can be worked out by subtraction.
enum class GroupShown { Shown, Small, WithSmall };
std::vector<GroupShown> group_visibility(const std::vector<AnswerGroup>& groups);

}  // namespace budget
