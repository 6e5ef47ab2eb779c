// Indicator values for people: "58.5%", "£1,234", "236 days", with the indicator's own decimals.
#pragma once
#include <string>

#include "budget.h"

namespace budget {

std::string format_kpi_value(const Kpi& kpi, Milli value);
// A change, always signed: "+1.2 points" for percentages, "-£35" for money.
std::string format_kpi_change(const Kpi& kpi, Milli change);

}  // namespace budget
