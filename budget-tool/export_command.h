// `budget-tool export`: officers' exports straight from the collector's database, offline.
#pragma once
#include "command_line.h"

// Declares `export BUDGET (--data DIR | --database URL) [--format F] [--output FILE]` under `app`.
void add_export_command(CLI::App& app, tool::Outcome& outcome);
