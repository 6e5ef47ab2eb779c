// Fuzz target for the CSV writer: any text becomes one cell that a CSV reader turns back into the
// same text (cleaned and guarded), no control byte reaches the file, and no cell starts with what a
// spreadsheet would run, after any run of invisible characters.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "csv.h"
#include "utf8.h"

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


// The guard as a property, restated here on its own: decode the cell's code points, skip what a
// spreadsheet skips, and the first one left must not start a formula unless the cell starts with '.
char32_t next_code_point(const std::string& s, std::size_t& i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned lead = b(i);
    const std::size_t n = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (i + n > s.size()) std::abort();  // the cleaner must leave only well-formed UTF-8
    char32_t c = n == 1 ? lead : lead & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < n; ++k) c = (c << 6) | (b(i + k) & 0x3Fu);
    i += n;
    return c;
}

bool invisible(char32_t c) {  // controls, White_Space and Default_Ignorable_Code_Point
    static constexpr char32_t ranges[][2] = {
        {0x0, 0x20}, {0x7F, 0xA0}, {0xAD, 0xAD}, {0x34F, 0x34F}, {0x61C, 0x61C}, {0x115F, 0x1160}, {0x1680, 0x1680},
        {0x17B4, 0x17B5}, {0x180B, 0x180F}, {0x2000, 0x200F}, {0x2028, 0x202F}, {0x205F, 0x206F}, {0x3000, 0x3000},
        {0x3164, 0x3164}, {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}, {0xFFA0, 0xFFA0}, {0xFFF0, 0xFFF8}, {0xFFFD, 0xFFFD},
        {0x1BCA0, 0x1BCA3}, {0x1D173, 0x1D17A}, {0xE0000, 0xE0FFF}};
    for (const auto& r : ranges)
        if (c >= r[0] && c <= r[1]) return true;
    return false;
}

bool runs(char32_t c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '|' || c == 0xFF1D || c == 0xFF0B || c == 0xFF0D ||
           c == 0xFF20;
}

bool plain(const std::string& text) {  // printable, well-formed UTF-8 (what the cleaner leaves as it is)
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            if ((lead < 0x20 && lead != '\t' && lead != '\n' && lead != '\r') || lead == 0x7F) return false;
            ++i;
            continue;
        }
        const int n = budget::utf8_sequence(text, i);
        if (n <= 0) return false;
        std::size_t at = i;
        if (next_code_point(text, at) == 0xFFFD) return false;
        i += static_cast<std::size_t>(n);
    }
    return true;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string row = budget::csv_row({budget::csv_text(text), budget::csv_text(text)});
    if (row.size() < 2 || row.compare(row.size() - 2, 2, "\r\n") != 0) std::abort();
    const std::vector<std::string> cells = read_row(row.substr(0, row.size() - 2));
    if (cells.size() != 2 || cells[0] != cells[1]) std::abort();
    const std::string& cell = cells[0];
    // No control byte but tab, CR and LF reaches the file; text without any comes back as it was.
    for (char c : cell)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) std::abort();
    if (plain(text) && cell != text && cell != "'" + text) std::abort();
    if (!cell.empty() && cell[0] == '\'') return 0;  // a spreadsheet reads the rest as text
    if (!cell.empty() && (cell[0] == '\t' || cell[0] == '\r' || cell[0] == '\n')) std::abort();
    for (std::size_t i = 0; i < cell.size();) {
        const char32_t c = next_code_point(cell, i);
        if (invisible(c)) continue;
        if (runs(c)) std::abort();
        break;
    }
    return 0;
}
