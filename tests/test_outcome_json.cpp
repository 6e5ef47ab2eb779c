// Outcome JSON: exact integers, every band, receipts and indicator moves.
#include <boost/test/unit_test.hpp>

#include "outcome_json.h"
#include "support.h"

using namespace budget;
using nlohmann::json;

BOOST_AUTO_TEST_SUITE(outcome_json)

BOOST_AUTO_TEST_CASE(contains_totals_bills_receipt_and_indicators) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    c.service_bp[1] = 1000;
    const json j = json::parse(outcome_to_json(b, c, simulate(b, c), "en", 'B'));
    BOOST_TEST(j["totals"]["remaining_gap_pence"] == 15'000'000);
    BOOST_TEST(j["totals"]["balanced"] == false);
    BOOST_TEST(j["council_tax"]["bills_pence"]["H"] == 200'000);
    BOOST_TEST(j["council_tax"]["receipt_band"] == "B");
    std::int64_t receipt = 0;
    for (const auto& line : j["council_tax"]["receipt_pence"]) receipt += line["pence"].get<std::int64_t>();
    BOOST_TEST(receipt == 77'778);
    BOOST_TEST(j["services"][1]["consequence"] == "Open");
    BOOST_TEST(j["kpis"][0]["moved_milli"] == 1000);
    BOOST_TEST(j["kpis"][0]["projected_rag"] == "amber");
}

BOOST_AUTO_TEST_CASE(welsh_consequences_in_welsh) {
    const Budget b = test::load_example("bro-tegid-2026.json");
    Choices c = default_choices(b);
    const json j = json::parse(outcome_to_json(b, c, simulate(b, c), "cy"));
    BOOST_TEST(j["services"][0]["consequence"] == "Mae'r gwasanaeth yn parhau fel y mae heddiw.");
    BOOST_TEST(j["council_tax"]["bills_pence"].contains("I"));
}

BOOST_AUTO_TEST_SUITE_END()
