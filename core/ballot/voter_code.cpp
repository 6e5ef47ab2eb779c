// Voter codes: Crockford base 32, read forgivingly.
#include "voter_code.h"

#include <cstdint>

namespace budget {

namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
}  // namespace

std::string voter_code_from_bits(std::uint64_t random) {
    std::string code(kVoterCodeLength, '0');
    for (std::size_t i = 0; i < kVoterCodeLength; ++i) {
        code[kVoterCodeLength - 1 - i] = kAlphabet[random & 31u];
        random >>= 5;
    }
    return code;
}

std::string format_voter_code(const std::string& code) {
    return code.size() == kVoterCodeLength ? code.substr(0, 5) + "-" + code.substr(5) : code;
}

std::optional<std::string> normalise_voter_code(std::string_view typed) {
    if (typed.size() > 64) return std::nullopt;
    std::string code;
    for (char c : typed) {
        if (c == ' ' || c == '-') continue;
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c == 'O') c = '0';
        if (c == 'I' || c == 'L') c = '1';
        if (kAlphabet.find(c) == std::string_view::npos) return std::nullopt;
        code.push_back(c);
    }
    if (code.size() != kVoterCodeLength) return std::nullopt;
    return code;
}

}  // namespace budget
