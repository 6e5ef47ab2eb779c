// Streaming aggregation of submissions for officers: memory grows with the budget, never with
// the number of submissions (levers sit on a step grid, so exact quantiles come from histograms).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "budget.h"
#include "resident_ratings.h"
#include "simulation.h"
#include "submission.h"

namespace budget {

// Quantiles use linear interpolation between order statistics (the "type 7" rule), which on
// whole basis points is exact in quarter basis points.
struct LeverSummary {
    std::uint64_t count = 0;
    std::int64_t mean_centi_bp = 0;  // hundredths of a basis point, rounded
    std::int64_t lower_quartile_qbp = 0, median_qbp = 0, upper_quartile_qbp = 0;  // quarter basis points
    std::int64_t min_bp = 0, max_bp = 0;
};

// What the average response does to the gap, each lever as the simulation counts it (a service's
// change to the penny, a saving less its one-off cost, income, council tax on the tax base): the
// mean over responses of each resident's own amounts, rounded to the penny only at the end.
// Positive closes the gap (a cut, a saving, more income or council tax); negative widens it.
struct AverageClosing {
    Pence services = 0, savings = 0, income = 0, council_tax = 0;
    Pence total = 0;  // the mean of the exact sum (so the parts may differ from it by a penny)
};

// Exact type-7 quantile (q in quarters: 1, 2 or 3) of a histogram over the grid min, min+step, ...
std::int64_t histogram_quantile_qbp(const std::vector<std::uint64_t>& histogram, BasisPoints min, BasisPoints step,
                                    std::uint64_t count, int quarter);

class Aggregator {
public:
    explicit Aggregator(const Budget& b);

    // Adds one valid submission and its re-simulated outcome.
    void add(const Submission& s, const Outcome& o);
    // The same from stored parts: choices, whether it balanced, whether it had comments.
    // Demographic answers are stored apart from choices, so they are added on their own.
    void add(const Choices& c, bool balanced, bool has_comments);
    void add_demographic(std::size_t question, std::size_t option) { ++demographics_[question][option]; }
    // A resident's "How are we doing?" ratings (stored apart from choices, so added on their own).
    void add_ratings(const Ratings& r);
    // Counts a line that was not a valid submission (it is not aggregated).
    void reject() { ++rejected_; }

    std::uint64_t count() const { return count_; }
    std::uint64_t rejected() const { return rejected_; }
    std::uint64_t balanced() const { return balanced_; }
    std::uint64_t with_comments() const { return with_comments_; }
    LeverSummary service(std::size_t i) const;
    Pence service_mean_change(std::size_t i) const;  // mean change in pence, rounded
    AverageClosing average_closing() const;  // zeros when there are no responses
    LeverSummary council_tax() const;
    std::uint64_t efficiency_uptake(std::size_t i) const { return efficiency_uptake_[i]; }
    std::uint64_t income_uptake(std::size_t i) const { return income_uptake_[i]; }
    const std::vector<std::uint64_t>& council_tax_histogram() const { return council_tax_hist_; }
    const std::vector<std::uint64_t>& service_histogram(std::size_t i) const { return service_hist_[i]; }
    std::uint64_t demographic_count(std::size_t q, std::size_t o) const { return demographics_[q][o]; }
    const RatingTally& ratings() const { return ratings_; }

    // Officers' summary as JSON (exact decimal strings) or CSV.
    std::string to_json() const;
    std::string to_csv() const;

private:
    LeverSummary summarise(const std::vector<std::uint64_t>& hist, std::int64_t sum, BasisPoints min, BasisPoints step) const;
    const Budget& b_;
    std::uint64_t count_ = 0, rejected_ = 0, balanced_ = 0, with_comments_ = 0;
    std::vector<std::vector<std::uint64_t>> service_hist_;
    std::vector<std::int64_t> service_sum_bp_;
    std::vector<std::uint64_t> efficiency_uptake_, income_uptake_;
    std::vector<std::uint64_t> council_tax_hist_;
    std::int64_t council_tax_sum_bp_ = 0;
    std::vector<std::vector<std::uint64_t>> demographics_;
    RatingTally ratings_;
};

// Comments are not held by the Aggregator (they grow with submissions); callers stream them
// from a second pass over the submissions with these.
std::string comments_csv_header();
std::string comment_csv_row(const std::string& submission_id, const std::string& about, const std::string& text);
std::string comment_json_item(const std::string& submission_id, const std::string& about, const std::string& text);
std::string comments_csv_rows(const Budget& b, const Submission& s);  // "" when it has none
std::string comments_json_items(const Budget& b, const Submission& s);  // comma-separated objects

}  // namespace budget
