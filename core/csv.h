// CSV cells for spreadsheets: quoting, and neutralising text that a spreadsheet would run as a formula.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace budget {

// Free text (names, comments): quoted when needed; a leading = + - @ tab or CR gets a ' prefix.
std::string csv_text(std::string_view text);
// Joins cells with commas and ends the row with CRLF (RFC 4180).
std::string csv_row(const std::vector<std::string>& cells);

}  // namespace budget
