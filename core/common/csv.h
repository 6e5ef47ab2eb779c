// CSV cells for spreadsheets: quoting, and neutralising text that a spreadsheet would run as a formula.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace budget {

// Free text (names, comments) as one cell: cleaned (csv_clean), given a ' prefix when
// csv_needs_guard, and quoted when needed.
std::string csv_text(std::string_view text);
// True when a spreadsheet could run the text: its first character after any blanks, control or
// invisible characters (Unicode White_Space and Default_Ignorable: NBSP, zero-width, bidi controls,
// BOM...) is = + - @ (or a full-width or small form, or a minus sign) or |, or it starts with a tab,
// CR, LF or |.
bool csv_needs_guard(std::string_view text);
// Control bytes other than tab, CR and LF (and DEL, and ill-formed UTF-8) become U+FFFD.
std::string csv_clean(std::string_view text);
// Joins cells with commas and ends the row with CRLF (RFC 4180).
std::string csv_row(const std::vector<std::string>& cells);

}  // namespace budget
