// Documents as the sheets of a workbook people edit, and back. A document is described as data: one
// sheet of fields (one a row) and list sheets (one item a row). Both directions walk the same
// description; the document's own loader checks what is read, and its problems are placed back at the
// cells they came from (SHEET!CELL). Pure: the .xlsx file itself is written and read in workbook/.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "problem.h"

namespace budget::sheets {

enum class CellKind { Empty, Text, Number, Boolean, Date };
// How a written cell looks; a reader leaves it General.
enum class Style { General, Header, Money, Decimal2, Percent, Integer, Date, Day, Label };

struct Cell {
    CellKind kind = CellKind::Empty;
    std::string text;  // Number: decimal text ("1712.43", "2.99E-2"); Boolean: "1" or "0"; Date: ISO UTC text
    Style style = Style::General;
    const std::vector<std::string>* choices = nullptr;  // a drop-down list the cell must be one of
    std::string note;                                   // shown on the cell (headers explain their column)
    std::string formula;  // a Number worked out by the spreadsheet ("SUM(Services!E2:E9)"); `text` is its value now
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

struct BookImport {
    std::string json;   // the document (set even when there are problems, for inspection)
    Problems problems;  // each with its place ("Services!F12"); the loader's checks and codes included
    Problems warnings;
    bool ok() const { return problems.empty(); }
};

// How a field's cells are read and written.
enum class Kind {
    Id, Text, Money, Decimal2, Percent, Number, Integer, YesNo, Choice,
    Date,         // a date and time in UTC ("2027-01-05T09:00:00Z")
    Day,          // a calendar date ("2024-03-31")
    PercentList,  // "-2, 0, 1.99"
    FigureList,   // "70, 72.5, n/a, 68": numbers in order, n/a (or nothing between commas) where there is none
    Languages,    // English | English and Welsh -> ["en"] | ["en", "cy"]
    CapApplies,   // budgets: yes, or no for "none"
    Listed,       // yes: the list at this key is present (even empty); no: absent
};
using ChoiceList = std::vector<std::string>;
extern const ChoiceList kYesNo;          // yes, no
extern const ChoiceList kCouncilKinds;   // english_county, ..., welsh_principal
extern const ChoiceList kLanguages;      // English, English and Welsh

struct Field {
    const char* header;  // column header, or the row's label on the fields sheet
    const char* key;     // path below the row's object ("thresholds/green"); "" the parent's (or the key's) column; "." the item itself
    Kind kind;
    bool welsh = false;  // a Welsh cell beside it when the document is bilingual
    const ChoiceList* choices = nullptr;
    const char* note = "";
};

struct ListSpec {
    const char* sheet;
    const char* array;          // the root list ("finance", "you_said_we_did/you_said"), or the list inside each parent row
    const char* parent_sheet;   // nullptr for a root list
    const char* parent_header;  // the column holding the parent row's id
    bool required;              // the workbook must have this sheet
    const char* note;
    std::vector<Field> fields;
    bool keyed = false;         // the root holds an object: the "" field's column names each item
};

struct DocumentSpec {
    const char* noun;          // "budget": in messages ("not part of a budget")
    const char* fields_sheet;  // "Council"
    const char* fields_note;   // what the fields sheet holds, for the About sheet
    const std::vector<Field>* fields;
    const std::vector<ListSpec>* lists;
    const char* format;
    int format_version;
    bool (*bilingual)(const nlohmann::json& doc);
    // The document's loader: its problems and warnings, each with its JSON pointer.
    void (*check)(const std::string& json, Problems& problems, Problems& warnings);
    bool empty_lists = true;   // root lists are written into the document even when they have no rows
    // Before the loader's check: works out what the document computes from its rows (a budget's
    // totals), adding a problem at the cell (`place_of` a pointer) where the workbook disagrees.
    void (*complete)(nlohmann::ordered_json& root, const std::function<std::string(const std::string&)>& place_of,
                     Problems& problems) = nullptr;
};

Book document_to_book(const nlohmann::json& doc, const DocumentSpec& spec);
BookImport book_to_document(const Book& book, const DocumentSpec& spec);

// "Services!F12", or "'Indicator history'!C5" when the name needs quoting (Excel's notation).
std::string place_name(std::string_view sheet, std::size_t column, std::size_t row);

// A number as a cell holds it ("2.9900000000000002E-2", " 1,234.5 ") as plain decimal text rounded
// to 15 significant digits, Excel's precision ("0.0299", "1234.5"); nullopt if it is not a number.
std::optional<std::string> normalise_decimal(std::string_view text);

}  // namespace budget::sheets
