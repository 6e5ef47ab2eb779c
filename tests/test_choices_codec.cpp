// Compact choices: exact round trips, and bytes that do not fit the budget are refused.
#include <boost/test/unit_test.hpp>

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
            BOOST_TEST(bytes.size() == 1 + 2 + 4 * b.services.size() + 2 + (b.efficiencies.size() + 7) / 8 + 2 +
                                           (b.incomes.size() + 7) / 8 + 4);
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
    version[0] = 2;
    BOOST_TEST(!decode_choices(b, version, out));
    Choices off_step = c;
    off_step.service_bp[1] = -300;  // parks steps by 5%
    BOOST_TEST(!decode_choices(b, encode_choices(b, off_step), out));
    Choices locked = c;
    locked.service_bp[2] = 100;
    BOOST_TEST(!decode_choices(b, encode_choices(b, locked), out));
    Choices over_cap = c;
    over_cap.council_tax_bp = 500;
    BOOST_TEST(!decode_choices(b, encode_choices(b, over_cap), out));
    std::string padding = good;
    padding[padding.size() - 4 - 1 - 2 - 1] = static_cast<char>(0x02);  // a bit beyond the one efficiency
    BOOST_TEST(!decode_choices(b, padding, out));
}

BOOST_AUTO_TEST_SUITE_END()
