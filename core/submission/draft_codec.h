// A resident's unfinished response (choices, comments, consent and answers) in compact bytes,
// kept on the device so that a reload loses nothing.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "budget.h"
#include "resident_ratings.h"
#include "simulation.h"

namespace budget {

struct Draft {
    Choices choices;
    std::string overall_comment;
    std::vector<std::pair<std::size_t, std::string>> service_comments;  // service index, text
    bool demographics_consent = false;
    std::vector<std::pair<std::size_t, std::size_t>> demographics;  // question index, option index
    Ratings ratings;                                                // "How are we doing?"
};

// Version 2: u8 2, the budget's id and version, then everything by id (each service's change, the
// options taken, council tax, comments, consent, answers), so a draft outlives a new version of the
// budget. Version 3 adds the ratings (resident_ratings.h codes, by id). (Version 1 held the choices
// by position; it and version 2 are still read.)
std::string encode_draft(const Budget& b, const Draft& d);

// False when the bytes do not fit this budget; `out` is then the budget's resting draft. A draft
// made against another version of the same budget keeps what still applies (levers that still exist,
// within their range and on a step; options, comments and answers whose ids are still there), and
// sets `*budget_changed`. Against the same version every part must fit.
bool decode_draft(const Budget& b, std::string_view bytes, Draft& out, bool* budget_changed = nullptr);

}  // namespace budget
