// Lookups on a loaded ballot.
#include "ballot.h"

#include <algorithm>

namespace budget {

const char* counting_rule_id(CountingRule rule) { return rule == CountingRule::Greedy ? "greedy" : "equal-shares"; }

const char* completion_id(Completion c) { return c == Completion::Add1 ? "add1" : "add1-then-greedy"; }

bool Ballot::bilingual() const { return std::find(languages.begin(), languages.end(), "cy") != languages.end(); }

std::optional<std::size_t> Ballot::find_project(const std::string& project_id) const {
    for (std::size_t i = 0; i < projects.size(); ++i)
        if (projects[i].id == project_id) return i;
    return std::nullopt;
}

std::optional<std::size_t> Ballot::find_area(const std::string& area_id) const {
    for (std::size_t i = 0; i < areas.size(); ++i)
        if (areas[i].id == area_id) return i;
    return std::nullopt;
}

Pence Ballot::budget_of_area(const std::string& area) const {
    if (const auto i = find_area(area)) return areas[*i].budget;
    return budget;
}

}  // namespace budget
