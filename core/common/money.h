// Exact money in integer pence, and exact percentages in basis points (1/100 of a percent).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace budget {

using Pence = std::int64_t;       // money, always whole pence
using BasisPoints = std::int32_t; // 1% == 100 bp

// Fixed-point for indicator values: 1 unit == 1000 milli-units. Exact, identical native and wasm.
using Milli = std::int64_t;
constexpr Milli kMilli = 1000;

// Largest money amount accepted from a file: £1 trillion. Keeps every product inside 128 bits.
constexpr Pence kMaxPence = 100'000'000'000'000;

// Divides, rounding halves away from zero (the rule used for every rounding in the model).
std::int64_t divide_round(__int128 numerator, std::int64_t denominator);

// value / 10^decimals as an exact decimal string, e.g. (-1234, 2) -> "-12.34".
std::string format_fixed(std::int64_t value, int decimals);

// amount × bp / 10000, rounded to the penny.
Pence percent_of(Pence amount, BasisPoints bp);

// "1234.56", "-3", "1,234" are accepted; at most two decimal places; no currency sign.
std::optional<Pence> parse_pounds(std::string_view text);

// "£1,234.56" / "-£12.00"
std::string format_pounds(Pence amount);
// "£1.2m", "£350k", "£12.50": for compact display only.
std::string format_pounds_short(Pence amount);
// "1234.56" (no separators, no sign for zero): the machine form used in JSON output.
std::string pounds_decimal(Pence amount);
// "2.99" / "-5" / "0.5"
std::string format_bp_as_percent(BasisPoints bp);

}  // namespace budget
