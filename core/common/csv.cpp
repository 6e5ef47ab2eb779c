// CSV writing with formula-injection protection.
#include "csv.h"

#include <cstdint>

#include "utf8.h"

namespace budget {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

// The code point at s[i] and its length in bytes; an ill-formed sequence reads as U+FFFD.
std::pair<char32_t, std::size_t> code_point(std::string_view s, std::size_t i) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) return {lead, 1};
    const int n = utf8_sequence(s, i);
    if (n <= 0) return {kReplacement, static_cast<std::size_t>(-n)};
    char32_t c = lead & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
    for (int k = 1; k < n; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3Fu);
    return {c, static_cast<std::size_t>(n)};
}

// Characters a spreadsheet may skip before it decides that a cell is a formula: control characters,
// Unicode White_Space, and the Default_Ignorable_Code_Points (zero-width, bidi controls, BOM...).
bool skippable(char32_t c) {
    return c <= 0x20 || (c >= 0x7F && c <= 0xA0) || c == 0xAD || c == 0x34F || c == 0x61C || c == 0x115F || c == 0x1160 ||
           c == 0x1680 || c == 0x17B4 || c == 0x17B5 || (c >= 0x180B && c <= 0x180F) || (c >= 0x2000 && c <= 0x200F) ||
           (c >= 0x2028 && c <= 0x202F) || (c >= 0x205F && c <= 0x206F) || c == 0x3000 || c == 0x3164 ||
           (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0 || (c >= 0xFFF0 && c <= 0xFFF8) || c == kReplacement ||
           (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A) || (c >= 0xE0000 && c <= 0xE0FFF);
}

// = + - @, their full-width and small forms, and the minus sign.
bool formula_start(char32_t c) {
    return c == '=' || c == '+' || c == '-' || c == '@' || c == 0xFF1D || c == 0xFF0B || c == 0xFF0D || c == 0xFF20 ||
           c == 0xFE62 || c == 0xFE63 || c == 0xFE66 || c == 0xFE6B || c == 0x2212;
}

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

}  // namespace

bool csv_needs_guard(std::string_view text) {
    if (text.empty()) return false;
    const char first = text.front();
    if (first == '\t' || first == '\r' || first == '\n' || first == '|') return true;
    for (std::size_t i = 0; i < text.size();) {
        const auto [c, length] = code_point(text, i);
        if (!skippable(c)) return formula_start(c) || c == '|';
        i += length;
    }
    return false;
}

std::string csv_clean(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto [c, length] = code_point(text, i);
        const bool control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
        if (control || c == kReplacement) append_utf8(out, kReplacement);
        else out.append(text.substr(i, length));
        i += length;
    }
    return out;
}

std::string csv_text(std::string_view text) {
    std::string value = csv_needs_guard(text) ? "'" : "";
    value += csv_clean(text);
    const bool quote = value.find_first_of(",\"\r\n") != std::string::npos || value != text;
    if (!quote) return value;
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_row(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i) out += ',';
        out += cells[i];
    }
    out += "\r\n";
    return out;
}

}  // namespace budget
