// `budget-tool pb`: participatory-budgeting ballots from the command line (pabulib import and export,
// counting, validation).
#pragma once
#include "command_line.h"

// Declares `pb import|export|count|validate|sample|pack` under `app`.
void add_pb_commands(CLI::App& app, tool::Outcome& outcome);
