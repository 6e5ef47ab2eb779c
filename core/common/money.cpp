// Exact money arithmetic and formatting.
#include "money.h"

#include <cstdlib>

namespace budget {

std::int64_t divide_round(__int128 numerator, std::int64_t denominator) {
    if (denominator < 0) { numerator = -numerator; denominator = -denominator; }
    // 64-bit fast path: 128-bit division is a slow library call.
    constexpr std::int64_t kFast = std::int64_t{1} << 61;
    if (numerator > -kFast && numerator < kFast && denominator < kFast) {
        const auto n = static_cast<std::int64_t>(numerator);
        const std::int64_t m = n < 0 ? -n : n;
        const std::int64_t q = (m + denominator / 2) / denominator;
        return n < 0 ? -q : q;
    }
    const bool negative = numerator < 0;
    __int128 magnitude = negative ? -numerator : numerator;
    __int128 quotient = (magnitude + denominator / 2) / denominator;
    return static_cast<std::int64_t>(negative ? -quotient : quotient);
}

Pence percent_of(Pence amount, BasisPoints bp) {
    return divide_round(static_cast<__int128>(amount) * bp, 10000);
}

std::optional<Pence> parse_pounds(std::string_view text) {
    if (text.empty() || text.size() > 32) return std::nullopt;
    std::size_t i = 0;
    bool negative = false;
    if (text[0] == '-') { negative = true; i = 1; }
    __int128 whole = 0;
    int digits = 0;
    for (; i < text.size() && text[i] != '.'; ++i) {
        const char c = text[i];
        if (c == ',') continue;
        if (c < '0' || c > '9') return std::nullopt;
        whole = whole * 10 + (c - '0');
        if (whole > kMaxPence) return std::nullopt;
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    int pence = 0;
    if (i < text.size()) {  // at '.'
        ++i;
        const std::size_t decimals = text.size() - i;
        if (decimals == 0 || decimals > 2) return std::nullopt;
        for (std::size_t k = 0; k < 2; ++k) {
            int d = 0;
            if (i + k < text.size()) {
                const char c = text[i + k];
                if (c < '0' || c > '9') return std::nullopt;
                d = c - '0';
            }
            pence = pence * 10 + d;
        }
    }
    const __int128 total = whole * 100 + pence;
    if (total > kMaxPence) return std::nullopt;
    return static_cast<Pence>(negative ? -total : total);
}

namespace {
std::string group_thousands(std::uint64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[i];
        if (i + 1 < n && (n - i - 1) % 3 == 0) out += ',';
    }
    return out;
}
std::uint64_t magnitude(Pence amount) {
    return amount < 0 ? static_cast<std::uint64_t>(-(amount + 1)) + 1 : static_cast<std::uint64_t>(amount);
}
std::string two_digits(std::uint64_t v) {
    return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}
}  // namespace

std::string format_pounds(Pence amount) {
    const std::uint64_t m = magnitude(amount);
    return std::string(amount < 0 ? "-" : "") + "\xC2\xA3" + group_thousands(m / 100) + "." + two_digits(m % 100);
}

std::string format_pounds_short(Pence amount) {
    const std::uint64_t m = magnitude(amount);
    const std::string sign = amount < 0 ? "-" : "";
    const std::string pound = "\xC2\xA3";
    if (m >= 100'000'000) {  // £1m and over: one decimal place of millions
        const std::uint64_t tenths = (m + 5'000'000) / 10'000'000;  // tenths of a million pounds
        return sign + pound + group_thousands(tenths / 10) + "." + std::to_string(tenths % 10) + "m";
    }
    if (m >= 100'000) {  // £1k and over
        return sign + pound + group_thousands((m + 50'000) / 100'000) + "k";
    }
    return sign + pound + std::to_string(m / 100) + "." + two_digits(m % 100);
}

std::string format_fixed(std::int64_t value, int decimals) {
    const bool negative = value < 0;
    std::uint64_t m = negative ? static_cast<std::uint64_t>(-(value + 1)) + 1 : static_cast<std::uint64_t>(value);
    std::uint64_t scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    std::string frac = std::to_string(m % scale);
    while (frac.size() < static_cast<std::size_t>(decimals)) frac.insert(frac.begin(), '0');
    std::string out = (negative ? "-" : "") + std::to_string(m / scale);
    if (decimals > 0) out += "." + frac;
    return out;
}

std::string pounds_decimal(Pence amount) {
    const std::uint64_t m = magnitude(amount);
    return std::string(amount < 0 ? "-" : "") + std::to_string(m / 100) + "." + two_digits(m % 100);
}

std::string format_bp_as_percent(BasisPoints bp) {
    const std::uint64_t m = magnitude(bp);
    std::string out = (bp < 0 ? "-" : "") + std::to_string(m / 100);
    const std::uint64_t frac = m % 100;
    if (frac != 0) {
        out += '.';
        out += static_cast<char>('0' + frac / 10);
        if (frac % 10 != 0) out += static_cast<char>('0' + frac % 10);
    }
    return out;
}

}  // namespace budget
