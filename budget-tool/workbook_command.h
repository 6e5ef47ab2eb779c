// `budget-tool workbook` and `budget-tool import-workbook`: a budget as a spreadsheet and back.
#pragma once
#include "command_line.h"

// Declares `workbook` (a budget or --blank --kind KIND) and `import-workbook` under `app`.
void add_workbook_commands(CLI::App& app, tool::Outcome& outcome);
