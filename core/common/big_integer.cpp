// Schoolbook arithmetic on base-2^32 magnitudes (Knuth's algorithm D for division), used only once a
// value leaves 64 bits.
#include "big_integer.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace budget {

namespace {

using Magnitude = BigInt::Magnitude;
constexpr std::uint64_t kBase = std::uint64_t{1} << 32;

void trim(Magnitude& m) {
    while (!m.empty() && m.back() == 0) m.pop_back();
}

Magnitude magnitude_of(std::uint64_t v) {
    Magnitude m;
    while (v != 0) {
        m.push_back(static_cast<std::uint32_t>(v));
        v >>= 32;
    }
    return m;
}

int compare_magnitudes(const Magnitude& a, const Magnitude& b) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    for (std::size_t i = a.size(); i-- > 0;)
        if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
}

Magnitude add_magnitudes(const Magnitude& a, const Magnitude& b) {
    const Magnitude& longer = a.size() >= b.size() ? a : b;
    const Magnitude& shorter = a.size() >= b.size() ? b : a;
    Magnitude out(longer.size() + 1);
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < longer.size(); ++i) {
        const std::uint64_t s = std::uint64_t{longer[i]} + (i < shorter.size() ? shorter[i] : 0) + carry;
        out[i] = static_cast<std::uint32_t>(s);
        carry = s >> 32;
    }
    out[longer.size()] = static_cast<std::uint32_t>(carry);
    trim(out);
    return out;
}

// a - b, where a >= b
Magnitude subtract_magnitudes(const Magnitude& a, const Magnitude& b) {
    Magnitude out(a.size());
    std::int64_t borrow = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::int64_t d = std::int64_t{a[i]} - (i < b.size() ? std::int64_t{b[i]} : 0) - borrow;
        borrow = d < 0 ? 1 : 0;
        if (d < 0) d += static_cast<std::int64_t>(kBase);
        out[i] = static_cast<std::uint32_t>(d);
    }
    trim(out);
    return out;
}

Magnitude multiply_magnitudes(const Magnitude& a, const Magnitude& b) {
    if (a.empty() || b.empty()) return {};
    Magnitude out(a.size() + b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        std::uint64_t carry = 0;
        for (std::size_t j = 0; j < b.size(); ++j) {
            const std::uint64_t t = std::uint64_t{a[i]} * b[j] + out[i + j] + carry;
            out[i + j] = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
        out[i + b.size()] = static_cast<std::uint32_t>(carry);
    }
    trim(out);
    return out;
}

// Divides by one limb; returns the remainder.
std::uint32_t divide_by_limb(const Magnitude& u, std::uint32_t v, Magnitude& q) {
    q.assign(u.size(), 0);
    std::uint64_t rem = 0;
    for (std::size_t i = u.size(); i-- > 0;) {
        const std::uint64_t cur = (rem << 32) | u[i];
        q[i] = static_cast<std::uint32_t>(cur / v);
        rem = cur % v;
    }
    trim(q);
    return static_cast<std::uint32_t>(rem);
}

// Knuth, TAOCP vol. 2, 4.3.1, algorithm D. v has at least two limbs; u >= v.
void divide_magnitudes(const Magnitude& u, const Magnitude& v, Magnitude& q, Magnitude& r) {
    const std::size_t n = v.size();
    const std::size_t m = u.size() - n;
    const int shift = __builtin_clz(v.back());
    Magnitude vn(n), un(u.size() + 1);
    for (std::size_t i = n; i-- > 0;) {
        const std::uint64_t hi = std::uint64_t{v[i]} << shift;
        const std::uint64_t lo = (shift != 0 && i > 0) ? (std::uint64_t{v[i - 1]} >> (32 - shift)) : 0;
        vn[i] = static_cast<std::uint32_t>(hi | lo);
    }
    un[u.size()] = shift != 0 ? static_cast<std::uint32_t>(std::uint64_t{u.back()} >> (32 - shift)) : 0;
    for (std::size_t i = u.size(); i-- > 0;) {
        const std::uint64_t hi = std::uint64_t{u[i]} << shift;
        const std::uint64_t lo = (shift != 0 && i > 0) ? (std::uint64_t{u[i - 1]} >> (32 - shift)) : 0;
        un[i] = static_cast<std::uint32_t>(hi | lo);
    }
    q.assign(m + 1, 0);
    for (std::size_t j = m + 1; j-- > 0;) {
        const std::uint64_t top = (std::uint64_t{un[j + n]} << 32) | un[j + n - 1];
        std::uint64_t qhat = top / vn[n - 1];
        std::uint64_t rhat = top % vn[n - 1];
        while (qhat >= kBase || qhat * vn[n - 2] > ((rhat << 32) | un[j + n - 2])) {
            --qhat;
            rhat += vn[n - 1];
            if (rhat >= kBase) break;
        }
        std::int64_t borrow = 0;
        std::uint64_t carry = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t p = qhat * vn[i] + carry;
            carry = p >> 32;
            std::int64_t t = std::int64_t{un[i + j]} - static_cast<std::int64_t>(p & 0xffffffffu) - borrow;
            borrow = t < 0 ? 1 : 0;
            if (t < 0) t += static_cast<std::int64_t>(kBase);
            un[i + j] = static_cast<std::uint32_t>(t);
        }
        std::int64_t t = std::int64_t{un[j + n]} - static_cast<std::int64_t>(carry) - borrow;
        if (t < 0) {  // qhat was one too large: add v back
            t += static_cast<std::int64_t>(kBase);
            un[j + n] = static_cast<std::uint32_t>(t);
            --qhat;
            std::uint64_t c = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const std::uint64_t s = std::uint64_t{un[i + j]} + vn[i] + c;
                un[i + j] = static_cast<std::uint32_t>(s);
                c = s >> 32;
            }
            un[j + n] = static_cast<std::uint32_t>(std::uint64_t{un[j + n]} + c);
        } else {
            un[j + n] = static_cast<std::uint32_t>(t);
        }
        q[j] = static_cast<std::uint32_t>(qhat);
    }
    trim(q);
    r.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t lo = std::uint64_t{un[i]} >> shift;
        const std::uint64_t hi = shift != 0 ? (std::uint64_t{un[i + 1]} << (32 - shift)) : 0;
        r[i] = static_cast<std::uint32_t>(lo | hi);
    }
    trim(r);
}

