// A compact, exact binary form of a resident's choices, for storage beside the JSON document so
// that officers' aggregates over many stored submissions need no JSON parsing.
#pragma once
#include <string>
#include <string_view>

#include "budget.h"
#include "simulation.h"

namespace budget {

// Version 2: u8 version, varint service count, each lever as a varint count of steps from its
// minimum (0 for locked lines), u16 efficiencies + bitset, u16 income options + bitset, council tax
// as a varint count of steps. About 30 bytes for a county, so share links stay short.
std::string encode_choices(const Budget& b, const Choices& c);

// Reads versions 2 and 1 (u16 count, i32 basis points, the bitsets, i32 council tax, as stored by
// earlier collectors). False when the bytes do not fit this budget (shape, ranges, steps, locked
// lines, the cap).
bool decode_choices(const Budget& b, std::string_view bytes, Choices& out);

}  // namespace budget
