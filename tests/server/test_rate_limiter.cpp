// Rate limiter: SipHash-2-4 reference vectors, token buckets, rotation and bounded memory.
#include <boost/test/unit_test.hpp>

#include <string>

#include "rate_limiter.h"

using server::RateLimiter;

BOOST_AUTO_TEST_SUITE(rate_limiter)

BOOST_AUTO_TEST_CASE(siphash_matches_the_reference_vectors) {
    // Key 00..0f; messages 00..(n-1): the first vectors from the SipHash paper's reference code.
    const std::uint64_t k0 = 0x0706050403020100ULL, k1 = 0x0F0E0D0C0B0A0908ULL;
    std::string msg;
    BOOST_TEST(server::siphash24(k0, k1, msg) == 0x726FDB47DD0E0E31ULL);
    msg.push_back('\0');
    BOOST_TEST(server::siphash24(k0, k1, msg) == 0x74F839C593DC67FDULL);
    for (int i = 1; i < 8; ++i) msg.push_back(static_cast<char>(i));
    BOOST_TEST(server::siphash24(k0, k1, msg) == 0x93F5F5799A932462ULL);  // 8 bytes
}

BOOST_AUTO_TEST_CASE(bursts_then_a_steady_rate) {
    RateLimiter limiter(60, 5);  // one a second, bursts of five
    const auto t0 = RateLimiter::Clock::now();
    for (int i = 0; i < 5; ++i) BOOST_TEST(limiter.allow("192.0.2.1", t0));
    BOOST_TEST(!limiter.allow("192.0.2.1", t0));
    BOOST_TEST(limiter.allow("192.0.2.2", t0));  // another address has its own bucket
    BOOST_TEST(!limiter.allow("192.0.2.1", t0 + std::chrono::milliseconds(500)));
    BOOST_TEST(limiter.allow("192.0.2.1", t0 + std::chrono::milliseconds(1100)));
}

BOOST_AUTO_TEST_CASE(would_allow_counts_nothing) {
    RateLimiter limiter(10, 10);  // failed officer attempts: ten a minute
    const auto t0 = RateLimiter::Clock::now();
    for (int i = 0; i < 100; ++i) BOOST_TEST(limiter.would_allow("192.0.2.9", t0));
    for (int i = 0; i < 10; ++i) BOOST_TEST(limiter.allow("192.0.2.9", t0));
    BOOST_TEST(!limiter.would_allow("192.0.2.9", t0));
    BOOST_TEST(!limiter.would_allow("192.0.2.9", t0 + std::chrono::seconds(5)));
    BOOST_TEST(limiter.would_allow("192.0.2.9", t0 + std::chrono::seconds(7)));  // one back every six seconds
}

BOOST_AUTO_TEST_CASE(rotation_forgets_every_client) {
    RateLimiter limiter(60, 1, std::chrono::minutes(10));
    const auto t0 = RateLimiter::Clock::now();
    BOOST_TEST(limiter.allow("198.51.100.7", t0));
    BOOST_TEST(!limiter.allow("198.51.100.7", t0));
    BOOST_TEST(limiter.tracked() == 1u);
    BOOST_TEST(limiter.allow("198.51.100.7", t0 + std::chrono::minutes(11)));  // new key, new buckets
    BOOST_TEST(limiter.tracked() == 1u);
}

BOOST_AUTO_TEST_CASE(memory_stays_bounded_under_a_flood_of_addresses) {
    RateLimiter limiter(60, 10);
    const auto t0 = RateLimiter::Clock::now();
    for (int i = 0; i < 250'000; ++i) limiter.allow("10.0." + std::to_string(i), t0);
    BOOST_TEST(limiter.tracked() <= RateLimiter::kMaxTracked);
}

BOOST_AUTO_TEST_SUITE_END()
