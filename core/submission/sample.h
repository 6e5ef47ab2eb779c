// Plausible, valid sample submissions for demos, load tests and export previews. Deterministic by seed.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "budget.h"
#include "simulation.h"

namespace budget {

// splitmix64: small, fast, and the same sequence on every platform.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
    std::size_t index(std::size_t n) { return static_cast<std::size_t>(below(n)); }  // 0..n-1
    bool chance(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }

private:
    std::uint64_t state_;
};

// One resident's choices; balanced when the budget must balance.
Choices sample_choices(const Budget& b, Rng& rng);

// Emits `count` submissions as single-line JSON documents.
void sample_submissions(const Budget& b, std::uint64_t count, std::uint64_t seed,
                        const std::function<void(const std::string&)>& emit);

}  // namespace budget
