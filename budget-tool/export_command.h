// `budget-tool export`: officers' exports straight from the collector's database, offline.
#pragma once
#include <string>
#include <vector>

int cmd_export(const std::vector<std::string>& args);
