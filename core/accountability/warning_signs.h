// Warning signs in a council's figures, worked out exactly (integer pence, exact ratios) from its
// profile at an as-of date: each signal names the figures and events it used. No score, no rank.
// docs/accountability.md gives the thresholds, their reasons and their sources.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "budget.h"
#include "calendar_date.h"
#include "council_profile.h"

namespace budget {

enum class SignalLevel { Amber, Red };
const char* signal_level_name(SignalLevel l);  // "amber", "red"

// A yearly figure a signal used.
struct UsedFigure {
    std::string name;  // "usable_reserves_unallocated", or an indicator's id
    std::string year;  // "2022/23"
    Pence amount = 0;  // for an indicator: its value in thousandths
    std::string source;
};

// An event a signal used.
struct UsedEvent {
    EventKind kind = EventKind::S114;
    std::optional<CalendarDate> date;
    std::string year;  // accounts and opinions: the year they are for
    std::string detail;  // "qualified", "inadequate (Ofsted, children's services)", "chief_executive"
    std::string source;
};

struct Signal {
    std::string id;  // "reserves.runway", ...
    SignalLevel level = SignalLevel::Amber;
    std::string year;  // the financial year it speaks of
    std::vector<UsedFigure> figures;
    std::vector<UsedEvent> events;
    // The words: an English template (the catalogue's msgid) and the values that fill it.
    std::string message;
    std::map<std::string, std::string> params;
};

struct UnknownSignal {
    std::string id;
    std::vector<std::string> needs;  // field names, event kinds, or "governance" / "indicators"
};

struct Judgement {
    std::vector<Signal> signals;  // in the table's order (warning_sign_ids)
    std::vector<UnknownSignal> unknown;
};

// Every signal's id, in the order the page lists them.
const std::vector<std::string>& warning_sign_ids();

// The project's default thresholds, in hundredths of each signal's unit (years, percent, times or
// events), with a profile's overrides applied.
struct Thresholds {
    std::int64_t amber = 0, red = 0;
};
Thresholds thresholds_for(const CouncilProfile& p, const std::string& id);

// The judgement on `p` at `as_of`; `indicators` (the council's current budget) for
// performance.red_worsening, which is unknown without it.
Judgement judge(const CouncilProfile& p, const CalendarDate& as_of, const Budget* indicators);

// The signal's words, filled, in `language` ("en" or "cy"): the message through `translate` (English ->
// that language; none keeps English), and dates ("date" values, held as YYYY-MM-DD) written out in it.
std::string signal_words(const Signal& s, std::string_view language = "en",
                         std::string_view (*translate)(std::string_view, const void*) = nullptr, const void* context = nullptr);

// {"as_of":"2024-03-31","signals":[{"id","level","year","figures":{name:{"year","pounds","source"}},"events":[...],"words"}],
//  "unknown":[{"id","needs":[...]}]}
std::string judgement_json(const Judgement& j, const CalendarDate& as_of);

}  // namespace budget
