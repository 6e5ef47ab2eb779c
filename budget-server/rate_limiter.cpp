// Keyed hashing and token buckets.
#include "rate_limiter.h"

#include <algorithm>
#include <random>

namespace server {

namespace {
constexpr std::uint64_t rotl(std::uint64_t x, int b) { return (x << b) | (x >> (64 - b)); }
}  // namespace

std::uint64_t siphash24(std::uint64_t k0, std::uint64_t k1, std::string_view data) {
    std::uint64_t v0 = 0x736f6d6570736575ULL ^ k0, v1 = 0x646f72616e646f6dULL ^ k1;
    std::uint64_t v2 = 0x6c7967656e657261ULL ^ k0, v3 = 0x7465646279746573ULL ^ k1;
    auto round = [&] {
        v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32);
        v2 += v3; v3 = rotl(v3, 16); v3 ^= v2;
        v0 += v3; v3 = rotl(v3, 21); v3 ^= v0;
        v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32);
    };
    const std::size_t n = data.size();
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        std::uint64_t m = 0;
        for (int k = 7; k >= 0; --k) m = (m << 8) | static_cast<unsigned char>(data[i + static_cast<std::size_t>(k)]);
        v3 ^= m;
        round();
        round();
        v0 ^= m;
    }
    std::uint64_t last = static_cast<std::uint64_t>(n & 0xFF) << 56;
    for (std::size_t k = 0; i + k < n; ++k) last |= static_cast<std::uint64_t>(static_cast<unsigned char>(data[i + k])) << (8 * k);
    v3 ^= last;
    round();
    round();
    v0 ^= last;
    v2 ^= 0xFF;
    round();
    round();
    round();
    round();
    return v0 ^ v1 ^ v2 ^ v3;
}

RateLimiter::RateLimiter(double per_minute, double burst, Clock::duration rotate_every)
    : per_second_(per_minute / 60.0), burst_(burst), rotate_every_(rotate_every) {
    rotate(Clock::now());
}

void RateLimiter::rotate(Clock::time_point now) {
    std::random_device random;  // the kernel's generator
    k0_ = (static_cast<std::uint64_t>(random()) << 32) ^ random();
    k1_ = (static_cast<std::uint64_t>(random()) << 32) ^ random();
    buckets_.clear();
    rotated_at_ = now;
}

RateLimiter::Bucket& RateLimiter::refilled(std::string_view address, Clock::time_point now) {
    if (now - rotated_at_ >= rotate_every_) rotate(now);
    if (buckets_.size() >= kMaxTracked) prune(now);
    const std::uint64_t key = siphash24(k0_, k1_, address);
    auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
    Bucket& b = it->second;
    if (!inserted) {
        const double elapsed = std::chrono::duration<double>(now - b.last).count();
        b.tokens = std::min(burst_, b.tokens + elapsed * per_second_);
        b.last = now;
    }
    return b;
}

bool RateLimiter::allow(std::string_view address, Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    Bucket& b = refilled(address, now);
    if (b.tokens < 1.0) return false;
    b.tokens -= 1.0;
    return true;
}

bool RateLimiter::would_allow(std::string_view address, Clock::time_point now) {
    std::lock_guard<std::mutex> lock(mutex_);
    return refilled(address, now).tokens >= 1.0;
}

// Forgets clients whose buckets have refilled (they are as if never seen); if that is not enough
// (a flood of distinct addresses), forgets everyone rather than grow without bound.
void RateLimiter::prune(Clock::time_point now) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
        const double elapsed = std::chrono::duration<double>(now - it->second.last).count();
        if (it->second.tokens + elapsed * per_second_ >= burst_) it = buckets_.erase(it);
        else ++it;
    }
    if (buckets_.size() >= kMaxTracked / 2) buckets_.clear();
}

std::size_t RateLimiter::tracked() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return buckets_.size();
}

}  // namespace server
