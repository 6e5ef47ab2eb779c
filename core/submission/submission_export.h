// The officers' per-submission CSV: one row per submission, one column per lever, plus comments.
// Free text is neutralised against formula injection (see csv.h).
#pragma once
#include <string>
#include <string_view>

#include "budget.h"
#include "simulation.h"
#include "submission.h"

namespace budget {

// UTF-8 BOM and the header row.
std::string export_csv_header(const Budget& b);
// One row. `received_at` is the server's UTC time of receipt.
std::string export_csv_row(const Budget& b, const Submission& s, const Outcome& o, std::string_view received_at);

}  // namespace budget
