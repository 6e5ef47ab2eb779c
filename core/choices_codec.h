// A compact, exact binary form of a resident's choices, for storage beside the JSON document so
// that officers' aggregates over many stored submissions need no JSON parsing.
#pragma once
#include <string>
#include <string_view>

#include "budget.h"
#include "simulation.h"

namespace budget {

// Little-endian: u8 version (1), u16 services, i32 bp each, u16 efficiencies + bitset,
// u16 income options + bitset, i32 council tax bp.
std::string encode_choices(const Budget& b, const Choices& c);

// False when the bytes do not fit this budget (shape, ranges, steps, locked lines, the cap).
bool decode_choices(const Budget& b, std::string_view bytes, Choices& out);

}  // namespace budget
