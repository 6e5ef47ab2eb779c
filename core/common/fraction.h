// Exact rational numbers over BigInt, always in lowest terms with a positive denominator. Used where
// money is shared out (the Method of Equal Shares), so no binary float ever touches an amount.
#pragma once
#include <cstdint>
#include <string>

#include "big_integer.h"

namespace budget {

class Fraction {
public:
    Fraction() = default;
    Fraction(std::int64_t whole) : numerator_(whole) {}  // NOLINT: integers convert freely
    Fraction(BigInt numerator, BigInt denominator);     // denominator must not be zero

    const BigInt& numerator() const { return numerator_; }
    const BigInt& denominator() const { return denominator_; }
    int sign() const { return numerator_.sign(); }
    bool is_zero() const { return numerator_.is_zero(); }

    friend Fraction operator+(const Fraction& a, const Fraction& b);
    friend Fraction operator-(const Fraction& a, const Fraction& b);
    friend Fraction operator*(const Fraction& a, const Fraction& b);
    friend Fraction operator/(const Fraction& a, const Fraction& b);  // b must not be zero

    friend int compare(const Fraction& a, const Fraction& b);
    friend bool operator==(const Fraction& a, const Fraction& b) { return compare(a, b) == 0; }
    friend bool operator!=(const Fraction& a, const Fraction& b) { return compare(a, b) != 0; }
    friend bool operator<(const Fraction& a, const Fraction& b) { return compare(a, b) < 0; }
    friend bool operator<=(const Fraction& a, const Fraction& b) { return compare(a, b) <= 0; }
    friend bool operator>(const Fraction& a, const Fraction& b) { return compare(a, b) > 0; }
    friend bool operator>=(const Fraction& a, const Fraction& b) { return compare(a, b) >= 0; }

    // "7", "-3/4": exact, for JSON and tests
    std::string to_string() const;
    // Rounded to a whole number, halves away from zero (pence for display).
    BigInt rounded() const;

private:
    void reduce();
    BigInt numerator_{0};
    BigInt denominator_{1};
};

}  // namespace budget
