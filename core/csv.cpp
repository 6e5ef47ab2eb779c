// CSV writing with formula-injection protection.
#include "csv.h"

namespace budget {

std::string csv_text(std::string_view text) {
    std::string value;
    if (!text.empty()) {
        const char first = text.front();
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') value += '\'';
    }
    value += text;
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
