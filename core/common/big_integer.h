// Signed integers of any size, exact, with a fast path while a value fits in 64 bits. Pure C++, so the
// same arithmetic runs natively and in WebAssembly; nothing wraps and nothing throws.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace budget {

class BigInt {
public:
    BigInt() = default;
    BigInt(std::int64_t value) : small_(value) {}  // NOLINT: integers convert freely

    int sign() const;
    bool is_zero() const { return !big_ && small_ == 0; }
    bool fits_int64() const { return !big_; }
    std::int64_t as_int64() const { return small_; }  // only when fits_int64()
    std::optional<std::int64_t> to_int64() const;
    std::string to_string() const;
    // The value as mantissa × 2^exponent with |mantissa| in [0.5, 1) (0 for zero), to about 60 bits:
    // for quick comparisons that fall back to exact ones when close.
    double mantissa(int& exponent) const;

    BigInt operator-() const;
    friend BigInt operator+(const BigInt& a, const BigInt& b);
    friend BigInt operator-(const BigInt& a, const BigInt& b);
    friend BigInt operator*(const BigInt& a, const BigInt& b);
    // Truncating division, as C++ does for int; `divisor` must not be zero.
    static void divide(const BigInt& dividend, const BigInt& divisor, BigInt& quotient, BigInt& remainder);
    // Greatest common divisor, never negative; gcd(0, 0) == 0.
    static BigInt gcd(const BigInt& a, const BigInt& b);

    friend int compare(const BigInt& a, const BigInt& b);
    friend bool operator==(const BigInt& a, const BigInt& b) { return compare(a, b) == 0; }
    friend bool operator!=(const BigInt& a, const BigInt& b) { return compare(a, b) != 0; }
    friend bool operator<(const BigInt& a, const BigInt& b) { return compare(a, b) < 0; }
    friend bool operator<=(const BigInt& a, const BigInt& b) { return compare(a, b) <= 0; }
    friend bool operator>(const BigInt& a, const BigInt& b) { return compare(a, b) > 0; }
    friend bool operator>=(const BigInt& a, const BigInt& b) { return compare(a, b) >= 0; }

    using Magnitude = std::vector<std::uint32_t>;  // little-endian base 2^32, no leading zero limbs

private:
    static BigInt from_parts(bool negative, Magnitude magnitude);
    // The sign and magnitude without copying a large one: `scratch` holds a small value's limbs.
    const Magnitude& view(bool& negative, Magnitude& scratch) const;

    bool big_ = false;         // false: the value is small_
    std::int64_t small_ = 0;
    bool negative_ = false;    // when big_
    Magnitude magnitude_;      // when big_; always more than 63 bits
};

}  // namespace budget
