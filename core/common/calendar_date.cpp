// Calendar dates and financial years, read strictly and written the one way.
#include "calendar_date.h"

#include <cstdio>

namespace budget {

namespace {

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

bool digits(std::string_view s) {
    for (const char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int number(std::string_view s) {
    int n = 0;
    for (const char c : s) n = n * 10 + (c - '0');
    return n;
}

}  // namespace

const char* month_name(int month, std::string_view language) {
    static constexpr const char* kEnglish[] = {"January", "February", "March", "April", "May", "June", "July",
                                               "August", "September", "October", "November", "December"};
    static constexpr const char* kWelsh[] = {"Ionawr", "Chwefror", "Mawrth", "Ebrill", "Mai", "Mehefin", "Gorffennaf",
                                             "Awst", "Medi", "Hydref", "Tachwedd", "Rhagfyr"};
    if (month < 1 || month > 12) return "";
    return (language == "cy" ? kWelsh : kEnglish)[month - 1];
}

std::optional<CalendarDate> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
    if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
    CalendarDate out;
    out.year = number(y);
    out.month = number(m);
    out.day = number(d);
    if (out.year < 1900 || out.month < 1 || out.month > 12 || out.day < 1 || out.day > days_in_month(out.year, out.month))
        return std::nullopt;
    return out;
}

std::string format_date(const CalendarDate& d) {
    char out[16];
    std::snprintf(out, sizeof out, "%04d-%02d-%02d", d.year, d.month, d.day);
    return out;
}

std::string describe_date(const CalendarDate& d, std::string_view language) {
    return std::to_string(d.day) + " " + month_name(d.month, language) + " " + std::to_string(d.year);
}

CalendarDate years_before(const CalendarDate& d, int years) {
    CalendarDate out = d;
    out.year -= years;
    if (out.day > days_in_month(out.year, out.month)) out.day = days_in_month(out.year, out.month);
    return out;
}

std::optional<int> parse_financial_year(std::string_view text) {
    if (text.size() != 7 || text[4] != '/' || !digits(text.substr(0, 4)) || !digits(text.substr(5, 2))) return std::nullopt;
    const int start = number(text.substr(0, 4));
    if (start < 1900 || (start + 1) % 100 != number(text.substr(5, 2))) return std::nullopt;
    return start;
}

std::string financial_year_name(int start_year) {
    char out[16];
    std::snprintf(out, sizeof out, "%04d/%02d", start_year, (start_year + 1) % 100);
    return out;
}

}  // namespace budget
