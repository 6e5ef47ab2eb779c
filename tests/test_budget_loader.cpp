// Budget loading: every problem is found in one pass, each with its exact text and location.
#include <boost/test/unit_test.hpp>

#include <vector>

#include "budget_loader.h"
#include "support.h"

using namespace budget;
using test::joined;
using test::one;
using nlohmann::json;

namespace {
// "pointer: message [code]" for each problem, in order.
std::vector<std::string> problems_of(const std::string& text) {
    std::vector<std::string> out;
    for (const auto& p : load_budget(text).problems) out.push_back((p.pointer.empty() ? "/" : p.pointer) + ": " + p.message + " [" + p.code + "]");
    return out;
}
std::vector<std::string> problems_of(const json& doc) { return problems_of(doc.dump(2)); }
}  // namespace

BOOST_AUTO_TEST_SUITE(budget_loader)

BOOST_AUTO_TEST_CASE(small_budget_loads) {
    const Budget b = test::load_ok(test::small_budget());
    BOOST_TEST(b.id == "testshire");
    BOOST_TEST(b.services.size() == 3u);
    BOOST_TEST(b.services[1].baseline == 50'000'000);
    BOOST_TEST(b.services[2].locked);
    BOOST_TEST(b.council_tax.tax_base_hundredths == 100'000);
    BOOST_TEST(b.council_tax.bands.size() == 8u);
    BOOST_TEST(b.gap_to_close == 10'000'000);
    BOOST_TEST(b.kpis[0].history.back().value == 58'500);
    BOOST_TEST(b.kpis[0].responses[0].per_percent == 200);
    BOOST_TEST(b.efficiencies[0].kpi_effects[0].change == -1'500);
    BOOST_TEST(*b.find_service("parks") == 1u);
    BOOST_TEST(!b.find_service("nope"));
}

BOOST_AUTO_TEST_CASE(reports_file_line_column_pointer_message) {
    json doc = test::small_budget();
    doc["services"][1]["min_percent"] = 20;
    const auto l = load_budget(doc.dump(2));
    BOOST_REQUIRE_EQUAL(l.problems.size(), 1u);
    // dump(2) sorts keys and indents by two: the services[1] object opens at line 155, column 5.
    BOOST_TEST(format_problem(l.problems[0], "testshire.json") ==
               "testshire.json:170:22: /services/1/min_percent: min_percent 20 is above max_percent 10 [budget.min_above_max]");
}

BOOST_AUTO_TEST_CASE(syntax_error) {
    const auto l = load_budget("{\n  \"id\": \"x\",\n  \"version\": 1\n  \"format\": 2\n}");
    BOOST_REQUIRE_EQUAL(l.problems.size(), 1u);
    BOOST_TEST(format_problem(l.problems[0], "b.json") ==
               "b.json:4:10: /: syntax error while parsing object - unexpected string literal; expected '}' [json.syntax]");
}

BOOST_AUTO_TEST_CASE(root_must_be_an_object) {
    BOOST_TEST(joined(problems_of(std::string("[1]"))) == one("/: expected an object, found an array [budget.wrong_type]"));
}

BOOST_AUTO_TEST_CASE(finds_every_problem_in_one_pass) {
    json doc = test::small_budget();
    doc["version"] = "three";
    doc["council"]["kind"] = "parish";
    doc["services"][0]["step_percent"] = 3;
    doc["efficiencies"][0]["service"] = "nowhere";
    doc["kpis"][0]["thresholds"]["green"] = 40;
    doc["extra"] = 1;
    const std::vector<std::string> expected = {
        "/extra: unknown field \"extra\" [budget.unknown_field]",
        "/version: expected an integer, found a string [budget.wrong_type]",
        "/council/kind: unknown value \"parish\"; expected one of english_county, english_district, english_unitary, "
        "english_metropolitan, london_borough, welsh_principal [budget.bad_enum]",
        "/services/0/step_percent: step 3% does not divide the range -10% to 10% [budget.step_does_not_divide]",
        "/efficiencies/0/service: unknown service \"nowhere\" [budget.unknown_reference]",
        "/kpis/0/thresholds/green: green must be at or above amber when higher is better [budget.thresholds_out_of_order]",
    };
    BOOST_TEST(joined(problems_of(doc)) == joined(expected));
}

BOOST_AUTO_TEST_CASE(wrong_types) {
    json doc = test::small_budget();
    doc["services"][0]["baseline"] = true;
    doc["groups"] = "g1";
    doc["services"][1]["locked"] = "yes";
    const auto p = problems_of(doc);
    BOOST_TEST(p[0] == "/groups: expected an array, found a string [budget.wrong_type]");
    BOOST_TEST(p[1] == "/services/0/group: unknown group \"g1\" [budget.unknown_reference]");
    BOOST_TEST(p[2] == "/services/0/baseline: expected an amount in pounds (an integer, or a string such as \"1234.56\"), found a boolean [budget.wrong_type]");
    BOOST_TEST(p[4] == "/services/1/locked: expected a boolean, found a string [budget.wrong_type]");
}

BOOST_AUTO_TEST_CASE(missing_fields) {
    json doc = test::small_budget();
    doc["council"].erase("population");
    BOOST_TEST(joined(problems_of(doc)) == one("/council/population: missing required field \"population\" [budget.missing_field]"));
}

BOOST_AUTO_TEST_CASE(duplicate_ids) {
    json doc = test::small_budget();
    doc["services"][1]["id"] = "care";
    // The indicator that pointed at "parks" now points at nothing: both are reported.
    BOOST_TEST(joined(problems_of(doc)) == joined({"/services/1/id: duplicate id \"care\"; first defined at /services/0/id [budget.duplicate_id]",
                                                   "/kpis/0/responses/0/service: unknown service \"parks\" [budget.unknown_reference]"}));
    doc = test::small_budget();
    doc["income"][0]["id"] = "shared";  // options share one id space
    BOOST_TEST(joined(problems_of(doc)) == one("/income/0/id: duplicate id \"shared\"; first defined at /efficiencies/0/id [budget.duplicate_id]"));
}

BOOST_AUTO_TEST_CASE(bad_ids) {
    json doc = test::small_budget();
    doc["services"][0]["id"] = "Care Services";
    const auto p = problems_of(doc);
    BOOST_TEST(p[0] == "/services/0/id: id \"Care Services\" must be 1-64 characters of a-z, 0-9, '-' or '_' [budget.bad_id]");
}

BOOST_AUTO_TEST_CASE(unknown_references) {
    json doc = test::small_budget();
    doc["kpis"][0]["responses"][0]["service"] = "roads";
    doc["efficiencies"][0]["kpi_effects"][0]["kpi"] = "sad";
    const std::vector<std::string> expected = {
        "/kpis/0/responses/0/service: unknown service \"roads\" [budget.unknown_reference]",
        "/efficiencies/0/kpi_effects/0/kpi: unknown kpi \"sad\" [budget.unknown_reference]",
    };
    BOOST_TEST(joined(problems_of(doc)) == joined(expected));
}

BOOST_AUTO_TEST_CASE(ranges_and_steps) {
    json doc = test::small_budget();
    doc["services"][0]["min_percent"] = 5;
    BOOST_TEST(joined(problems_of(doc)) == one("/services/0/min_percent: the range must include no change (0%) [budget.range_excludes_zero]"));
    doc = test::small_budget();
    doc["services"][0]["step_percent"] = 0;
    BOOST_TEST(joined(problems_of(doc)) == one("/services/0/step_percent: step_percent must be more than zero [budget.bad_step]"));
    doc = test::small_budget();
    doc["services"][1]["min_percent"] = -17;
    doc["services"][1]["max_percent"] = 3;
    doc["services"][1]["consequences"][0]["from_percent"] = -17;
    BOOST_TEST(joined(problems_of(doc)) == one("/services/1/step_percent: no change (0%) must be on a step of the range [budget.off_step]"));
    doc = test::small_budget();
    doc["services"][0]["min_percent"] = -10.125;
    BOOST_TEST(joined(problems_of(doc)) == one("/services/0/min_percent: a percentage between -1000 and 1000 with at most two decimal places [budget.bad_percent]"));
}

BOOST_AUTO_TEST_CASE(locked_lines_cannot_have_a_range) {
    json doc = test::small_budget();
    doc["services"][2]["max_percent"] = 5;
    BOOST_TEST(joined(problems_of(doc)) == one("/services/2/max_percent: a locked line cannot move; remove \"max_percent\" [budget.locked_line_has_range]"));
    doc = test::small_budget();
    doc["efficiencies"][0]["service"] = "debt";
    BOOST_TEST(joined(problems_of(doc)) == one("/efficiencies/0/service: a saving cannot come from a locked line [budget.option_on_locked_line]"));
}

BOOST_AUTO_TEST_CASE(consequence_bands) {
    json doc = test::small_budget();
    doc["services"][0]["consequences"][0]["from_percent"] = -5;
    BOOST_TEST(joined(problems_of(doc)) == one("/services/0/consequences/0/from_percent: the first band must start at min_percent (-10) [budget.consequences_not_from_min]"));
    doc = test::small_budget();
    doc["services"][0]["consequences"][2]["from_percent"] = 0;
    BOOST_TEST(joined(problems_of(doc)) == one("/services/0/consequences/2/from_percent: bands must start in increasing order [budget.consequences_not_increasing]"));
    doc = test::small_budget();
    doc["services"][0]["consequences"][2]["from_percent"] = 50;
    BOOST_TEST(joined(problems_of(doc)) == one("/services/0/consequences/2/from_percent: outside the service's range [budget.consequence_out_of_range]"));
    doc = test::small_budget();
    doc["services"][0]["consequences"] = json::array();
    BOOST_TEST(joined(problems_of(doc)) == one("/services/0/consequences: at least one consequence band is needed [budget.no_consequences]"));
}

BOOST_AUTO_TEST_CASE(money_fields) {
    json doc = test::small_budget();
    doc["services"][0]["baseline"] = "1000000.001";
    BOOST_TEST(joined(problems_of(doc)) == one("/services/0/baseline: not an amount of pounds with at most two decimal places, up to £1 trillion [budget.bad_money]"));
    doc = test::small_budget();
    doc["services"][0]["baseline"] = 1000000.5;
    BOOST_TEST(joined(problems_of(doc)) == one("/services/0/baseline: expected an amount in pounds (an integer, or a string such as \"1234.56\"), found a number [budget.wrong_type]"));
    doc = test::small_budget();
    doc["income"][0]["yield"] = -5;
    BOOST_TEST(joined(problems_of(doc)) == one("/income/0/yield: must not be negative [budget.negative_amount]"));
    doc = test::small_budget();
    doc["income"][0]["yield"] = 0;
    BOOST_TEST(joined(problems_of(doc)) == one("/income/0/yield: a yield must be more than zero [budget.out_of_range]"));
}

BOOST_AUTO_TEST_CASE(baselines_must_sum_to_the_total) {
    json doc = test::small_budget();
    doc["total_net_budget"] = 1800000;
    BOOST_TEST(joined(problems_of(doc)) == one("/total_net_budget: service baselines sum to £1,700,000.00 but total_net_budget is £1,800,000.00 [budget.total_mismatch]"));
}

BOOST_AUTO_TEST_CASE(gap_must_follow_from_spend_and_funding) {
    json doc = test::small_budget();
    doc["gap_to_close"] = 90000;
    BOOST_TEST(joined(problems_of(doc)) == one("/gap_to_close: net budget £1,700,000.00 less funding £1,600,000.00 (council tax £1,000,000.00) is £100,000.00, not £90,000.00 [budget.gap_mismatch]"));
}

BOOST_AUTO_TEST_CASE(an_unclosable_gap_is_rejected) {
    json doc = test::small_budget();
    doc["funding"][0]["amount"] = 100000;
    doc["gap_to_close"] = 600000;
    BOOST_TEST(joined(problems_of(doc)) == one("/gap_to_close: even every saving and income lever at its limit leaves a gap of £280,100.00, so no resident could balance this budget [budget.infeasible]"));
}

BOOST_AUTO_TEST_CASE(council_tax_lever_and_cap) {
    json doc = test::small_budget();
    doc["council_tax"]["lever"]["max_percent"] = 5.5;
    doc["council_tax"]["lever"]["min_percent"] = -2.5;
    BOOST_TEST(joined(problems_of(doc)) == one("/council_tax/lever/max_percent: a 5.5% rise is over the referendum cap (up to 2.99%, plus 2% adult social care precept) [budget.lever_above_cap]"));
    doc = test::small_budget();
    doc["council"]["kind"] = "welsh_principal";
    BOOST_TEST(joined(problems_of(doc)) == one("/council_tax/referendum_cap: Welsh councils have no council tax referendum cap; use \"none\" [budget.cap_not_applicable]"));
    doc = test::small_budget();
    doc["council_tax"]["lever"]["default_percent"] = 0.005;
    BOOST_TEST(joined(problems_of(doc)) == one("/council_tax/lever/default_percent: a percentage between -1000 and 1000 with at most two decimal places [budget.bad_percent]"));
    doc["council_tax"]["lever"]["default_percent"] = 6;
    BOOST_TEST(joined(problems_of(doc)) == one("/council_tax/lever/default_percent: default must be on a step between min and max [budget.off_step]"));
}

BOOST_AUTO_TEST_CASE(indicators) {
    json doc = test::small_budget();
    doc["kpis"][0]["comparators"]["median"] = 70;
    BOOST_TEST(joined(problems_of(doc)) == one("/kpis/0/comparators/lower_quartile: expected lower_quartile <= median <= upper_quartile [budget.quartiles_out_of_order]"));
    doc = test::small_budget();
    doc["kpis"][0]["history"] = json::array();
    BOOST_TEST(joined(problems_of(doc)) == one("/kpis/0/history: at least one year of history is needed [budget.empty_history]"));
    doc = test::small_budget();
    doc["kpis"][0]["history"][1]["year"] = "2020/21";
    BOOST_TEST(joined(problems_of(doc)) == one("/kpis/0/history/1/year: years must be in increasing order [budget.history_not_in_order]"));
    doc = test::small_budget();
    doc["kpis"][0]["history"][1]["value"] = 58.5001;
    BOOST_TEST(joined(problems_of(doc)) == one("/kpis/0/history/1/value: a number up to 10^12 with at most three decimal places [budget.bad_number]"));
    doc = test::small_budget();
    doc["kpis"][0]["floor"] = 200;
    BOOST_TEST(joined(problems_of(doc)) == one("/kpis/0/floor: floor is above ceiling [budget.min_above_max]"));
    doc = test::small_budget();
    doc["kpis"][0]["responses"][0]["max_effect"] = 0;
    BOOST_TEST(joined(problems_of(doc)) == one("/kpis/0/responses/0/max_effect: must be more than zero [budget.out_of_range]"));
}

BOOST_AUTO_TEST_CASE(format_and_version) {
    json doc = test::small_budget();
    doc["format"] = "something-else";
    doc["format_version"] = 2;
    const std::vector<std::string> expected = {
        "/format: expected \"council-budget\", found \"something-else\" [budget.wrong_format]",
        "/format_version: format_version 2 is not supported; this build reads version 1 [budget.unsupported_version]",
    };
    BOOST_TEST(joined(problems_of(doc)) == joined(expected));
}

BOOST_AUTO_TEST_CASE(financial_year_shape) {
    json doc = test::small_budget();
    doc["council"]["financial_year"] = "2026/28";
    BOOST_TEST(joined(problems_of(doc)) == one("/council/financial_year: expected a financial year such as \"2026/27\" [budget.bad_year]"));
}

BOOST_AUTO_TEST_CASE(welsh_budgets_need_welsh_text) {
    json doc = test::small_budget();
    doc["languages"] = {"en", "cy"};
    doc["notice"] = {{"en", "Illustrative."}, {"cy", "Enghreifftiol."}};
    const auto p = problems_of(doc);
    BOOST_TEST(p.front() == "/privacy_notice_url: Welsh text (\"cy\") is required in a bilingual budget [budget.missing_translation]");
    BOOST_TEST(p.size() > 10u);  // every resident-facing string is reported
}

BOOST_AUTO_TEST_CASE(empty_services) {
    json doc = test::small_budget();
    doc["services"] = json::array();
    const auto p = problems_of(doc);
    BOOST_TEST(p.front() == "/services: a budget needs at least one service [budget.empty]");
}

BOOST_AUTO_TEST_CASE(enormous_budget_hits_the_size_limit) {
    JsonLimits limits;
    limits.max_bytes = 1000;
    const auto l = load_budget(test::small_budget().dump(2), limits);
    BOOST_REQUIRE_EQUAL(l.problems.size(), 1u);
    BOOST_TEST(l.problems[0].code == "json.too_large");
}

BOOST_AUTO_TEST_CASE(council_tax_stops_let_a_person_hit_the_limit) {
    json j = test::small_budget();
    j["council_tax"]["lever"]["stops_percent"] = {-2, 0, 1.99, 2.99, 4.99};
    const BudgetLoad l = load_budget(j.dump());
    BOOST_REQUIRE(l.budget);
    BOOST_TEST((l.budget->council_tax.lever_stops == std::vector<BasisPoints>{-200, 0, 199, 299, 499}));
    BOOST_TEST(l.warnings.empty());
}

BOOST_AUTO_TEST_CASE(council_tax_stops_are_checked) {
    const auto with_stops = [](const json& stops) {
        json j = test::small_budget();
        j["council_tax"]["lever"]["stops_percent"] = stops;
        return problems_of(j);
    };
    BOOST_TEST(joined(with_stops({0, 5.5})) == one("/council_tax/lever/stops_percent/1: 5.5% is not a step between min and max [budget.off_step]"));
    BOOST_TEST(joined(with_stops({0, 2.99, 1})) == one("/council_tax/lever/stops_percent/2: stops must be in ascending order, each once [budget.stops_not_ascending]"));
    BOOST_TEST(joined(with_stops({1, 2.99})) == one("/council_tax/lever/stops_percent: give at least two stops, the default (0%) among them [budget.bad_stops]"));
    BOOST_TEST(joined(with_stops({0, "1"})) == one("/council_tax/lever/stops_percent/1: expected a number, found a string [budget.wrong_type]"));
}

BOOST_AUTO_TEST_CASE(a_lever_of_more_than_100_steps_is_warned_about) {
    const BudgetLoad l = load_budget(test::small_budget().dump());  // council tax -2% to 4.99% in steps of 0.01%
    BOOST_REQUIRE(l.budget);
    BOOST_REQUIRE(l.warnings.size() == 1u);
    BOOST_TEST(l.warnings[0].code == "budget.many_steps");
    BOOST_TEST(l.warnings[0].pointer == "/council_tax/lever/step_percent");
    BOOST_TEST(l.warnings[0].message == "the council tax slider has 699 steps, more than a person can hit with a finger (100); "
                                        "give stops_percent (e.g. 0, the referendum limit) or a larger step");
    json j = test::small_budget();
    j["services"][0]["step_percent"] = 0.1;  // -10% to 10%: 200 steps
    const BudgetLoad s = load_budget(j.dump());
    BOOST_REQUIRE(s.warnings.size() == 2u);
    BOOST_TEST(s.warnings[1].pointer == "/services/0/step_percent");
    BOOST_TEST(s.warnings[1].message == "the slider has 200 steps, more than a person can hit with a finger (100); use a larger step");
}

BOOST_AUTO_TEST_CASE(the_example_budgets_have_no_warnings) {
    for (const char* name : {"northmoor-county-2026", "eastbrook-district-2026", "bro-tegid-2026"}) {
        const BudgetLoad l = load_budget(test::read_text(std::string(BUDGETS_DIR) + "/" + name + ".json"));
        BOOST_TEST(l.budget.has_value(), name);
        BOOST_TEST(l.warnings.size() == 0u, name);
    }
}

BOOST_AUTO_TEST_CASE(a_brand_colour_is_used_where_its_contrast_allows) {
    json j = test::small_budget();
    j["council_tax"]["lever"]["stops_percent"] = {-2, 0, 2.99, 4.99};  // no warning about steps
    j["council"]["brand"] = {{"colour", "#1D70B8"}, {"logo", "testshire-logo.svg"}};
    BudgetLoad l = load_budget(j.dump());
    BOOST_REQUIRE(l.budget);
    BOOST_TEST(*l.budget->brand.colour == 0x1D70B8u);
    BOOST_TEST(l.budget->brand.colour_for_text);  // 5.2:1 with white words
    BOOST_TEST(l.budget->brand.colour_for_controls);
    BOOST_TEST(l.budget->brand.logo == "testshire-logo.svg");
    BOOST_TEST(l.warnings.empty());
    j["council"]["brand"] = {{"colour", "#ffdd00"}};  // a yellow: neither
    l = load_budget(j.dump());
    BOOST_REQUIRE(l.budget);
    BOOST_TEST(!l.budget->brand.colour_for_text);
    BOOST_TEST(!l.budget->brand.colour_for_controls);
    BOOST_REQUIRE(l.warnings.size() == 2u);
    BOOST_TEST(l.warnings[0].message == "white words on #ffdd00 reach 1.3:1, under 4.5:1; filled bars and tabs keep the default colour");
    BOOST_TEST(l.warnings[1].message == "#ffdd00 reaches 1.2:1 against the page, under 3:1; controls keep the default colour");
    BOOST_TEST(l.warnings[1].code == "budget.brand_contrast");
}

BOOST_AUTO_TEST_CASE(a_consultation_window_is_read_and_checked) {
    json j = test::small_budget();
    j["opens_at"] = "2027-01-05T09:00:00Z";
    j["closes_at"] = "2027-02-14T17:00:00Z";
    const BudgetLoad l = load_budget(j.dump(2));
    BOOST_REQUIRE(l.budget);
    BOOST_TEST(*l.budget->opens_at == 1799139600);
    BOOST_TEST(*l.budget->closes_at == 1802624400);
    BOOST_TEST(!load_budget(test::small_budget().dump(2)).budget->opens_at.has_value());

    j["opens_at"] = "2027-02-30T09:00:00Z";
    BOOST_TEST(joined(problems_of(j)) ==
               one("/opens_at: opens_at must be a UTC time such as \"2027-01-05T09:00:00Z\", found \"2027-02-30T09:00:00Z\" [budget.bad_time]"));
    j["opens_at"] = "2027-02-14T17:00:00Z";
    BOOST_TEST(joined(problems_of(j)) == one("/closes_at: closes_at must be after opens_at [budget.closes_before_opens]"));
}

BOOST_AUTO_TEST_CASE(a_budget_may_require_voter_codes) {
    json j = test::small_budget();
    BOOST_TEST(!load_budget(j.dump(2)).budget->codes_required);
    j["codes_required"] = true;
    BOOST_TEST(load_budget(j.dump(2)).budget->codes_required);
    j["codes_required"] = "yes";
    BOOST_TEST(joined(problems_of(j)) == one("/codes_required: expected a boolean, found a string [budget.wrong_type]"));
}

BOOST_AUTO_TEST_CASE(a_brand_is_checked) {
    const auto with_brand = [](const json& brand) {
        json j = test::small_budget();
        j["council"]["brand"] = brand;
        return problems_of(j);
    };
    BOOST_TEST(joined(with_brand({{"colour", "blue"}})) == one("/council/brand/colour: expected a colour such as \"#1d70b8\" [budget.bad_colour]"));
    const std::string bad_logo = "/council/brand/logo: expected a path below the site such as \"logos/council.svg\" (.svg or .png; a-z, 0-9, - _ . /) [budget.bad_logo]";
    for (const char* logo : {"https://evil.example/x.svg", "../secret.png", "/abs.svg", "logo.gif", "a b.svg", "javascript:x.svg"})
        BOOST_TEST(joined(with_brand({{"logo", logo}})) == one(bad_logo), logo);
    BOOST_TEST(joined(with_brand({{"font", "x"}})) == one("/council/brand/font: unknown field \"font\" [budget.unknown_field]"));
}

BOOST_AUTO_TEST_CASE(contrast_ratio_follows_wcag) {
    BOOST_TEST(contrast_ratio(0x000000, 0xFFFFFF) == 21.0, boost::test_tools::tolerance(1e-9));
    BOOST_TEST(contrast_ratio(0x767676, 0xFFFFFF) == 4.54, boost::test_tools::tolerance(0.01));  // the lightest grey for text on white
    BOOST_TEST(contrast_ratio(0x123456, 0x123456) == 1.0);
}

BOOST_AUTO_TEST_SUITE_END()
