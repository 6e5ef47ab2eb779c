// Which groups of a breakdown are hidden: the small, and where one alone is small, the next smallest.
#include "answer_groups.h"

#include <optional>

namespace budget {

std::vector<GroupShown> group_visibility(const std::vector<AnswerGroup>& groups) {
    std::vector<GroupShown> shown(groups.size(), GroupShown::Shown);
    std::size_t small = 0;
    for (std::size_t g = 0; g < groups.size(); ++g)
        if (groups[g].suppressed()) {
            shown[g] = GroupShown::Small;
            ++small;
        }
    if (small != 1) return shown;
    std::optional<std::size_t> next;
    for (std::size_t g = 0; g < groups.size(); ++g)
        if (shown[g] == GroupShown::Shown && (!next || groups[g].aggregate.count() < groups[*next].aggregate.count())) next = g;
    if (next) shown[*next] = GroupShown::WithSmall;
    return shown;
}

}  // namespace budget
