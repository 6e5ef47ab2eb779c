// Voter codes: ten characters of Crockford base 32 from 50 bits, printed in two halves, read back
// from what a resident types (any case, spaces, dashes, O for 0, I and L for 1), anything else refused.
#include <boost/test/unit_test.hpp>

#include <set>

#include "voter_code.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(voter_code)

BOOST_AUTO_TEST_CASE(codes_from_bits) {
    BOOST_TEST(voter_code_from_bits(0) == "0000000000");
    BOOST_TEST(voter_code_from_bits((1ull << 50) - 1) == "ZZZZZZZZZZ");
    BOOST_TEST(voter_code_from_bits(1ull << 50) == "0000000000");  // only the low 50 bits
    BOOST_TEST(voter_code_from_bits(0x123456789ABCDull) == "938NKRKAYD");  // 0x123456789ABCD in 5-bit groups
    std::set<std::string> seen;
    for (std::uint64_t i = 0; i < 1000; ++i) seen.insert(voter_code_from_bits(i * 0x9E3779B97F4A7C15ull));
    BOOST_TEST(seen.size() == 1000u);
    BOOST_TEST(format_voter_code("1J6HSF2DSD") == "1J6HS-F2DSD");
}

BOOST_AUTO_TEST_CASE(typed_codes_are_read_forgivingly) {
    BOOST_TEST(normalise_voter_code("1J6HS-F2DSD").value_or("") == "1J6HSF2DSD");
    BOOST_TEST(normalise_voter_code(" 1j6hs f2dsd ").value_or("") == "1J6HSF2DSD");
    BOOST_TEST(normalise_voter_code("lj6hs-f2dsd").value_or("") == "1J6HSF2DSD");  // l for 1
    BOOST_TEST(normalise_voter_code("O0OOO-IIIII").value_or("") == "0000011111");
    for (const char* bad : {"", "1J6HS-F2DS", "1J6HS-F2DSDD", "1J6HS-F2DSU", "1J6HS_F2DSD", "1J6HS-F2DSÐ", "ŵŵŵŵŵŵŵŵŵŵ"})
        BOOST_TEST(!normalise_voter_code(bad).has_value(), bad);
    BOOST_TEST(!normalise_voter_code(std::string(100, '-')).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
