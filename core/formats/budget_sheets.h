// A budget as the sheets of a workbook a finance officer edits, and back, with every problem placed
// at its SHEET!CELL. Pure: the .xlsx file itself is written and read in workbook/.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "problem.h"

namespace budget::sheets {

enum class CellKind { Empty, Text, Number, Boolean, Date };
// How a written cell looks; a reader leaves it General.
enum class Style { General, Header, Money, Decimal2, Percent, Integer, Date, Label };

struct Cell {
    CellKind kind = CellKind::Empty;
    std::string text;  // Number: decimal text ("1712.43", "2.99E-2"); Boolean: "1" or "0"; Date: ISO UTC text
    Style style = Style::General;
    const std::vector<std::string>* choices = nullptr;  // a drop-down list the cell must be one of
    std::string note;                                   // shown on the cell (headers explain their column)
};

struct Sheet {
    std::string name;
    std::vector<std::vector<Cell>> rows;  // rows[0] is the header
    std::vector<int> widths;              // column widths in characters, when writing
    std::string tab_note;                 // what the sheet is for (the About sheet lists them)
};

struct Book {
    std::vector<Sheet> sheets;
};

// The sheets for a budget document that has loaded without problems.
Book budget_to_book(const nlohmann::json& budget);

// A starting budget for a kind of council ("english-county", ..., "welsh-principal"): its bands and
// cap rule, with a few example rows; it loads without problems. nullopt for an unknown kind.
std::optional<nlohmann::ordered_json> blank_budget(std::string_view kind);
extern const std::vector<std::string> kBlankKinds;

struct BookImport {
    std::string json;   // the budget document (set even when there are problems, for inspection)
    Problems problems;  // each with its place ("Services!F12"); the loader's checks and codes included
    Problems warnings;
    bool ok() const { return problems.empty(); }
};

// Reads the sheets back into a budget document, checking it with the loader. Sheets and columns are
// found by their names, so reordered sheets, columns and extra empty rows read the same.
BookImport book_to_budget(const Book& book);

// "Services!F12", or "'Indicator history'!C5" when the name needs quoting (Excel's notation).
std::string place_name(std::string_view sheet, std::size_t column, std::size_t row);

// A number as a cell holds it ("2.9900000000000002E-2", " 1,234.5 ") as plain decimal text rounded
// to 15 significant digits, Excel's precision ("0.0299", "1234.5"); nullopt if it is not a number.
std::optional<std::string> normalise_decimal(std::string_view text);

}  // namespace budget::sheets
