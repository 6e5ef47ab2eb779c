// Officers' exports and aggregates, read from storage: shared by budget-server and budget-tool.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aggregation.h"
#include "budget.h"
#include "officer_store.h"
#include "storage.h"

namespace storage {

// What officers' exports flag beside the responses: comments hidden from public outputs, and likely
// duplicates (a response's id -> the earlier response it repeats).
struct ExportFlags {
    HiddenComments hidden;
    std::map<std::string, std::string> duplicate_of;
};
bool load_export_flags(OfficerStore& officers, const std::string& budget_id, ExportFlags& out, std::string& error);

// Writes an officer export of `what` ("export.csv", "aggregate.csv", "aggregate.json",
// "submissions.jsonl") for one budget to `path`. Comments an officer hid (`flags.hidden`) stay in, flagged:
// export.csv gains a hidden_comments column (what each hidden one was about) and a
// likely_duplicate_of column, the comment lists a hidden column and the reason. False with `error`
// when storage fails.
bool write_export(Storage& storage, const budget::Budget& b, const std::string& what, const std::string& path,
                  const ExportFlags& flags, std::string& error);

// Which stored rows an export holds. export.csv and submissions.jsonl: the rows of every version in
// `versions` (oldest first; each row read against its own version), or of `version` alone; the
// aggregates are of `b` alone. Only rows stored after row `after_row` (0: all).
struct ExportScope {
    std::vector<const budget::Budget*> versions;
    std::optional<std::int64_t> version;
    std::int64_t after_row = 0;
    bool header_names = false;  // export.csv's header by name, not id
};
bool write_export(Storage& storage, const budget::Budget& b, const std::string& what, const std::string& path,
                  const ExportFlags& flags, std::string& error, const ExportScope& scope);

// Aggregates every stored submission of a budget (streaming, from the compact choices).
bool aggregate_stored(Storage& storage, const budget::Budget& b, budget::Aggregator& out, std::string& error);
// Adds the submissions `mark` has not seen to `out`, and moves `mark` past them.
bool aggregate_since(Storage& storage, const budget::Budget& b, ScanMark& mark, budget::Aggregator& out, std::string& error);

}  // namespace storage
