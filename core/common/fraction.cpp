// Exact rational arithmetic: every result is reduced, so equal values compare and print equal.
#include "fraction.h"

#include <algorithm>
#include <cmath>
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
        approx_ = 0;
        return;
    }
    const BigInt g = BigInt::gcd(numerator_, denominator_);
    if (g != BigInt(1)) {
        BigInt q, r;
        BigInt::divide(numerator_, g, q, r);
        numerator_ = std::move(q);
        BigInt::divide(denominator_, g, q, r);
        denominator_ = std::move(q);
    }
    set_approx();
}

Fraction::Fraction(BigInt numerator, BigInt denominator, Reduced) : numerator_(std::move(numerator)), denominator_(std::move(denominator)) {
    set_approx();
}

void Fraction::set_approx() {
    int en = 0, ed = 0;
    const double mn = numerator_.mantissa(en), md = denominator_.mantissa(ed);
    approx_ = numerator_.is_zero() ? 0.0 : (en - ed > -1000 && en - ed < 1000) ? std::ldexp(mn / md, en - ed) : std::nan("");
}

namespace {

std::int64_t small_gcd(const BigInt& big, std::int64_t k) {
    BigInt q, r;
    BigInt::divide(big, BigInt(k), q, r);
    std::int64_t a = k, b = r.as_int64() < 0 ? -r.as_int64() : r.as_int64();
    while (b != 0) {
        const std::int64_t t = a % b;
        a = b;
        b = t;
    }
    return a;
}

}  // namespace

Fraction Fraction::times(std::int64_t k) const {
    if (k == 0 || is_zero()) return Fraction(0);
    const std::int64_t g = small_gcd(denominator_, k < 0 ? -k : k);
    if (g == 1) return Fraction(numerator_ * BigInt(k), denominator_, Reduced{});
    BigInt q, r, d;
    BigInt::divide(denominator_, BigInt(g), d, r);
    return Fraction(numerator_ * BigInt(k / g), std::move(d), Reduced{});
}

Fraction Fraction::over(std::int64_t k) const {
    if (is_zero()) return Fraction(0);
    const std::int64_t g = small_gcd(numerator_, k);
    if (g == 1) return Fraction(numerator_, denominator_ * BigInt(k), Reduced{});
    BigInt n, r;
    BigInt::divide(numerator_, BigInt(g), n, r);
    return Fraction(std::move(n), denominator_ * BigInt(k / g), Reduced{});
}

int Fraction::compare_scaled(const Fraction& a, std::int64_t ka, const Fraction& b, std::int64_t kb) {
    const double x = a.approx_ * static_cast<double>(ka), y = b.approx_ * static_cast<double>(kb);
    if (std::fabs(x - y) > 1e-9 * std::max(std::fabs(x), std::fabs(y))) return x < y ? -1 : 1;  // false for NaN
    return compare(a.numerator_ * BigInt(ka) * b.denominator_, b.numerator_ * BigInt(kb) * a.denominator_);
}

namespace {

BigInt quotient(const BigInt& a, const BigInt& b) {
    BigInt q, r;
    BigInt::divide(a, b, q, r);
    return q;
}

}  // namespace

// a/b ± c/d as Knuth does it (TAOCP 4.5.1): gcds of the denominators and of a small factor, never of
// the full cross product. A whole number plus a fraction in lowest terms needs no gcd at all.
Fraction Fraction::add(const Fraction& a, const Fraction& b, bool subtract) {
    const BigInt& an = a.numerator_;
    const BigInt bn = subtract ? -b.numerator_ : b.numerator_;
    if (b.denominator_ == BigInt(1)) return Fraction(an + bn * a.denominator_, a.denominator_, Reduced{});
    if (a.denominator_ == BigInt(1)) return Fraction(an * b.denominator_ + bn, b.denominator_, Reduced{});
    const BigInt g = BigInt::gcd(a.denominator_, b.denominator_);
    if (g == BigInt(1)) return Fraction(an * b.denominator_ + bn * a.denominator_, a.denominator_ * b.denominator_, Reduced{});
    const BigInt bd_g = quotient(b.denominator_, g);
    const BigInt t = an * bd_g + bn * quotient(a.denominator_, g);
    if (t.is_zero()) return Fraction(0);
    const BigInt g2 = BigInt::gcd(t, g);
    if (g2 == BigInt(1)) return Fraction(t, a.denominator_ * bd_g, Reduced{});
    return Fraction(quotient(t, g2), quotient(a.denominator_, g2) * bd_g, Reduced{});
}

Fraction operator+(const Fraction& a, const Fraction& b) { return Fraction::add(a, b, false); }

Fraction operator-(const Fraction& a, const Fraction& b) { return Fraction::add(a, b, true); }

Fraction operator*(const Fraction& a, const Fraction& b) {
    return Fraction(a.numerator_ * b.numerator_, a.denominator_ * b.denominator_);
}

Fraction operator/(const Fraction& a, const Fraction& b) {
    return Fraction(a.numerator_ * b.denominator_, a.denominator_ * b.numerator_);
}

int compare(const Fraction& a, const Fraction& b) {
    const double x = a.approx_, y = b.approx_;
    if (std::fabs(x - y) > 1e-9 * std::max(std::fabs(x), std::fabs(y))) return x < y ? -1 : 1;  // false for NaN
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
