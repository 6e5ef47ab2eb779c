// UTC text and Unix seconds: days from the civil date (Howard Hinnant's algorithm), in integers.
#include "utc_time.h"

#include <cstdio>

namespace budget {

namespace {

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

bool digits(std::string_view s, std::size_t at, std::size_t n, unsigned& out) {
    if (at + n > s.size()) return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return true;
}

unsigned days_in_month(std::int64_t y, unsigned m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<std::int64_t> parse_utc(std::string_view s) {
    unsigned y, mo, d, h, mi, se;
    if (s.size() < 20 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' || !digits(s, 8, 2, d) ||
        s[10] != 'T' || !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se))
        return std::nullopt;
    std::size_t at = 19;
    if (s[at] == '.') {
        const std::size_t start = ++at;
        while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
        if (at == start || at - start > 9) return std::nullopt;
    }
    const std::string_view zone = s.substr(at);
    if (zone != "Z" && zone != "+00:00") return std::nullopt;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59) return std::nullopt;
    return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se;
}

namespace {

struct Civil {
    std::int64_t year;
    unsigned month, day, hour, minute, second;
};

Civil civil(std::int64_t seconds) {
    const std::int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
    const auto rest = static_cast<unsigned>(seconds - days * 86400);
    Civil c{};
    civil_from_days(days, c.year, c.month, c.day);
    c.hour = rest / 3600;
    c.minute = rest % 3600 / 60;
    c.second = rest % 60;
    return c;
}

}  // namespace

std::string format_utc(std::int64_t seconds) {
    const Civil c = civil(seconds);
    char out[64];
    std::snprintf(out, sizeof out, "%04lld-%02u-%02uT%02u:%02u:%02uZ", static_cast<long long>(c.year), c.month, c.day, c.hour,
                  c.minute, c.second);
    return out;
}

CalendarDate utc_date(std::int64_t seconds) {
    const Civil c = civil(seconds);
    return CalendarDate{static_cast<int>(c.year), static_cast<int>(c.month), static_cast<int>(c.day)};
}

std::string describe_utc(std::int64_t seconds, std::string_view language) {
    const Civil c = civil(seconds);
    const bool welsh = language == "cy";
    char clock[16];
    std::snprintf(clock, sizeof clock, "%02u:%02u", c.hour, c.minute);
    return std::to_string(c.day) + " " + month_name(static_cast<int>(c.month), language) + " " + std::to_string(c.year) +
           (welsh ? " am " : " at ") + clock + " UTC";
}

namespace {

// Unix seconds of 01:00 UTC on the last Sunday of `month` (3 or 10) of `year`.
std::int64_t change_at(std::int64_t year, unsigned month) {
    const std::int64_t last = days_from_civil(year, month, 31);
    const std::int64_t weekday = ((last % 7) + 7 + 4) % 7;  // 1970-01-01 was a Thursday (4); Sunday is 0
    return (last - weekday) * 86400 + 3600;
}

}  // namespace

std::int64_t uk_offset_seconds(std::int64_t seconds) {
    const std::int64_t year = civil(seconds).year;
    return seconds >= change_at(year, 3) && seconds < change_at(year, 10) ? 3600 : 0;
}

std::optional<std::int64_t> parse_uk_local(std::string_view text) {
    std::string utc(text);
    if (utc.size() == 16) utc += ":00";
    const auto wall = parse_utc(utc + "Z");  // the wall clock read as if it were UTC
    if (!wall) return std::nullopt;
    // BST first (the earlier of October's two), then GMT; a time the clocks skip is neither.
    for (const std::int64_t offset : {std::int64_t{3600}, std::int64_t{0}})
        if (uk_offset_seconds(*wall - offset) == offset) return *wall - offset;
    return std::nullopt;
}

CalendarDate uk_date(std::int64_t seconds) { return utc_date(seconds + uk_offset_seconds(seconds)); }

std::string format_uk_local(std::int64_t seconds) { return format_utc(seconds + uk_offset_seconds(seconds)).substr(0, 16); }

std::string describe_uk(std::int64_t seconds, std::string_view language) {
    const std::int64_t offset = uk_offset_seconds(seconds);
    std::string words = describe_utc(seconds + offset, language);
    words.replace(words.size() - 3, 3, offset ? "BST" : "GMT");
    return words;
}

}  // namespace budget
