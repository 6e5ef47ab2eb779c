// A budget as the sheets of a workbook a finance officer edits, and back, with every problem placed
// at its SHEET!CELL (the description of its sheets is in budget_sheets.cpp; formats/sheets.h reads and writes them).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "formats/sheets.h"

namespace budget::sheets {

// The sheets for a budget document that has loaded without problems.
Book budget_to_book(const nlohmann::json& budget);

// A starting budget for a kind of council ("english-county", ..., "welsh-principal"): its bands and
// cap rule, with a few example rows; it loads without problems. nullopt for an unknown kind.
std::optional<nlohmann::ordered_json> blank_budget(std::string_view kind);
extern const std::vector<std::string> kBlankKinds;

// Reads the sheets back into a budget document, checking it with the loader. Sheets and columns are
// found by their names, so reordered sheets, columns and extra empty rows read the same.
BookImport book_to_budget(const Book& book);

}  // namespace budget::sheets
