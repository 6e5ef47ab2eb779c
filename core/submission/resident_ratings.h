// Residents' own rating of their council: each service group on the five-point satisfaction scale,
// and the LGA's resident-perception questions on their own scales, each with "don't know"; the share
// positive (the top two points, "don't know" left out) with its 95% Wilson interval, shown only
// from kFewestRatingsShown ratings.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "budget.h"

namespace budget {

enum class RatingScale { Satisfaction, Agreement, Informed, Extent };

constexpr int kDontKnow = -1;  // a point index meaning "don't know"

// The points' ids, best first ("very_satisfied", ... "very_dissatisfied"); "dont_know" is apart.
const std::vector<const char*>& scale_point_ids(RatingScale scale);
// Their English words for people, best first (marked for the catalogues).
const std::vector<const char*>& scale_point_words(RatingScale scale);
const char* point_id(RatingScale scale, int point);  // "dont_know" for kDontKnow
std::optional<int> find_point(RatingScale scale, std::string_view id);
// What the share counts: "satisfied", "agree", "well informed", "a great deal or a fair amount".
const char* positive_words(RatingScale scale);

// The LGA's resident-perception questions, in the order they are asked.
struct PerceptionQuestion {
    const char* id;        // "runs_things"
    const char* question;  // English, marked for the catalogues
    RatingScale scale;
};
const std::vector<PerceptionQuestion>& perception_questions();
std::optional<std::size_t> find_perception_question(std::string_view id);

// One resident's ratings; each point an index on its scale, best first, or kDontKnow.
struct Ratings {
    std::vector<std::pair<std::size_t, int>> services;    // service group index, point
    std::vector<std::pair<std::size_t, int>> perception;  // question index, point
    bool empty() const { return services.empty() && perception.empty(); }
};

// The compact stored form, by id so that it reads across a budget's versions:
// "s:waste=1,s:parks=-1,c:trust=0" (s: a service group, c: a question; -1 is "don't know").
std::string ratings_to_codes(const Budget& b, const Ratings& r);
// Reads it back for `b`; entries naming a group `b` does not have are skipped. Nullopt when damaged.
std::optional<Ratings> ratings_from_codes(const Budget& b, std::string_view codes);

// One question's answers, a count for each point (best first) and for "don't know".
struct RatingCount {
    std::array<std::uint64_t, 5> points{};
    std::uint64_t dont_know = 0;
    std::uint64_t positive() const { return points[0] + points[1]; }  // the top two points
    std::uint64_t rated() const;                                       // "don't know" left out
    void add(int point);
};

// Every resident's ratings of one budget: a count for each service group and each question.
struct RatingTally {
    std::vector<RatingCount> groups, perception;
    std::uint64_t residents = 0;  // who rated anything
};

constexpr std::uint64_t kFewestRatingsShown = 10;

// The share positive and its 95% Wilson score interval (z = 1.96), each in tenths of a percent,
// halves away from zero. The interval is worked in long double: it is irrational in general.
struct RatingShare {
    std::uint64_t rated = 0, positive = 0;
    std::int64_t share_tenths = 0, low_tenths = 0, high_tenths = 0;
};
RatingShare wilson_share(std::uint64_t positive, std::uint64_t rated);  // rated > 0
// Nullopt below kFewestRatingsShown rated (suppressed).
std::optional<RatingShare> published_share(const RatingCount& c);

// A service group's share as the collector's public results give it (GET …/results, "ratings"):
// worked again here from the counts given, so the app shows the figures the server published.
// No share: suppressed (fewer than kFewestRatingsShown rated).
struct PublishedGroupShare {
    std::string id;
    std::optional<RatingShare> share;
};
// False with `error` (a stable code: "ratings.not_results", "ratings.bad_group") when the text is
// not a results document or a group's counts cannot be: more positive than rated, too few to show.
bool read_published_group_shares(std::string_view results_json, std::vector<PublishedGroupShare>& out, std::string& error);

}  // namespace budget
