// One-time voter codes for ballots and budgets that require them: ten characters of Crockford's base 32 (no I, L,
// O or U, so nothing is misread), printed as "ABCDE-FGHJK". Residents may type them in any case,
// with spaces or dashes, and with O for 0 or I and L for 1.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace budget {

constexpr std::size_t kVoterCodeLength = 10;  // 50 bits
// What a submission with a code that cannot be one is told (problem submission.bad_voter_code).
constexpr const char* kBadVoterCodeMessage = "a voter code is 10 letters and digits, as printed on the slip";

// The code for 50 random bits (the low 50 of `random`, from a cryptographic source).
std::string voter_code_from_bits(std::uint64_t random);
// "ABCDE-FGHJK", for printing.
std::string format_voter_code(const std::string& code);
// The code as typed, made canonical; nullopt when it cannot be one.
std::optional<std::string> normalise_voter_code(std::string_view typed);

}  // namespace budget
