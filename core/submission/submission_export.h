// The officers' per-submission CSV: one row per submission, one column per lever, plus comments and
// ratings; across versions of a budget, a version column and every lever any version has.
// Free text is neutralised against formula injection (see csv.h).
#pragma once
#include <string>
#include <string_view>
#include <optional>
#include <vector>

#include "budget.h"
#include "simulation.h"
#include "submission.h"

namespace budget {

// The lever, option and service-group ids of the versions given (oldest first), each once, in the
// order a version first names it.
struct ExportColumns {
    std::vector<std::string> services, efficiencies, incomes, groups;
    // Each one's English name in the newest version that has it, for headers by name.
    std::vector<std::string> service_names, efficiency_names, income_names, group_names;
    // Where each column is in each version (worked out once, not per row): nullopt where it has none.
    struct Positions {
        std::int64_t version = 0;
        std::vector<std::optional<std::size_t>> services, efficiencies, incomes, groups;
    };
    std::vector<Positions> positions;
};
ExportColumns export_columns(const std::vector<const Budget*>& versions);

// UTF-8 BOM and the header row: by id ("service:parks (%)"), or with `names` by name ("Parks (%)").
std::string export_csv_header(const ExportColumns& c, bool names = false);
// One row of a submission to `b`, one of the versions (else ""). A lever, option or group its version does not
// have is an empty cell. `received_at` is the server's UTC time of receipt.
std::string export_csv_row(const ExportColumns& c, const Budget& b, const Submission& s, const Outcome& o, std::string_view received_at);

// The same for one version alone.
std::string export_csv_header(const Budget& b);
std::string export_csv_row(const Budget& b, const Submission& s, const Outcome& o, std::string_view received_at);

}  // namespace budget
