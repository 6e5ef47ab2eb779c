// A council profile (budgets/councils/ID.json) as the sheets of a workbook a finance team keeps, and
// back, with every problem placed at its SHEET!CELL. Pure: the .xlsx file is written and read in workbook/.
#pragma once
#include <nlohmann/json.hpp>

#include "formats/sheets.h"

namespace budget::sheets {

// The sheets for a profile document that has loaded without problems: About, Profile (one field a
// row), Finance (a year a row), Governance (an event a row), You said, We did, Thresholds.
Book profile_to_book(const nlohmann::json& profile);

// Reads the sheets back into a profile document, checking it with the profile loader.
BookImport book_to_profile(const Book& book);

}  // namespace budget::sheets
