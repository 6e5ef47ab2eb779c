// Aggregation: streaming summaries checked against a brute-force computation over all values.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "aggregation.h"
#include "answer_groups.h"
#include "sample.h"
#include "support.h"

using namespace budget;

namespace {
// Type-7 quantile by sorting every value, in quarter basis points (the definition, done slowly).
std::int64_t brute_quantile_qbp(std::vector<std::int64_t> v, int quarter) {
    std::sort(v.begin(), v.end());
    const std::size_t pos4 = (v.size() - 1) * static_cast<std::size_t>(quarter);
    const std::size_t lo = pos4 / 4, frac = pos4 % 4;
    const std::int64_t hi = frac ? v[lo + 1] : v[lo];
    return 4 * v[lo] + static_cast<std::int64_t>(frac) * (hi - v[lo]);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(aggregation)

BOOST_AUTO_TEST_CASE(matches_brute_force_on_sampled_submissions) {
    const Budget b = test::load_example("northmoor-county-2026.json");
    for (std::uint64_t n : {1u, 2u, 3u, 4u, 5u, 17u, 400u, 1001u}) {
        Aggregator agg(b);
        std::vector<std::vector<std::int64_t>> values(b.services.size());
        std::vector<std::int64_t> tax;
        std::vector<std::uint64_t> uptake(b.efficiencies.size(), 0);
        Rng rng(n * 7919);
        for (std::uint64_t i = 0; i < n; ++i) {
            Submission s = make_submission(b, sample_choices(b, rng), "brute-" + std::to_string(i));
            agg.add(s, simulate(b, s.choices));
            for (std::size_t k = 0; k < b.services.size(); ++k) values[k].push_back(s.choices.service_bp[k]);
            tax.push_back(s.choices.council_tax_bp);
            for (std::size_t k = 0; k < uptake.size(); ++k) uptake[k] += s.choices.efficiency_on[k] ? 1u : 0u;
        }
        BOOST_TEST(agg.count() == n);
        BOOST_TEST(agg.balanced() == n);
        for (std::size_t k = 0; k < b.services.size(); ++k) {
            const LeverSummary s = agg.service(k);
            std::int64_t sum = 0;
            for (auto v : values[k]) sum += v;
            BOOST_TEST(s.mean_centi_bp == divide_round(static_cast<__int128>(sum) * 100, static_cast<std::int64_t>(n)));
            BOOST_TEST(s.lower_quartile_qbp == brute_quantile_qbp(values[k], 1));
            BOOST_TEST(s.median_qbp == brute_quantile_qbp(values[k], 2));
            BOOST_TEST(s.upper_quartile_qbp == brute_quantile_qbp(values[k], 3));
            BOOST_TEST(s.min_bp == *std::min_element(values[k].begin(), values[k].end()));
            BOOST_TEST(s.max_bp == *std::max_element(values[k].begin(), values[k].end()));
        }
        BOOST_TEST(agg.council_tax().median_qbp == brute_quantile_qbp(tax, 2));
        for (std::size_t k = 0; k < uptake.size(); ++k) BOOST_TEST(agg.efficiency_uptake(k) == uptake[k]);
    }
}

BOOST_AUTO_TEST_CASE(the_average_response_closes_the_mean_of_each_residents_own_gap_closed) {
    for (const char* file : {"northmoor-county-2026.json", "eastbrook-district-2026.json", "bro-tegid-2026.json"}) {
        const Budget b = test::load_example(file);
        BOOST_TEST(Aggregator(b).average_closing().total == 0);
        for (std::uint64_t n : {1u, 3u, 250u}) {
            Aggregator agg(b);
            __int128 closed = 0, tax = 0;
            Rng rng(n * 104729);
            for (std::uint64_t i = 0; i < n; ++i) {
                const Choices c = sample_choices(b, rng);
                const Outcome o = simulate(b, c);
                agg.add(c, o.balanced, false);
                closed += b.gap_to_close - o.remaining_gap;  // what this resident's choices did to the gap
                tax += o.council_tax_change;
            }
            const AverageClosing a = agg.average_closing();
            BOOST_TEST(a.total == divide_round(closed, static_cast<std::int64_t>(n)), file << " n=" << n);
            BOOST_TEST(a.council_tax == divide_round(tax, static_cast<std::int64_t>(n)), file << " n=" << n);
            const Pence parts = a.services + a.savings + a.income + a.council_tax;
            BOOST_TEST((parts - a.total <= 2 && a.total - parts <= 2), "the parts, each rounded, are within pennies of the total");
        }
    }
}

BOOST_AUTO_TEST_CASE(quantiles_interpolate_between_values) {
    // Values 0, 100, 100, 300 (bp) on a 100bp grid from -200: Q1 at position 0.75 = 75bp.
    const std::vector<std::uint64_t> hist = {0, 0, 1, 2, 0, 1};
    BOOST_TEST(histogram_quantile_qbp(hist, -200, 100, 4, 1) == 300);   // 75 bp
    BOOST_TEST(histogram_quantile_qbp(hist, -200, 100, 4, 2) == 400);   // 100 bp
    BOOST_TEST(histogram_quantile_qbp(hist, -200, 100, 4, 3) == 600);   // 150 bp
    BOOST_TEST(histogram_quantile_qbp(hist, -200, 100, 0, 2) == 0);
}

BOOST_AUTO_TEST_CASE(memory_does_not_grow_with_submissions) {
    const Budget b = test::load_example("eastbrook-district-2026.json");
    Aggregator agg(b);
    const std::size_t before = agg.council_tax_histogram().size();
    Rng rng(3);
    for (int i = 0; i < 5000; ++i) {
        Submission s = make_submission(b, sample_choices(b, rng), "mem-" + std::to_string(i) + "xxxx");
        s.overall_comment = std::string(1000, 'c');
        agg.add(s, simulate(b, s.choices));
    }
    BOOST_TEST(agg.council_tax_histogram().size() == before);
    BOOST_TEST(agg.with_comments() == 5000u);
}

BOOST_AUTO_TEST_CASE(reports_have_exact_decimals_and_neutralised_text) {
    const Budget b = test::load_ok(test::small_budget());
    Aggregator agg(b);
    Choices c = default_choices(b);
    c.service_bp[0] = -1000;
    agg.add(make_submission(b, c, "one-aaaaaa"), simulate(b, c));
    c.service_bp[0] = -900;
    c.service_bp[1] = -500;
    agg.add(make_submission(b, c, "two-aaaaaa"), simulate(b, c));
    const std::string csv = agg.to_csv();
    BOOST_TEST(csv.rfind("\xEF\xBB\xBF", 0) == 0u);
    BOOST_TEST(csv.find("service,care,Care,2,-9.5000,-9.5000,-9.7500,-9.2500,-95000.00,\r\n") != std::string::npos);
    BOOST_TEST(csv.find("\r\n\r\nsection,id,name,rated,dont_know,positive,share_positive_percent,low_percent,high_percent,public\r\n"
                        "rating,g1,Group one,0,0,0,,,,no\r\n") != std::string::npos);
    const auto j = nlohmann::json::parse(agg.to_json());
    BOOST_TEST(j["services"][1]["median_percent"] == "-2.5000");
    BOOST_TEST(j["count"] == 2);

    Submission s = make_submission(b, c, "three-aaaa");
    s.overall_comment = "=cmd|' /C calc'!A0";
    s.service_comments.emplace_back(1, "<script>alert(1)</script>, \"quoted\"");
    BOOST_TEST(comments_csv_rows(b, s) ==
               "three-aaaa,overall,\"'=cmd|' /C calc'!A0\"\r\n"
               "three-aaaa,parks,\"<script>alert(1)</script>, \"\"quoted\"\"\"\r\n");
    BOOST_TEST(comments_json_items(b, s).find(R"("comment":"=cmd|' /C calc'!A0")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(one_small_group_takes_the_next_smallest_with_it) {
    const Budget b = test::load_ok(test::small_budget());
    const auto groups_of = [&](std::vector<int> counts) {
        std::vector<AnswerGroup> out;
        for (int n : counts) {
            AnswerGroup g{"o" + std::to_string(out.size()), {"Option", ""}, Aggregator(b)};
            for (int i = 0; i < n; ++i) g.aggregate.add(default_choices(b), false, false);
            out.push_back(std::move(g));
        }
        return group_visibility(out);
    };
    using G = GroupShown;
    // One under 10: the total less the others would give it away, so the smallest other goes too.
    BOOST_TEST((groups_of({3, 25, 12, 40}) == std::vector<G>{G::Small, G::Shown, G::WithSmall, G::Shown}));
    BOOST_TEST((groups_of({40, 9, 10}) == std::vector<G>{G::Shown, G::Small, G::WithSmall}));
    // Two under 10 cannot be told apart by subtraction; none under 10 hides nothing.
    BOOST_TEST((groups_of({3, 4, 25}) == std::vector<G>{G::Small, G::Small, G::Shown}));
    BOOST_TEST((groups_of({30, 20}) == std::vector<G>{G::Shown, G::Shown}));
    BOOST_TEST((groups_of({5}) == std::vector<G>{G::Small}));
}

BOOST_AUTO_TEST_SUITE_END()
