// The officers' results workbook from what storage holds: workbook/results_workbook.h writes it; this
// hands it the aggregate, the groups by answer, the responses and the comments with their moderation.
#pragma once
#include <string>

#include "budget.h"
#include "exports.h"
#include "officer_store.h"
#include "results_workbook.h"
#include "storage.h"

namespace storage {

// Writes the workbook of one budget to `path`. False with `error` when storage or the writer fails.
bool write_xlsx(Storage& storage, const budget::Budget& b, const ExportFlags& flags, const std::string& path,
                std::string& error);

using budget::workbook::safe_sheet_name;

}  // namespace storage
