// The officers' workbook (libxlsxwriter): a Summary sheet, Options, Council tax, a sheet per
// service, Responses and Comments (with the moderation flag), with native Excel charts. Every
// value a person wrote goes in as a string cell, never a formula.
#pragma once
#include <string>

#include "budget.h"
#include "officer_store.h"
#include "storage.h"

namespace server {

// Writes the workbook of one budget to `path`. False with `error` when storage or the writer fails.
bool write_xlsx(Storage& storage, const budget::Budget& b, const HiddenComments& hidden, const std::string& path,
                std::string& error);

// A worksheet name Excel accepts: no []:*?/\, no outer apostrophes, at most 31 characters (cut at a
// character, never inside one), and never blank.
std::string safe_sheet_name(const std::string& wanted);

}  // namespace server
