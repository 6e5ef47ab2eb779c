// Results broken down by a demographic question: one aggregate per answer (and for no answer),
// with small-cell suppression: a group of fewer than kSmallestGroup responses shows no figure.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "aggregation.h"
#include "budget.h"
#include "storage.h"

namespace server {

constexpr std::uint64_t kSmallestGroup = 10;

struct Group {
    std::string option_id;  // "" for those who did not answer (their label is left empty)
    budget::LocalText label;
    budget::Aggregator aggregate;
    bool suppressed() const { return aggregate.count() < kSmallestGroup; }
};

// The groups of question `question` (an index into b.demographics): each option in order, then "no
// answer". False with `error` when storage fails.
bool breakdown(Storage& storage, const budget::Budget& b, std::size_t question, std::vector<Group>& out, std::string& error);

}  // namespace server
