// `budget-tool pb`: participatory-budgeting ballots from the command line (pabulib import and export,
// counting, validation).
#pragma once
#include <string>
#include <vector>

int cmd_pb(const std::vector<std::string>& args);
