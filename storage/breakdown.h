// Results broken down by a demographic question, read from storage: one aggregate per answer (and
// for no answer), with small-cell suppression (core's answer_groups.h).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "aggregation.h"
#include "answer_groups.h"
#include "budget.h"
#include "storage.h"

namespace storage {

using budget::kSmallestGroup;
using Group = budget::AnswerGroup;

// The groups of question `question` (an index into b.demographics): each option in order, then "no
// answer". False with `error` when storage fails.
bool breakdown(Storage& storage, const budget::Budget& b, std::size_t question, std::vector<Group>& out, std::string& error);

}  // namespace storage
