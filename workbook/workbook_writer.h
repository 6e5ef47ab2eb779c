// Writes the sheets of a budget (core/formats/budget_sheets.h) as an .xlsx workbook with libxlsxwriter:
// frozen headings with notes, drop-down lists for kinds and yes/no cells, £, % and date formats.
#pragma once
#include <string>

#include "formats/budget_sheets.h"

namespace budget::workbook {

// Writes `book` to `path`; false with `error` set when the file cannot be written.
bool write_book(const sheets::Book& book, const std::string& path, std::string& error);

}  // namespace budget::workbook
