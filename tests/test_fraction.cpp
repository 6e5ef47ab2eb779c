// Fraction: always in lowest terms, exact past 64 bits, rounding halves away from zero.
#include <boost/test/unit_test.hpp>

#include <random>

#include "fraction.h"
#include "print_exact.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(fraction)

BOOST_AUTO_TEST_CASE(reduces_and_signs) {
    BOOST_TEST(Fraction(BigInt(6), BigInt(-4)).to_string() == "-3/2");
    BOOST_TEST(Fraction(BigInt(0), BigInt(-4)).to_string() == "0");
    BOOST_TEST((Fraction(BigInt(1), BigInt(3)) + Fraction(BigInt(1), BigInt(6))).to_string() == "1/2");
    BOOST_TEST((Fraction(BigInt(1), BigInt(3)) - Fraction(1)).to_string() == "-2/3");
    BOOST_TEST((Fraction(BigInt(2), BigInt(3)) * Fraction(BigInt(9), BigInt(4))).to_string() == "3/2");
    BOOST_TEST((Fraction(BigInt(2), BigInt(3)) / Fraction(BigInt(-4), BigInt(9))).to_string() == "-3/2");
    BOOST_TEST(Fraction(BigInt(1), BigInt(3)) < Fraction(BigInt(1), BigInt(2)));
    BOOST_TEST(Fraction(BigInt(2), BigInt(4)) == Fraction(BigInt(1), BigInt(2)));
}

BOOST_AUTO_TEST_CASE(sums_of_reciprocal_primes_stay_exact_past_64_bits) {
    // 1/2 + 1/3 + ... + 1/59: the denominator is 59# (about 1.9e21), beyond 64 bits.
    const int primes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59};
    Fraction sum(0);
    for (const int p : primes) sum = sum + Fraction(BigInt(1), BigInt(p));
    BOOST_TEST(sum.denominator().to_string() == "1922760350154212639070");
    BOOST_TEST(!sum.denominator().fits_int64());
    for (const int p : primes) sum = sum - Fraction(BigInt(1), BigInt(p));
    BOOST_TEST(sum.to_string() == "0");
}

BOOST_AUTO_TEST_CASE(rounds_halves_away_from_zero) {
    BOOST_TEST(Fraction(BigInt(5), BigInt(2)).rounded() == BigInt(3));
    BOOST_TEST(Fraction(BigInt(-5), BigInt(2)).rounded() == BigInt(-3));
    BOOST_TEST(Fraction(BigInt(7), BigInt(3)).rounded() == BigInt(2));
    BOOST_TEST(Fraction(BigInt(-7), BigInt(3)).rounded() == BigInt(-2));
    BOOST_TEST(Fraction(4).rounded() == BigInt(4));
}

BOOST_AUTO_TEST_CASE(shortcuts_agree_with_the_plain_formulas) {
    // Sums, differences, products and quotients by whole numbers, and scaled comparisons, take
    // shortcuts (Knuth's gcds, approximate comparisons when far apart); each must equal the plain
    // formula reduced in full, on values inside and far outside 64 bits.
    std::mt19937_64 rng(99);
    auto random_fraction = [&](int limbs) {
        BigInt n(static_cast<std::int64_t>(rng() >> 1)), d(static_cast<std::int64_t>(rng() >> 1) + 1);
        for (int i = 1; i < limbs; ++i) {
            n = n * BigInt(static_cast<std::int64_t>(rng() >> 33) + 1);
            d = d * BigInt(static_cast<std::int64_t>(rng() >> 33) + 1);
        }
        if (rng() % 2) n = -n;
        return Fraction(n, d);
    };
    for (int i = 0; i < 3000; ++i) {
        const Fraction a = random_fraction(1 + static_cast<int>(rng() % 5)), b = random_fraction(1 + static_cast<int>(rng() % 5));
        const Fraction c = rng() % 4 == 0 ? Fraction(a.numerator(), b.denominator() * a.denominator()) : b;  // shared factors
        const BigInt& an = a.numerator(); const BigInt& ad = a.denominator();
        const BigInt& cn = c.numerator(); const BigInt& cd = c.denominator();
        BOOST_TEST_REQUIRE((a + c).to_string() == Fraction(an * cd + cn * ad, ad * cd).to_string());
        BOOST_TEST_REQUIRE((a - c).to_string() == Fraction(an * cd - cn * ad, ad * cd).to_string());
        BOOST_TEST_REQUIRE((a - a).to_string() == "0");
        const auto k = static_cast<std::int64_t>(rng() % 1000) + 1;
        BOOST_TEST_REQUIRE(a.times(k).to_string() == Fraction(an * BigInt(k), ad).to_string());
        BOOST_TEST_REQUIRE(a.over(k).to_string() == Fraction(an, ad * BigInt(k)).to_string());
        const auto ka = static_cast<std::int64_t>(rng() % 50), kc = static_cast<std::int64_t>(rng() % 50);
        const int plain = compare(an * BigInt(ka) * cd, cn * BigInt(kc) * ad);
        BOOST_TEST_REQUIRE(Fraction::compare_scaled(a, ka, c, kc) == plain);
        BOOST_TEST_REQUIRE(compare(a, c) == compare(an * cd, cn * ad));
    }
    // Values a hair apart are compared exactly, not by their approximations.
    const BigInt big = BigInt(INT64_MAX) * BigInt(INT64_MAX);
    const Fraction x(big, big + BigInt(1)), y(big - BigInt(1), big);
    BOOST_TEST(compare(x, y) == 1);  // (b-1)/b < b/(b+1)
    BOOST_TEST(compare(y, x) == -1);
}

BOOST_AUTO_TEST_SUITE_END()
