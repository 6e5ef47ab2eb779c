// Compact choices: exact round trips, and bytes that do not fit the budget are refused.
#include <boost/test/unit_test.hpp>

#include "byte_codec.h"
#include "choices_codec.h"
#include "sample.h"
#include "support.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(choices_codec)

BOOST_AUTO_TEST_CASE(round_trips_exactly) {
    for (const char* name : {"northmoor-county-2026.json", "eastbrook-district-2026.json", "bro-tegid-2026.json"}) {
        const Budget b = test::load_example(name);
        Rng rng(8);
        for (int i = 0; i < 200; ++i) {
            const Choices c = sample_choices(b, rng);
            const std::string bytes = encode_choices(b, c);
            // One byte per service lever (each is under 128 steps from its minimum); council tax in
            // hundredths of a percent takes two once it is 128 steps up.
            const std::size_t tax_steps = std::size_t(c.council_tax_bp - b.council_tax.lever_min_bp) / std::size_t(b.council_tax.lever_step_bp);
            BOOST_TEST(bytes.size() == 1 + 1 + b.services.size() + 2 + (b.efficiencies.size() + 7) / 8 + 2 +
                                           (b.incomes.size() + 7) / 8 + (tax_steps < 128 ? 1 : 2));
            Choices back;
            BOOST_REQUIRE(decode_choices(b, bytes, back));
            BOOST_TEST(back.service_bp == c.service_bp, boost::test_tools::per_element());
            BOOST_TEST(back.efficiency_on == c.efficiency_on, boost::test_tools::per_element());
            BOOST_TEST(back.income_on == c.income_on, boost::test_tools::per_element());
            BOOST_TEST(back.council_tax_bp == c.council_tax_bp);
        }
    }
}

BOOST_AUTO_TEST_CASE(refuses_bytes_that_do_not_fit) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    c.service_bp[0] = -1000;
    const std::string good = encode_choices(b, c);
    Choices out;
    BOOST_TEST(decode_choices(b, good, out));
    BOOST_TEST(!decode_choices(b, good.substr(0, good.size() - 1), out));  // truncated
    BOOST_TEST(!decode_choices(b, good + "x", out));                        // trailing
    std::string version = good;
    version[0] = 3;
    BOOST_TEST(!decode_choices(b, version, out));
    // Version 2 counts steps, so it cannot say "off the step"; version 1 can, and is checked below.
    Choices over_cap = c;
    over_cap.council_tax_bp = 500;
    BOOST_TEST(!decode_choices(b, encode_choices(b, over_cap), out));
    // Council tax -2%..4.99% in 0.01% steps: 700 steps, a two-byte varint at the end.
    std::string padding = good;
    padding[padding.size() - 2 - 1 - 2 - 1] = static_cast<char>(0x02);  // a bit beyond the one efficiency
    BOOST_TEST(!decode_choices(b, padding, out));
    std::string beyond = encode_choices(b, default_choices(b));
    beyond[2] = static_cast<char>(21);  // care: 21 steps of 1% from -10% is +11%, past its maximum
    BOOST_TEST(!decode_choices(b, beyond, out));
    beyond = encode_choices(b, default_choices(b));
    beyond[4] = static_cast<char>(1);  // the locked line moved
    BOOST_TEST(!decode_choices(b, beyond, out));
    std::string padded = encode_choices(b, default_choices(b));
    padded.replace(1, 1, "\x83\x00");  // the count 3 as two bytes: every value has one encoding
    BOOST_TEST(!decode_choices(b, padded, out));
}

BOOST_AUTO_TEST_CASE(reads_version_1_as_earlier_collectors_stored_it) {
    const Budget b = test::load_ok(test::small_budget());
    ByteWriter v1;
    v1.u8(1);
    v1.u16(3);
    for (std::int32_t bp : {-1000, 500, 0}) v1.i32(bp);
    v1.bits({1});
    v1.bits({0});
    v1.i32(299);
    Choices out;
    BOOST_REQUIRE(decode_choices(b, v1.bytes(), out));
    BOOST_TEST(out.service_bp == (std::vector<BasisPoints>{-1000, 500, 0}), boost::test_tools::per_element());
    BOOST_TEST(out.efficiency_on[0] == 1);
    BOOST_TEST(out.council_tax_bp == 299);
    BOOST_TEST(encode_choices(b, out).size() == 1 + 1 + 3 + 2 + 1 + 2 + 1 + 2);  // written back as version 2
    const auto v1_with = [](std::int32_t parks, std::int32_t debt) {
        ByteWriter w;
        w.u8(1);
        w.u16(3);
        for (std::int32_t bp : {0, parks, debt}) w.i32(bp);
        w.bits({0});
        w.bits({0});
        w.i32(0);
        return w.bytes();
    };
    BOOST_TEST(decode_choices(b, v1_with(-500, 0), out));
    BOOST_TEST(!decode_choices(b, v1_with(-300, 0), out));  // parks steps by 5%
    BOOST_TEST(!decode_choices(b, v1_with(0, 100), out));   // the locked line moved
}

BOOST_AUTO_TEST_SUITE_END()
