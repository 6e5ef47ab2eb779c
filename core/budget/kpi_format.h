// Indicator values for people: "58.5%", "£1,234", "236 days", with the indicator's own decimals.
#pragma once
#include <string>

#include "budget.h"

namespace budget {

// The words of units, in the reader's language (English by default).
struct KpiWords {
    std::string points = " points", days = " days", weeks = " weeks", kg = " kg", per = " per ";
};

std::string format_kpi_value(const Kpi& kpi, Milli value, const KpiWords& words = {});
// A change, always signed: "+1.2 points" for percentages, "-£35" for money.
std::string format_kpi_change(const Kpi& kpi, Milli change, const KpiWords& words = {});
// A value as shown (rounded half away from zero to the indicator's decimals), still in thousandths:
// a change worked out from two of these is the change people can see between the two figures.
Milli round_kpi(const Kpi& kpi, Milli value);

}  // namespace budget
