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
    Fraction(std::int64_t whole) : numerator_(whole), approx_(static_cast<double>(whole)) {}  // NOLINT: integers convert freely
    Fraction(BigInt numerator, BigInt denominator);     // denominator must not be zero

    const BigInt& numerator() const { return numerator_; }
    const BigInt& denominator() const { return denominator_; }
    int sign() const { return numerator_.sign(); }
    bool is_zero() const { return numerator_.is_zero(); }

    friend Fraction operator+(const Fraction& a, const Fraction& b);
    friend Fraction operator-(const Fraction& a, const Fraction& b);
    friend Fraction operator*(const Fraction& a, const Fraction& b);
    friend Fraction operator/(const Fraction& a, const Fraction& b);  // b must not be zero

    // Products and quotients by whole numbers, without a full reduction (only a small gcd).
    Fraction times(std::int64_t k) const;
    Fraction over(std::int64_t k) const;  // k > 0

    friend int compare(const Fraction& a, const Fraction& b);
    // Compares a·ka with b·kb (ka, kb >= 0) without making either product.
    static int compare_scaled(const Fraction& a, std::int64_t ka, const Fraction& b, std::int64_t kb);
    friend bool operator==(const Fraction& a, const Fraction& b) { return compare(a, b) == 0; }
    friend bool operator!=(const Fraction& a, const Fraction& b) { return compare(a, b) != 0; }
    friend bool operator<(const Fraction& a, const Fraction& b) { return compare(a, b) < 0; }
    friend bool operator<=(const Fraction& a, const Fraction& b) { return compare(a, b) <= 0; }
    friend bool operator>(const Fraction& a, const Fraction& b) { return compare(a, b) > 0; }
    friend bool operator>=(const Fraction& a, const Fraction& b) { return compare(a, b) >= 0; }

    // "7", "-3/4": exact, for JSON and tests
    std::string to_string() const;
    // Within a relative 2^-50 of the value (NaN out of a double's range): for filters that decide
    // exactly whenever it is not far enough from what it is compared with.
    double approximate() const { return approx_; }
    // Rounded to a whole number, halves away from zero (pence for display).
    BigInt rounded() const;

private:
    struct Reduced {};
    static Fraction add(const Fraction& a, const Fraction& b, bool subtract);
    Fraction(BigInt numerator, BigInt denominator, Reduced);  // already in lowest terms
    void reduce();
    void set_approx();
    BigInt numerator_{0};
    BigInt denominator_{1};
    // Within a relative 2^-50 of the value, or NaN when out of a double's range. compare() decides by
    // it only when two values are more than a relative 10^-9 apart, and exactly otherwise.
    double approx_ = 0;
};

}  // namespace budget
