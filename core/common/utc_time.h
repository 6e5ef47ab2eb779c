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

// UK civil time (Europe/London, the zone of every English and Welsh council): GMT, and BST (UTC+1)
// from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October (the rule
// since 1996). The offset from UTC at Unix seconds: 0 or 3600.
std::int64_t uk_offset_seconds(std::int64_t seconds);
// The UK calendar date at Unix seconds (the day a council's officers would say it happened).
CalendarDate uk_date(std::int64_t seconds);
// A wall-clock time in the UK as a form sends it ("2027-07-20T23:59", seconds optional) to Unix
// seconds. Nullopt for a malformed time, or one the March change skips (01:00 to 01:59); in the
// October hour that happens twice, the first (BST).
std::optional<std::int64_t> parse_uk_local(std::string_view text);
// Unix seconds as UK wall-clock time for a form: "2027-07-20T23:59".
std::string format_uk_local(std::int64_t seconds);
// "20 July 2027 at 23:59 BST", "5 January 2027 at 09:00 GMT"; in Welsh "... am 23:59 BST".
std::string describe_uk(std::int64_t seconds, std::string_view language);

}  // namespace budget
