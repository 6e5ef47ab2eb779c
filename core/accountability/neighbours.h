// How a council's figure stands among similar councils, worked out exactly: the neighbours' median,
// their median absolute deviation (unscaled), the distance in those deviations, and the words the
// government's automated local-authority commentary uses for it. Never a rank.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "budget.h"
#include "council_profile.h"
#include "fraction.h"

namespace budget {

// The words for a standing; with a polarity "better"/"worse", without one "higher"/"lower".
enum class Standing {
    Same,            // the spread is nothing and the figure is the median's
    BroadlySimilar,  // under half a deviation
    SlightlyBetter, SlightlyWorse, SlightlyHigher, SlightlyLower,  // half to one and a half
    Better, Worse, Higher, Lower,                                  // one and a half to three
    MuchBetter, MuchWorse, MuchHigher, MuchLower,                  // three to seven and a half
};
const char* standing_words(Standing s);  // English: "broadly similar", "slightly better", ...

struct NeighbourComparison {
    Fraction value, median, mad;
    std::optional<Fraction> distance;  // |value - median| / mad; none when mad is zero
    std::optional<Standing> standing;  // none beyond 7.5 deviations, or a zero spread and another value
    std::size_t published = 0;         // neighbours with a figure
};

// `neighbours` in the profile's order, nullopt where one published nothing. Nullopt when none did.
std::optional<NeighbourComparison> compare_with_neighbours(const Fraction& value, const std::vector<std::optional<Fraction>>& neighbours,
                                                           std::optional<Polarity> polarity);

// The median of `values` (not empty): the middle one, or halfway between the two middle ones.
Fraction median_of(std::vector<Fraction> values);

// `f` with `places` decimals, halves rounded away from zero: 2/3 -> "0.667", -1/2000 -> "-0.001".
std::string fixed_decimal(const Fraction& f, int places);

// `f` exactly when it has at most six decimals ("71.25", "0.00025"), else to six, halves away from zero.
std::string exact_decimal(const Fraction& f);

// A profile's similar councils beside a budget: each compared indicator the budget has (its value
// the latest in the indicator's history, with that year, which may be later than the neighbours')
// and each service cost whose id is one of its services.
struct IndicatorBenchmark {
    std::string id, year;  // `year` is the neighbours'
    std::string own_year;  // the year of `value`
    std::optional<NeighbourComparison> comparison;  // none when no neighbour published a figure
    Fraction value;
};
struct ServiceBenchmark {
    std::string id, year;
    Fraction per_resident;
    std::optional<Fraction> median;  // of the neighbours that published a cost
};
struct Benchmark {
    std::vector<IndicatorBenchmark> indicators;
    std::vector<ServiceBenchmark> services;
};
Benchmark benchmark(const CouncilProfile& profile, const Budget& budget);

// {"indicators":[{"id","year","own_year","value","median","mad","distance","words"}],"services":[{"id","year","per_resident","median"}]}:
// figures as exact decimal strings, the distance with three places, words in English or null.
std::string benchmark_json(const Benchmark& b);

}  // namespace budget
