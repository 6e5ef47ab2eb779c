// `budget-tool workbook` and `budget-tool import-workbook`: a budget as a spreadsheet and back.
#pragma once
#include <string>
#include <vector>

int cmd_workbook(const std::vector<std::string>& args);
int cmd_import_workbook(const std::vector<std::string>& args);
