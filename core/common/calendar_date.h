// Calendar dates ("2023-09-05") and financial years ("2022/23"), exactly, for dated figures and events.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace budget {

struct CalendarDate {
    int year = 1970, month = 1, day = 1;
    friend bool operator==(const CalendarDate& a, const CalendarDate& b) { return a.key() == b.key(); }
    friend bool operator!=(const CalendarDate& a, const CalendarDate& b) { return a.key() != b.key(); }
    friend bool operator<(const CalendarDate& a, const CalendarDate& b) { return a.key() < b.key(); }
    friend bool operator<=(const CalendarDate& a, const CalendarDate& b) { return a.key() <= b.key(); }
    friend bool operator>(const CalendarDate& a, const CalendarDate& b) { return a.key() > b.key(); }
    friend bool operator>=(const CalendarDate& a, const CalendarDate& b) { return a.key() >= b.key(); }

private:
    long key() const { return (static_cast<long>(year) * 100 + month) * 100 + day; }
};

// "YYYY-MM-DD", years 1900..9999; nullopt for anything else, including 2023-02-29.
std::optional<CalendarDate> parse_date(std::string_view text);
std::string format_date(const CalendarDate& d);  // "2023-09-05"
// "September", or in Welsh "Medi" (language "cy"); month 1..12.
const char* month_name(int month, std::string_view language);
// "5 September 2023", or in Welsh "5 Medi 2023" (language "cy").
std::string describe_date(const CalendarDate& d, std::string_view language);
// The same day `years` earlier; 29 February becomes 28 February in a year without it.
CalendarDate years_before(const CalendarDate& d, int years);

// "2022/23" -> 2022 (the year it starts); nullopt unless the second part is the next year's last two digits.
std::optional<int> parse_financial_year(std::string_view text);
std::string financial_year_name(int start_year);  // 2022 -> "2022/23"

}  // namespace budget
