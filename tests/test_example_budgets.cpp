// The shipped example budgets: they load, are illustrative, realistic in shape, and bilingual where Welsh.
#include <boost/test/unit_test.hpp>

#include "council_tax.h"
#include "simulation.h"
#include "support.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(example_budgets)

BOOST_AUTO_TEST_CASE(all_three_load_and_are_illustrative) {
    const Budget county = test::load_example("northmoor-county-2026.json");
    const Budget district = test::load_example("eastbrook-district-2026.json");
    const Budget welsh = test::load_example("bro-tegid-2026.json");
    BOOST_TEST((county.kind == CouncilKind::EnglishCounty));
    BOOST_TEST((district.kind == CouncilKind::EnglishDistrict));
    BOOST_TEST((welsh.kind == CouncilKind::WelshPrincipal));
    for (const Budget* b : {&county, &district, &welsh}) {
        BOOST_TEST(b->illustrative);
        BOOST_TEST(b->notice.en.find("Illustrative") != std::string::npos);
        BOOST_TEST(b->gap_to_close > 0);
        BOOST_TEST(b->kpis.size() >= 10u);
        for (KpiGroup g : {KpiGroup::Perception, KpiGroup::Cost, KpiGroup::Outcome}) {
            std::size_t n = 0;
            for (const auto& k : b->kpis) n += k.group == g ? 1u : 0u;
            BOOST_TEST(n >= 2u);
        }
        for (const auto& k : b->kpis) BOOST_TEST(k.history.size() >= 4u);
        bool any_locked = false;
        for (const auto& s : b->services) any_locked = any_locked || s.locked;
        BOOST_TEST(any_locked);
    }
    BOOST_TEST(welsh.council_tax.bands.size() == 9u);
    BOOST_TEST(!welsh.council_tax.cap.capped);
    BOOST_TEST(county.council_tax.cap.adult_social_care_bp == 200);
    BOOST_TEST(district.council_tax.cap.core_limit_pounds_alternative == 500);
}

BOOST_AUTO_TEST_CASE(welsh_budget_has_every_text_in_welsh) {
    const Budget b = test::load_example("bro-tegid-2026.json");
    auto has = [](const LocalText& t) { return !t.en.empty() && !t.cy.empty(); };
    BOOST_TEST(has(b.council_name));
    BOOST_TEST(has(b.notice));
    for (const auto& g : b.groups) BOOST_TEST(has(g.name));
    for (const auto& s : b.services) {
        BOOST_TEST(has(s.name), s.id);
        BOOST_TEST(has(s.description), s.id);
        for (const auto& c : s.consequences) BOOST_TEST(has(c.text), s.id);
        if (s.locked) BOOST_TEST(has(s.locked_reason), s.id);
    }
    for (const auto& e : b.efficiencies) BOOST_TEST((has(e.name) && has(e.description)), e.id);
    for (const auto& i : b.incomes) BOOST_TEST((has(i.name) && has(i.description)), i.id);
    for (const auto& k : b.kpis) BOOST_TEST((has(k.name) && has(k.description) && has(k.comparator_group)), k.id);
    for (const auto& q : b.demographics) {
        BOOST_TEST(has(q.label));
        for (const auto& o : q.options) BOOST_TEST(has(o.second));
    }
}

BOOST_AUTO_TEST_CASE(council_tax_is_realistic) {
    const Budget county = test::load_example("northmoor-county-2026.json");
    // A county's Band D element is in the low thousands; council tax funds a large share of its net budget.
    BOOST_TEST(county.council_tax.band_d > 100'000);
    BOOST_TEST(county.council_tax.band_d < 250'000);
    const Budget district = test::load_example("eastbrook-district-2026.json");
    BOOST_TEST(district.council_tax.band_d < 40'000);
    // Each lever's top is exactly the largest rise the cap allows on its step grid.
    for (const Budget* b : {&county, &district}) {
        BOOST_TEST(within_cap(b->council_tax, b->council_tax.lever_max_bp));
        BOOST_TEST(!within_cap(b->council_tax, b->council_tax.lever_max_bp + b->council_tax.lever_step_bp));
    }
}

BOOST_AUTO_TEST_SUITE_END()
