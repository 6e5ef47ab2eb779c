// Rules a submission must meet, shared by the full validator and the fast reader so that both
// decide alike.
#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

#include "budget.h"

namespace budget {

enum class LeverFit { Ok, OutOfRange, OffStep };

inline LeverFit lever_fit(std::int64_t v, BasisPoints min, BasisPoints max, BasisPoints step) {
    if (v < min || v > max) return LeverFit::OutOfRange;
    return (v - min) % step == 0 ? LeverFit::Ok : LeverFit::OffStep;
}

bool comment_fits(std::string_view text);

std::optional<std::size_t> find_demographic(const Budget& b, std::string_view question);
std::optional<std::size_t> find_demographic_option(const Budget& b, std::size_t question, std::string_view option);

}  // namespace budget
