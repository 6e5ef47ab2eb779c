// Exact rational arithmetic: every result is reduced, so equal values compare and print equal.
#include "fraction.h"

#include <utility>

namespace budget {

Fraction::Fraction(BigInt numerator, BigInt denominator) : numerator_(std::move(numerator)), denominator_(std::move(denominator)) {
    reduce();
}

void Fraction::reduce() {
    if (denominator_.sign() < 0) {
        numerator_ = -numerator_;
        denominator_ = -denominator_;
    }
    if (numerator_.is_zero()) {
        denominator_ = BigInt(1);
        return;
    }
    const BigInt g = BigInt::gcd(numerator_, denominator_);
    if (g == BigInt(1)) return;
    BigInt q, r;
    BigInt::divide(numerator_, g, q, r);
    numerator_ = std::move(q);
    BigInt::divide(denominator_, g, q, r);
    denominator_ = std::move(q);
}

Fraction operator+(const Fraction& a, const Fraction& b) {
    if (a.denominator_ == b.denominator_) return Fraction(a.numerator_ + b.numerator_, a.denominator_);
    return Fraction(a.numerator_ * b.denominator_ + b.numerator_ * a.denominator_, a.denominator_ * b.denominator_);
}

Fraction operator-(const Fraction& a, const Fraction& b) {
    if (a.denominator_ == b.denominator_) return Fraction(a.numerator_ - b.numerator_, a.denominator_);
    return Fraction(a.numerator_ * b.denominator_ - b.numerator_ * a.denominator_, a.denominator_ * b.denominator_);
}

Fraction operator*(const Fraction& a, const Fraction& b) {
    return Fraction(a.numerator_ * b.numerator_, a.denominator_ * b.denominator_);
}

Fraction operator/(const Fraction& a, const Fraction& b) {
    return Fraction(a.numerator_ * b.denominator_, a.denominator_ * b.numerator_);
}

int compare(const Fraction& a, const Fraction& b) {
    if (a.denominator_ == b.denominator_) return compare(a.numerator_, b.numerator_);
    return compare(a.numerator_ * b.denominator_, b.numerator_ * a.denominator_);
}

std::string Fraction::to_string() const {
    if (denominator_ == BigInt(1)) return numerator_.to_string();
    return numerator_.to_string() + "/" + denominator_.to_string();
}

BigInt Fraction::rounded() const {
    // floor((2n + d) / 2d) for n >= 0; mirrored for negatives
    const bool negative = numerator_.sign() < 0;
    const BigInt n = negative ? -numerator_ : numerator_;
    BigInt q, r;
    BigInt::divide(n * BigInt(2) + denominator_, denominator_ * BigInt(2), q, r);
    return negative ? -q : q;
}

}  // namespace budget
