// Reads the cells of an .xlsx workbook (libzip for the zip, expat for the XML) within limits, so a
// hostile file is refused with a clear problem and bounded work: no DTDs or entities, bounded entries,
// sizes, compression ratio, rows, columns and cells.
#pragma once
#include <cstddef>
#include <optional>
#include <string_view>

#include "formats/budget_sheets.h"
#include "problem.h"

namespace budget::workbook {

struct XlsxLimits {
    std::size_t max_file_bytes = 20u << 20;      // the .xlsx as uploaded
    std::size_t max_entries = 1000;              // files inside the zip
    std::size_t max_part_bytes = 32u << 20;      // one part, uncompressed
    std::size_t max_total_bytes = 96u << 20;     // every part read, uncompressed
    std::size_t max_ratio = 250;                 // uncompressed : compressed, for parts above 1 MiB
    std::size_t max_sheets = 64;
    std::size_t max_rows = 10'000;               // per sheet (a budget has a few hundred)
    std::size_t max_columns = 200;               // per sheet (column GR)
    std::size_t max_cells = 250'000;             // in the whole workbook
    std::size_t max_cell_bytes = 32'767 * 4;     // Excel's 32,767 characters, in UTF-8
    std::size_t max_shared_strings = 250'000;
};

struct XlsxRead {
    std::optional<sheets::Book> book;  // set when the file could be read
    Problems problems;                 // codes workbook.*; a whole-file problem has no place
};

XlsxRead read_xlsx(std::string_view bytes, const XlsxLimits& limits = XlsxLimits{});

}  // namespace budget::workbook
