// Fraction: always in lowest terms, exact past 64 bits, rounding halves away from zero.
#include <boost/test/unit_test.hpp>

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

BOOST_AUTO_TEST_SUITE_END()