void divide_any(const Magnitude& u, const Magnitude& v, Magnitude& q, Magnitude& r) {
    if (compare_magnitudes(u, v) < 0) {
        q.clear();
        r = u;
    } else if (v.size() == 1) {
        const std::uint32_t rem = divide_by_limb(u, v[0], q);
        r = magnitude_of(rem);
    } else {
        divide_magnitudes(u, v, q, r);
    }
}

std::uint64_t unsigned_abs(std::int64_t v) {
    return v < 0 ? ~static_cast<std::uint64_t>(v) + 1 : static_cast<std::uint64_t>(v);
}

}  // namespace

BigInt BigInt::from_parts(bool negative, Magnitude magnitude) {
    trim(magnitude);
    BigInt out;
    if (magnitude.size() <= 2) {
        std::uint64_t v = 0;
        for (std::size_t i = magnitude.size(); i-- > 0;) v = (v << 32) | magnitude[i];
        constexpr std::uint64_t kMaxPositive = static_cast<std::uint64_t>(INT64_MAX);
        if (v <= kMaxPositive) {
            out.small_ = negative ? -static_cast<std::int64_t>(v) : static_cast<std::int64_t>(v);
            return out;
        }
        if (negative && v == kMaxPositive + 1) {
            out.small_ = INT64_MIN;
            return out;
        }
    }
    out.big_ = true;
    out.negative_ = negative;
    out.magnitude_ = std::move(magnitude);
    return out;
}

const BigInt::Magnitude& BigInt::view(bool& negative, Magnitude& scratch) const {
    if (big_) {
        negative = negative_;
        return magnitude_;
    }
    negative = small_ < 0;
    scratch = magnitude_of(unsigned_abs(small_));
    return scratch;
}

double BigInt::mantissa(int& exponent) const {
    if (!big_) return std::frexp(static_cast<double>(small_), &exponent);
    // The top 64 bits, then scaled by the limbs below them.
    const std::size_t n = magnitude_.size();
    const std::uint64_t top = (std::uint64_t{magnitude_[n - 1]} << 32) | magnitude_[n - 2];
    int e = 0;
    const double m = std::frexp(static_cast<double>(top), &e);
    exponent = e + static_cast<int>(32 * (n - 2));
    return negative_ ? -m : m;
}

int BigInt::sign() const {
    if (big_) return negative_ ? -1 : 1;
    return small_ < 0 ? -1 : (small_ > 0 ? 1 : 0);
}

std::optional<std::int64_t> BigInt::to_int64() const {
    if (big_) return std::nullopt;
    return small_;
}

