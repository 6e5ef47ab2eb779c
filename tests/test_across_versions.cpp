// Results across versions: a lever is added up only where it means the same in each version.
#include <boost/test/unit_test.hpp>

#include "across_versions.h"
#include "sample.h"
#include "support.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(across_versions)

BOOST_AUTO_TEST_CASE(levers_that_kept_their_meaning_are_added_up_and_the_rest_are_not) {
    nlohmann::json v1json = test::small_budget();
    const Budget v1 = test::load_ok(v1json);
    nlohmann::json v2json = v1json;
    v2json["version"] = 4;
    v2json["services"][1]["min_percent"] = -5;  // parks: a new range
    v2json["services"][1]["consequences"][0]["from_percent"] = -5;
    v2json["efficiencies"][0]["saving"] = 60000;  // the saving is worth more now
    const Budget v2 = test::load_ok(v2json);
    BOOST_TEST(same_service_lever(v1.services[0], v2.services[0]));
    BOOST_TEST(!same_service_lever(v1.services[1], v2.services[1]));
    BOOST_TEST(!same_service_lever(v1.services[2], v2.services[2]));  // locked
    BOOST_TEST(!same_efficiency(v1.efficiencies[0], v2.efficiencies[0]));
    BOOST_TEST(same_income(v1.incomes[0], v2.incomes[0]));
    BOOST_TEST(same_council_tax_lever(v1.council_tax, v2.council_tax));

    Aggregator a1(v1), a2(v2), care_everywhere(v2);
    Rng rng(7);
    for (int n = 0; n < 40; ++n) {
        Choices c = sample_choices(v1, rng);
        c.service_bp[1] = 0;
        a1.add(c, n % 2 == 0, false);
        care_everywhere.add(c, false, false);
    }
    for (int n = 0; n < 25; ++n) {
        Choices c = sample_choices(v2, rng);
        a2.add(c, true, false);
        care_everywhere.add(c, false, false);
    }
    const AcrossVersions across = budget::across_versions({{&v1, &a1}, {&v2, &a2}});
    BOOST_REQUIRE_EQUAL(across.services.size(), 2u);  // the locked line is not a lever
    const LeverAcrossVersions& care = across.services[0];
    BOOST_TEST(care.versions == (std::vector<std::int64_t>{3, 4}), boost::test_tools::per_element());
    const LeverSummary expected = care_everywhere.service(0);
    BOOST_TEST(care.summary.count == 65u);
    BOOST_TEST(care.summary.median_qbp == expected.median_qbp);
    BOOST_TEST(care.summary.lower_quartile_qbp == expected.lower_quartile_qbp);
    BOOST_TEST(care.summary.upper_quartile_qbp == expected.upper_quartile_qbp);
    BOOST_TEST(care.summary.mean_centi_bp == expected.mean_centi_bp);
    const LeverAcrossVersions& parks = across.services[1];
    BOOST_TEST(parks.versions == (std::vector<std::int64_t>{4}), boost::test_tools::per_element());
    BOOST_TEST(parks.summary.count == 25u);
    BOOST_TEST(parks.summary.median_qbp == a2.service(1).median_qbp);
    BOOST_TEST(across.efficiencies[0].versions == (std::vector<std::int64_t>{4}), boost::test_tools::per_element());
    BOOST_TEST(across.efficiencies[0].responses == 25u);
    BOOST_TEST(across.incomes[0].responses == 65u);
    BOOST_TEST(across.incomes[0].taken == a1.income_uptake(0) + a2.income_uptake(0));
    BOOST_TEST(across.council_tax.summary.count == 65u);

    // One version alone gives the Aggregator's own figures.
    const AcrossVersions alone = budget::across_versions({{&v2, &a2}});
    BOOST_TEST(alone.services[0].summary.median_qbp == a2.service(0).median_qbp);
    BOOST_TEST(alone.council_tax.summary.upper_quartile_qbp == a2.council_tax().upper_quartile_qbp);
}

BOOST_AUTO_TEST_SUITE_END()
