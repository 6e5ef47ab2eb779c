// Rate limiting without storing addresses: each client address is reduced to a SipHash-2-4 of it
// under a random key that rotates, and only that hash keys a token bucket in memory.
#pragma once
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <unordered_map>

namespace server {

// SipHash-2-4 of `data` under a 128-bit key.
std::uint64_t siphash24(std::uint64_t k0, std::uint64_t k1, std::string_view data);

class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    // `per_minute` requests a minute on average, bursts of up to `burst`; the key rotates every
    // `rotate_every`, which forgets every bucket (nothing links a client across rotations).
    RateLimiter(double per_minute, double burst, Clock::duration rotate_every = std::chrono::hours(1));

    // True when a request from `address` may go ahead now (and counts it).
    bool allow(std::string_view address, Clock::time_point now = Clock::now());
    // True when `allow` would be true now, counting nothing (to refuse before any work is done).
    bool would_allow(std::string_view address, Clock::time_point now = Clock::now());
    std::size_t tracked() const;

    static constexpr std::size_t kMaxTracked = 100'000;

private:
    struct Bucket { double tokens; Clock::time_point last; };
    Bucket& refilled(std::string_view address, Clock::time_point now);  // with mutex_ held
    void rotate(Clock::time_point now);
    void prune(Clock::time_point now);
    double per_second_, burst_;
    Clock::duration rotate_every_;
    Clock::time_point rotated_at_;
    std::uint64_t k0_ = 0, k1_ = 0;
    mutable std::mutex mutex_;
    std::unordered_map<std::uint64_t, Bucket> buckets_;
};

}  // namespace server
