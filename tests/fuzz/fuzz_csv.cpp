// Fuzz target for the CSV writer: any text becomes one cell that a CSV reader turns back into the
// same text (after the formula guard), and no cell starts with a character a spreadsheet would run.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "csv.h"

namespace {
// Reads one CSV row (RFC 4180) into cells.
std::vector<std::string> read_row(const std::string& line) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { cells.back() += '"'; ++i; }
            else if (c == '"') quoted = false;
            else cells.back() += c;
        } else if (c == '"') quoted = true;
        else if (c == ',') cells.emplace_back();
        else cells.back() += c;
    }
    if (quoted) std::abort();  // unbalanced quotes
    return cells;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string row = budget::csv_row({budget::csv_text(text), budget::csv_text(text)});
    if (row.size() < 2 || row.compare(row.size() - 2, 2, "\r\n") != 0) std::abort();
    const std::vector<std::string> cells = read_row(row.substr(0, row.size() - 2));
    if (cells.size() != 2 || cells[0] != cells[1]) std::abort();
    const std::string& cell = cells[0];
    const bool guarded = !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                                           text[0] == '\t' || text[0] == '\r');
    if (guarded ? cell != "'" + text : cell != text) std::abort();
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' || cell[0] == '\t' ||
                          cell[0] == '\r'))
        std::abort();
    return 0;
}
