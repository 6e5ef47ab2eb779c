// Budget packs: every example survives the round trip with identical results, and damaged or
// foreign bytes are refused with a stable code.
#include <boost/test/unit_test.hpp>

#include "budget_pack.h"
#include "outcome_json.h"
#include "sample.h"
#include "submission.h"
#include "support.h"

using namespace budget;

namespace {
const char* const kExamples[] = {"northmoor-county-2026.json", "eastbrook-district-2026.json", "bro-tegid-2026.json"};

Budget unpacked(const std::string& bytes) {
    BudgetUnpack u = unpack_budget(bytes);
    if (!u.budget) throw std::runtime_error("pack refused: " + u.problem.code);
    return *u.budget;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(budget_pack)

BOOST_AUTO_TEST_CASE(examples_simulate_identically_after_the_round_trip) {
    for (const char* name : kExamples) {
        BOOST_TEST_CONTEXT(name) {
            const Budget b = test::load_example(name);
            const std::string bytes = pack_budget(b);
            const Budget back = unpacked(bytes);
            BOOST_TEST(pack_budget(back) == bytes);  // nothing is lost or changed on the way back
            Rng rng(21);
            for (int i = 0; i < 100; ++i) {
                const Choices c = sample_choices(b, rng);
                Outcome want, got;
                simulate(b, c, want);
                simulate(back, c, got);
                for (const char* lang : {"en", "cy"})
                    BOOST_TEST(outcome_to_json(back, c, got, lang) == outcome_to_json(b, c, want, lang));
                BOOST_TEST(submission_to_json(back, make_submission(back, c, "s-0000000001")) ==
                           submission_to_json(b, make_submission(b, c, "s-0000000001")));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(carries_what_the_simulation_does_not_use) {
    const Budget b = test::load_example("bro-tegid-2026.json");
    const Budget back = unpacked(pack_budget(b));
    BOOST_TEST(back.id == b.id);
    BOOST_TEST(back.version == b.version);
    BOOST_TEST(back.notice.cy == b.notice.cy);
    BOOST_TEST(back.languages == b.languages, boost::test_tools::per_element());
    BOOST_TEST(back.council_name.cy == b.council_name.cy);
    BOOST_TEST(back.privacy_notice_url.cy == b.privacy_notice_url.cy);
    BOOST_TEST(back.results_public == b.results_public);
    BOOST_TEST(!back.codes_required);
    Budget coded = b;
    coded.codes_required = true;
    BOOST_TEST(unpacked(pack_budget(coded)).codes_required);
    BOOST_TEST(back.council_tax.lever_stops == b.council_tax.lever_stops, boost::test_tools::per_element());
    BOOST_TEST(back.council_tax.lever_stops.size() == 29u);
    BOOST_REQUIRE(back.kpis.size() == b.kpis.size());
    for (std::size_t i = 0; i < b.kpis.size(); ++i) {
        const Kpi &x = back.kpis[i], &y = b.kpis[i];
        BOOST_TEST(x.description.cy == y.description.cy);
        BOOST_TEST(x.comparator_group.en == y.comparator_group.en);
        BOOST_TEST(x.comparator_lower_quartile == y.comparator_lower_quartile);
        BOOST_TEST(x.comparator_upper_quartile == y.comparator_upper_quartile);
        BOOST_REQUIRE(x.history.size() == y.history.size());
        for (std::size_t k = 0; k < y.history.size(); ++k) {
            BOOST_TEST(x.history[k].year == y.history[k].year);
            BOOST_TEST(x.history[k].value == y.history[k].value);
        }
        BOOST_TEST(x.target.has_value() == y.target.has_value());
    }
    BOOST_REQUIRE(back.demographics.size() == b.demographics.size());
    for (std::size_t q = 0; q < b.demographics.size(); ++q) {
        BOOST_TEST(back.demographics[q].label.cy == b.demographics[q].label.cy);
        BOOST_TEST(back.demographics[q].options.size() == b.demographics[q].options.size());
    }
    for (std::size_t s = 0; s < b.services.size(); ++s) {
        BOOST_TEST(back.services[s].locked_reason.cy == b.services[s].locked_reason.cy);
        BOOST_TEST(back.services[s].consequences.size() == b.services[s].consequences.size());
    }
    BOOST_TEST(back.find_service(b.services.back().id).value() == b.services.size() - 1);  // the index is rebuilt
}

BOOST_AUTO_TEST_CASE(carries_the_profile_and_its_digest) {
    Budget b = test::load_example("northmoor-county-2026.json");
    BOOST_TEST(b.profile == "northmoor-county");
    BOOST_TEST(!unpacked(pack_budget(b)).accountability);  // none until the collector attaches one
    AccountabilityDigest d;
    d.judged_on = {"7 December 2026", "7 Rhagfyr 2026"};
    d.illustrative = true;
    d.years = {"2022/23", "2023/24"};
    d.rows.push_back({{"Net spending on services", "Gwariant net ar wasanaethau"}, {{"£312m", "£312m"}, {"not known", "ddim yn hysbys"}}, {"", ""}});
    d.signs.push_back({"reserves.runway", true, {"How long reserves would last", "Pa mor hir"}, {"Reserves would last about 2 years", "Tua 2 flynedd"}});
    d.unknown.push_back({{"Savings delivered", "Arbedion"}, {"savings planned", "arbedion a gynlluniwyd"}});
    d.neighbour_group = "CIPFA nearest neighbours";
    d.neighbours = {"Ashdown", "Bramshire"};
    d.comparisons.push_back({"satisfaction", "2024/25", "2025/26", {"worse", "yn waeth"}, 59500, {61000, std::nullopt}, 62000});
    d.service_costs.push_back({"libraries", "2024/25", 12210, std::nullopt});
    d.self_assessment.push_back({"adults", {"Adequate", "Digonol"}, {"Quicker", "Cyflymach"}, {"31 March 2025", "31 Mawrth 2025"}});
    b.accountability = d;
    const Budget back = unpacked(pack_budget(b));
    BOOST_TEST(back.profile == "northmoor-county");
    BOOST_REQUIRE(back.accountability);
    const AccountabilityDigest& e = *back.accountability;
    BOOST_TEST(e.judged_on.cy == "7 Rhagfyr 2026");
    BOOST_TEST(e.illustrative);
    BOOST_TEST(e.years == d.years, boost::test_tools::per_element());
    BOOST_REQUIRE(e.rows.size() == 1u);
    BOOST_TEST(e.rows[0].values[1].cy == "ddim yn hysbys");
    BOOST_REQUIRE(e.signs.size() == 1u);
    BOOST_TEST(e.signs[0].id == "reserves.runway");
    BOOST_TEST(e.signs[0].red);
    BOOST_TEST(e.signs[0].words.cy == "Tua 2 flynedd");
    BOOST_TEST(e.unknown[0].needs.en == "savings planned");
    BOOST_TEST(e.neighbours == d.neighbours, boost::test_tools::per_element());
    BOOST_REQUIRE(e.comparisons.size() == 1u);
    BOOST_TEST(e.comparisons[0].own_year == "2025/26");
    BOOST_TEST(e.comparisons[0].words.cy == "yn waeth");
    BOOST_TEST(e.comparisons[0].median == 59500);
    BOOST_TEST(!e.comparisons[0].figures[1]);
    BOOST_TEST(*e.comparisons[0].national_median == 62000);
    BOOST_REQUIRE(e.service_costs.size() == 1u);
    BOOST_TEST(e.service_costs[0].council == 12210);
    BOOST_TEST(!e.service_costs[0].median);
    BOOST_REQUIRE(e.self_assessment.size() == 1u);
    BOOST_TEST(e.self_assessment[0].rating.cy == "Digonol");
    BOOST_TEST(e.self_assessment[0].assessed_on.en == "31 March 2025");
    BOOST_TEST(pack_budget(back) == pack_budget(b));  // one encoding
}

BOOST_AUTO_TEST_CASE(refuses_foreign_and_damaged_bytes) {
    const std::string good = pack_budget(test::load_ok(test::small_budget()));
    BOOST_TEST(unpack_budget("").problem.code == "pack.not_a_pack");
    BOOST_TEST(unpack_budget("{\"format\": \"council-budget\"}").problem.code == "pack.not_a_pack");
    BOOST_TEST(unpack_budget("{\"format\": \"council-budget\"}").problem.message == "this is not a budget pack");
    std::string other_version = good;
    other_version[3] = static_cast<char>(kBudgetPackVersion + 1);
    BOOST_TEST(unpack_budget(other_version).problem.code == "pack.version");
    BOOST_TEST(unpack_budget(other_version).problem.message ==
               "this budget pack is from another version of the app: pack the budget again");
    // Every truncation and every single flipped bit is caught; none reaches the field reader.
    for (std::size_t n = 0; n < good.size(); ++n) BOOST_TEST(!unpack_budget(good.substr(0, n)).budget);
    for (std::size_t i = 4; i < good.size(); ++i) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ 0x10);
        const BudgetUnpack u = unpack_budget(bad);
        BOOST_TEST(!u.budget);
        BOOST_TEST(u.problem.code == "pack.checksum");
    }
    BOOST_TEST(unpack_budget(good + "x").problem.message ==
               "the budget pack is damaged or incomplete (its checksum does not match)");
}

BOOST_AUTO_TEST_CASE(a_well_sealed_pack_with_bad_fields_is_refused) {
    // Bytes with a correct checksum but fields out of range (as from a faulty writer): refused whole.
    Budget b = test::load_ok(test::small_budget());
    b.services[0].step_bp = 0;  // would divide by zero
    BudgetUnpack u = unpack_budget(pack_budget(b));
    BOOST_TEST(!u.budget);
    BOOST_TEST(u.problem.code == "pack.malformed");
    BOOST_TEST(u.problem.message == "the budget pack is not laid out as this version expects");
    b = test::load_ok(test::small_budget());
    b.efficiencies[0].kpi_effects[0].kpi = 7;  // no such indicator
    BOOST_TEST(unpack_budget(pack_budget(b)).problem.code == "pack.malformed");
}

BOOST_AUTO_TEST_SUITE_END()