std::string BigInt::to_string() const {
    if (!big_) return std::to_string(small_);
    Magnitude m = magnitude_, q;
    std::string digits;
    while (!m.empty()) {
        std::uint32_t chunk = divide_by_limb(m, 1'000'000'000u, q);
        m.swap(q);
        for (int i = 0; i < 9; ++i) {
            digits.push_back(static_cast<char>('0' + chunk % 10));
            chunk /= 10;
        }
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    if (negative_) digits.push_back('-');
    std::reverse(digits.begin(), digits.end());
    return digits;
}

BigInt BigInt::operator-() const {
    if (!big_ && small_ != INT64_MIN) return BigInt(-small_);
    bool negative = false;
    Magnitude scratch;
    Magnitude m = view(negative, scratch);
    return from_parts(!negative, std::move(m));
}

BigInt operator+(const BigInt& a, const BigInt& b) {
    std::int64_t s = 0;
    if (!a.big_ && !b.big_ && !__builtin_add_overflow(a.small_, b.small_, &s)) return BigInt(s);
    bool an = false, bn = false;
    BigInt::Magnitude as, bs;
    const auto& am = a.view(an, as);
    const auto& bm = b.view(bn, bs);
    if (an == bn) return BigInt::from_parts(an, add_magnitudes(am, bm));
    const int c = compare_magnitudes(am, bm);
    if (c == 0) return BigInt(0);
    return c > 0 ? BigInt::from_parts(an, subtract_magnitudes(am, bm)) : BigInt::from_parts(bn, subtract_magnitudes(bm, am));
}

BigInt operator-(const BigInt& a, const BigInt& b) {
    std::int64_t s = 0;
    if (!a.big_ && !b.big_ && !__builtin_sub_overflow(a.small_, b.small_, &s)) return BigInt(s);
    return a + (-b);
}

BigInt operator*(const BigInt& a, const BigInt& b) {
    std::int64_t p = 0;
    if (!a.big_ && !b.big_ && !__builtin_mul_overflow(a.small_, b.small_, &p)) return BigInt(p);
    bool an = false, bn = false;
    BigInt::Magnitude as, bs;
    const auto& am = a.view(an, as);
    const auto& bm = b.view(bn, bs);
    return BigInt::from_parts(an != bn, multiply_magnitudes(am, bm));
}

void BigInt::divide(const BigInt& dividend, const BigInt& divisor, BigInt& quotient, BigInt& remainder) {
    if (!dividend.big_ && !divisor.big_ && !(dividend.small_ == INT64_MIN && divisor.small_ == -1)) {
        const std::int64_t q = dividend.small_ / divisor.small_, r = dividend.small_ % divisor.small_;
        quotient = BigInt(q);
        remainder = BigInt(r);
        return;
    }
    bool un = false, vn = false;
    Magnitude us, vs, qm, rm;
    const auto& um = dividend.view(un, us);
    const auto& vm = divisor.view(vn, vs);
    divide_any(um, vm, qm, rm);
    quotient = from_parts(un != vn, std::move(qm));
    remainder = from_parts(un, std::move(rm));
}

BigInt BigInt::gcd(const BigInt& a, const BigInt& b) {
    bool negative = false;
    Magnitude x, y;
    x = a.view(negative, x);
    y = b.view(negative, y);
    Magnitude q, r;
    while (!y.empty()) {
        if (x.size() <= 2 && y.size() <= 2) {  // finish in 64 bits
            std::uint64_t u = 0, v = 0;
            for (std::size_t i = x.size(); i-- > 0;) u = (u << 32) | x[i];
            for (std::size_t i = y.size(); i-- > 0;) v = (v << 32) | y[i];
            while (v != 0) {
                const std::uint64_t t = u % v;
                u = v;
                v = t;
            }
            return from_parts(false, magnitude_of(u));
        }
        divide_any(x, y, q, r);
        x.swap(y);
        y.swap(r);
    }
    return from_parts(false, std::move(x));
}

int compare(const BigInt& a, const BigInt& b) {
    if (!a.big_ && !b.big_) return a.small_ < b.small_ ? -1 : (a.small_ > b.small_ ? 1 : 0);
    const int sa = a.sign(), sb = b.sign();
    if (sa != sb) return sa < sb ? -1 : 1;
    bool an = false, bn = false;
    BigInt::Magnitude as, bs;
    const auto& am = a.view(an, as);
    const auto& bm = b.view(bn, bs);
    const int c = compare_magnitudes(am, bm);
    return an ? -c : c;
}

}  // namespace budget
