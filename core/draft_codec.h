// A resident's unfinished response (choices, comments, consent and answers) in compact bytes,
// kept on the device so that a reload loses nothing.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "budget.h"
#include "simulation.h"

namespace budget {

struct Draft {
    Choices choices;
    std::string overall_comment;
    std::vector<std::pair<std::size_t, std::string>> service_comments;  // service index, text
    bool demographics_consent = false;
    std::vector<std::pair<std::size_t, std::size_t>> demographics;  // question index, option index
};

// u8 version (1), the choices (choices_codec.h) with their length, the comments, consent, answers.
std::string encode_draft(const Budget& b, const Draft& d);

// False when the bytes do not fit this budget; `out` is then the budget's resting draft.
bool decode_draft(const Budget& b, std::string_view bytes, Draft& out);

}  // namespace budget
