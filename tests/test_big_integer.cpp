// BigInt: agrees with 128-bit arithmetic where that is exact, and keeps identities far beyond it.
#include <boost/test/unit_test.hpp>

#include <random>

#include "big_integer.h"
#include "print_exact.h"

using namespace budget;

namespace {

std::string to_string_128(__int128 v) {
    if (v == 0) return "0";
    const bool negative = v < 0;
    unsigned __int128 u = negative ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
    std::string s;
    while (u != 0) {
        s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
        u /= 10;
    }
    return negative ? "-" + s : s;
}

BigInt random_big(std::mt19937_64& rng, int factors) {
    BigInt v(1);
    for (int i = 0; i < factors; ++i) {
        auto f = static_cast<std::int64_t>(rng());
        if (f == 0) f = 1;
        v = v * BigInt(f);
    }
    if (rng() % 3 == 0) v = v + BigInt(static_cast<std::int64_t>(rng()));
    return v;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(big_integer)

BOOST_AUTO_TEST_CASE(prints_known_powers) {
    BigInt two_64 = BigInt(INT64_MAX) + BigInt(INT64_MAX) + BigInt(2);
    BOOST_TEST(two_64.to_string() == "18446744073709551616");
    BigInt two_100 = two_64 * BigInt(std::int64_t{1} << 36);
    BOOST_TEST(two_100.to_string() == "1267650600228229401496703205376");
    BOOST_TEST((-two_100).to_string() == "-1267650600228229401496703205376");
    BOOST_TEST(BigInt(INT64_MIN).to_string() == "-9223372036854775808");
    BOOST_TEST((-BigInt(INT64_MIN)).to_string() == "9223372036854775808");
    BOOST_TEST(!(-BigInt(INT64_MIN)).fits_int64());
    BOOST_TEST((-BigInt(INT64_MIN) - BigInt(1)).fits_int64());
}

BOOST_AUTO_TEST_CASE(agrees_with_128_bit_arithmetic) {
    std::mt19937_64 rng(20261201);
    for (int i = 0; i < 20000; ++i) {
        const auto a = static_cast<std::int64_t>(rng()) >> (rng() % 63);
        const auto b = static_cast<std::int64_t>(rng()) >> (rng() % 63);
        const BigInt x(a), y(b);
        BOOST_TEST_REQUIRE((x + y).to_string() == to_string_128(static_cast<__int128>(a) + b));
        BOOST_TEST_REQUIRE((x - y).to_string() == to_string_128(static_cast<__int128>(a) - b));
        BOOST_TEST_REQUIRE((x * y).to_string() == to_string_128(static_cast<__int128>(a) * b));
        BOOST_TEST_REQUIRE(compare(x, y) == (a < b ? -1 : a > b ? 1 : 0));
        if (b != 0) {
            BigInt q, r;
            BigInt::divide(x * y + BigInt(a % b), y, q, r);  // a*b + a%b over b
            const __int128 n = static_cast<__int128>(a) * b + a % b;
            BOOST_TEST_REQUIRE(q.to_string() == to_string_128(n / b));
            BOOST_TEST_REQUIRE(r.to_string() == to_string_128(n % b));
        }
    }
}

BOOST_AUTO_TEST_CASE(division_and_gcd_identities_on_large_values) {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 3000; ++i) {
        const BigInt a = random_big(rng, 1 + static_cast<int>(rng() % 6));
        BigInt b = random_big(rng, 1 + static_cast<int>(rng() % 4));
        if (b.is_zero()) continue;
        BigInt q, r;
        BigInt::divide(a, b, q, r);
        BOOST_TEST_REQUIRE(q * b + r == a);
        const BigInt abs_r = r.sign() < 0 ? -r : r, abs_b = b.sign() < 0 ? -b : b;
        BOOST_TEST_REQUIRE(abs_r < abs_b);
        BOOST_TEST_REQUIRE((r.is_zero() || r.sign() == a.sign()));
        const BigInt g = random_big(rng, 1 + static_cast<int>(rng() % 2));
        const BigInt d = BigInt::gcd(a * g, b * g);
        BigInt q1, r1, q2, r2;
        BigInt::divide(a * g, d, q1, r1);
        BigInt::divide(b * g, d, q2, r2);
        BOOST_TEST_REQUIRE(r1.is_zero());
        BOOST_TEST_REQUIRE(r2.is_zero());
        BOOST_TEST_REQUIRE(BigInt::gcd(q1, q2) == BigInt(1));
    }
}

BOOST_AUTO_TEST_CASE(division_needing_the_rare_correction_step) {
    // Divisors with a top limb of 0x80000000 and dividends of all-ones limbs push algorithm D to
    // over-estimate a quotient digit and add the divisor back.
    const BigInt limb(std::int64_t{1} << 32);
    const BigInt top = BigInt(std::int64_t{0x80000000}) * limb * limb + BigInt(1);
    BigInt ones(0);
    for (int i = 0; i < 6; ++i) ones = ones * limb + BigInt(std::int64_t{0xffffffff});
    BigInt q, r;
    BigInt::divide(ones, top, q, r);
    BOOST_TEST(q * top + r == ones);
    BOOST_TEST(r < top);
    BOOST_TEST(r.sign() >= 0);
}

BOOST_AUTO_TEST_SUITE_END()
