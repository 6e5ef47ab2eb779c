// Times in UTC as ISO 8601 text ("2027-01-05T09:00:00Z") and Unix seconds, exactly (proleptic
// Gregorian calendar, no leap seconds), for when a consultation opens and closes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "calendar_date.h"

namespace budget {

// "YYYY-MM-DDTHH:MM:SSZ", optionally with fractional seconds (".123", dropped) and "+00:00" for Z.
// Years 1970..9999. nullopt for anything else, including an impossible date such as 2027-02-30.
std::optional<std::int64_t> parse_utc(std::string_view text);
// Unix seconds as "YYYY-MM-DDTHH:MM:SSZ".
std::string format_utc(std::int64_t seconds);
// The UTC calendar date of Unix seconds.
CalendarDate utc_date(std::int64_t seconds);
// "5 January 2027 at 09:00 UTC", or in Welsh "5 Ionawr 2027 am 09:00 UTC" (language "cy").
std::string describe_utc(std::int64_t seconds, std::string_view language);

}  // namespace budget
