// Sample submissions: deterministic by seed, every one valid and balanced.
#include <boost/test/unit_test.hpp>

#include "sample.h"
#include "submission.h"
#include "support.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(sample)

BOOST_AUTO_TEST_CASE(rng_sequence_is_fixed) {
    Rng rng(1);
    // splitmix64 reference values for seed 1.
    BOOST_TEST(rng.next() == 0x910A2DEC89025CC1ULL);
    BOOST_TEST(rng.next() == 0xBEEB8DA1658EEC67ULL);
}

BOOST_AUTO_TEST_CASE(every_sample_validates_for_every_example) {
    for (const char* name : {"northmoor-county-2026.json", "eastbrook-district-2026.json", "bro-tegid-2026.json"}) {
        const Budget b = test::load_example(name);
        std::size_t n = 0, invalid = 0;
        sample_submissions(b, 300, 42, [&](const std::string& line) {
            ++n;
            const SubmissionCheck c = validate_submission(b, line);
            if (!c.ok) {
                ++invalid;
                BOOST_TEST_MESSAGE(format_problem(c.problems.front(), name));
            }
            BOOST_TEST(c.outcome.balanced);
        });
        BOOST_TEST(n == 300u);
        BOOST_TEST(invalid == 0u, name);
    }
}

BOOST_AUTO_TEST_CASE(same_seed_same_lines_different_seed_different_lines) {
    const Budget b = test::load_example("eastbrook-district-2026.json");
    auto run = [&](std::uint64_t seed) {
        std::string all;
        sample_submissions(b, 50, seed, [&](const std::string& line) { all += line + "\n"; });
        return all;
    };
    BOOST_TEST(run(9) == run(9));
    BOOST_TEST(run(9) != run(10));
}

BOOST_AUTO_TEST_CASE(samples_vary_like_people) {
    const Budget b = test::load_example("northmoor-county-2026.json");
    Rng rng(5);
    std::size_t raised_tax = 0, cut_libraries = 0;
    const std::size_t libraries = *b.find_service("libraries");
    for (int i = 0; i < 500; ++i) {
        const Choices c = sample_choices(b, rng);
        raised_tax += c.council_tax_bp > 0 ? 1u : 0u;
        cut_libraries += c.service_bp[libraries] < 0 ? 1u : 0u;
    }
    BOOST_TEST(raised_tax > 100u);
    BOOST_TEST(raised_tax < 500u);
    BOOST_TEST(cut_libraries > 50u);
    BOOST_TEST(cut_libraries < 500u);
}

BOOST_AUTO_TEST_SUITE_END()
