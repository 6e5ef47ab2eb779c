// Breakdowns: answers first (row -> option, for one question), then every submission into its group.
#include "breakdown.h"

#include <unordered_map>

#include "choices_codec.h"
#include "submission_rules.h"

namespace storage {

bool breakdown(Storage& storage, const budget::Budget& b, std::size_t question, std::vector<Group>& out, std::string& error) {
    const auto& q = b.demographics[question];
    out.clear();
    for (const auto& [id, label] : q.options) out.push_back(Group{id, label, budget::Aggregator(b)});
    out.push_back(Group{"", budget::LocalText{}, budget::Aggregator(b)});  // the caller names it ("No answer")
    std::unordered_map<std::int64_t, std::size_t> group_of_row;
    const bool answers = storage.scan_answers(b.id, [&](std::int64_t row, const std::string& asked, const std::string& answer) {
        if (asked != q.id) return;
        if (const auto o = budget::find_demographic_option(b, question, answer)) group_of_row[row] = *o;
    }, error);
    if (!answers) return false;
    budget::Choices choices;
    return storage.scan(b.id, false, [&](const StoredRow& row) {
        if (row.budget_version != b.version || !budget::decode_choices(b, row.choices, choices)) return;
        const auto g = group_of_row.find(row.id);
        out[g == group_of_row.end() ? out.size() - 1 : g->second].aggregate.add(choices, row.balanced, row.has_comments);
    }, error);
}

}  // namespace storage
