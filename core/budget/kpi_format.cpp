// Indicator value formatting (exact: from thousandths, rounded half away from zero).
#include "kpi_format.h"

#include "money.h"

namespace budget {

namespace {
std::string number(const Kpi& kpi, Milli value) {
    std::int64_t scale = 1;
    for (int i = kpi.decimals; i < 3; ++i) scale *= 10;
    return format_fixed(divide_round(value, scale), kpi.decimals);
}
std::string with_thousands(const std::string& n) {
    const bool negative = !n.empty() && n[0] == '-';
    const std::string digits = negative ? n.substr(1) : n;
    const auto dot = digits.find('.');
    std::string whole = digits.substr(0, dot);
    const std::string rest = dot == std::string::npos ? "" : digits.substr(dot);
    for (int i = static_cast<int>(whole.size()) - 3; i > 0; i -= 3) whole.insert(static_cast<std::size_t>(i), ",");
    return (negative ? "-" : "") + whole + rest;
}
}  // namespace

std::string format_kpi_value(const Kpi& kpi, Milli value, const KpiWords& words) {
    const std::string n = with_thousands(number(kpi, value));
    if (kpi.unit == "percent") return n + "%";
    if (kpi.unit == "pounds") return n[0] == '-' ? "-\xC2\xA3" + n.substr(1) : "\xC2\xA3" + n;
    if (kpi.unit == "days") return n + words.days;
    if (kpi.unit == "weeks") return n + words.weeks;
    if (kpi.unit == "kg") return n + words.kg;
    if (kpi.unit == "rate_per_1000") return n + words.per + "1,000";
    if (kpi.unit == "rate_per_10000") return n + words.per + "10,000";
    if (kpi.unit == "rate_per_100000") return n + words.per + "100,000";
    return n;
}

std::string format_kpi_change(const Kpi& kpi, Milli change, const KpiWords& words) {
    const std::string sign = change > 0 ? "+" : change < 0 ? "-" : "\xC2\xB1";
    const Milli magnitude = change < 0 ? -change : change;
    if (kpi.unit == "percent") return sign + with_thousands(number(kpi, magnitude)) + words.points;
    const std::string v = format_kpi_value(kpi, magnitude, words);
    return sign + v;
}

Milli round_kpi(const Kpi& kpi, Milli value) {
    std::int64_t scale = 1;
    for (int i = kpi.decimals; i < 3; ++i) scale *= 10;
    return divide_round(value, scale) * scale;
}

}  // namespace budget
