// warning_signs: every signal at its thresholds and either side, with unknown figures, and on as-of dates.
#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "warning_signs.h"

using namespace budget;

namespace {

CalendarDate day(const char* text) { return *parse_date(text); }

CouncilProfile profile(const char* as_of = "2024-03-31") {
    CouncilProfile p;
    p.id = "x";
    p.as_of = day(as_of);
    p.has_governance = true;
    return p;
}

// A year's figures in pence; added oldest first, as the loader leaves them.
FinanceYear& year(CouncilProfile& p, int start, std::initializer_list<std::pair<FinanceField, Pence>> amounts) {
    FinanceYear y;
    y.start_year = start;
    y.year = financial_year_name(start);
    y.source = "accounts " + y.year;
    for (const auto& [f, pence] : amounts) y.amounts[static_cast<std::size_t>(f)] = pence;
    p.finance.push_back(y);
    return p.finance.back();
}

GovernanceEvent event(EventKind kind, const char* date) {
    GovernanceEvent e;
    e.kind = kind;
    if (date) e.date = day(date);
    e.source = "minutes";
    return e;
}

const Signal* find(const Judgement& j, const std::string& id) {
    const auto it = std::find_if(j.signals.begin(), j.signals.end(), [&](const Signal& s) { return s.id == id; });
    return it == j.signals.end() ? nullptr : &*it;
}
const UnknownSignal* unknown(const Judgement& j, const std::string& id) {
    const auto it = std::find_if(j.unknown.begin(), j.unknown.end(), [&](const UnknownSignal& u) { return u.id == id; });
    return it == j.unknown.end() ? nullptr : &*it;
}
// "none", "amber" or "red" for one signal.
std::string level(const CouncilProfile& p, const std::string& id, const Budget* b = nullptr) {
    const Judgement j = judge(p, p.as_of, b);
    const Signal* s = find(j, id);
    return s ? signal_level_name(s->level) : "none";
}

using F = FinanceField;
constexpr Pence kPound = 100;

}  // namespace

BOOST_AUTO_TEST_SUITE(warning_signs)

BOOST_AUTO_TEST_CASE(reserves_level_at_five_and_two_and_a_half_percent) {
    auto with = [](Pence unallocated) {
        CouncilProfile p = profile();
        year(p, 2023, {{F::UsableReservesUnallocated, unallocated}, {F::NetRevenueExpenditure, 100'000 * kPound}});
        return level(p, "reserves.level");
    };
    BOOST_TEST(with(5'000 * kPound) == "none");  // exactly 5% does not fire
    BOOST_TEST(with(5'000 * kPound - 1) == "amber");
    BOOST_TEST(with(2'500 * kPound) == "amber");  // exactly 2.5%
    BOOST_TEST(with(2'500 * kPound - 1) == "red");
    BOOST_TEST(with(0) == "red");
}

BOOST_AUTO_TEST_CASE(debt_and_financing_costs_against_net_spending) {
    auto debt = [](Pence d) {
        CouncilProfile p = profile();
        year(p, 2023, {{F::GrossExternalDebt, d}, {F::NetRevenueExpenditure, 44'000'000 * kPound}});
        return level(p, "debt.to_spending");
    };
    BOOST_TEST(debt(176'000'000 * kPound) == "none");  // exactly 4 times
    BOOST_TEST(debt(176'000'000 * kPound + 1) == "amber");
    BOOST_TEST(debt(308'000'000 * kPound) == "amber");  // exactly 7 times
    BOOST_TEST(debt(308'000'000 * kPound + 1) == "red");
    BOOST_TEST(debt(1'900'000'000 * kPound) == "red");  // Woking's scale: about 43 times
    auto costs = [](Pence c) {
        CouncilProfile p = profile();
        year(p, 2023, {{F::FinancingCosts, c}, {F::NetRevenueExpenditure, 1'000 * kPound}});
        return level(p, "debt.financing_costs");
    };
    BOOST_TEST(costs(100 * kPound) == "none");
    BOOST_TEST(costs(100 * kPound + 1) == "amber");
    BOOST_TEST(costs(200 * kPound) == "amber");
    BOOST_TEST(costs(200 * kPound + 1) == "red");
}

BOOST_AUTO_TEST_CASE(reserves_runway_fires_only_when_reserves_fell) {
    auto runway = [](Pence then, Pence now) {
        CouncilProfile p = profile();
        year(p, 2019, {{F::UsableReservesUnallocated, then}, {F::UsableReservesEarmarked, 0}});
        year(p, 2020, {});  // the middle years are not needed
        year(p, 2022, {{F::UsableReservesUnallocated, now}, {F::UsableReservesEarmarked, 0}});
        return level(p, "reserves.runway");
    };
    BOOST_TEST(runway(100 * kPound, 70 * kPound) == "none");   // 7 years left
    BOOST_TEST(runway(160 * kPound, 100 * kPound) == "none");  // exactly 5 years
    BOOST_TEST(runway(160 * kPound + 1, 100 * kPound) == "amber");
    BOOST_TEST(runway(100 * kPound, 50 * kPound) == "amber");  // exactly 3 years
    BOOST_TEST(runway(100 * kPound + 1, 50 * kPound) == "red");
    BOOST_TEST(runway(50 * kPound, 80 * kPound) == "none");    // rose: never fires
    BOOST_TEST(runway(50 * kPound, 50 * kPound) == "none");
    BOOST_TEST(runway(50 * kPound, -1 * kPound) == "red");     // used up

    CouncilProfile p = profile();
    year(p, 2019, {{F::UsableReservesUnallocated, 100 * kPound}, {F::UsableReservesEarmarked, 0}});
    year(p, 2022, {{F::UsableReservesUnallocated, 10 * kPound}, {F::UsableReservesEarmarked, 0}});
    const Judgement j = judge(p, p.as_of, nullptr);
    BOOST_REQUIRE(find(j, "reserves.runway"));
    BOOST_TEST(signal_words(*find(j, "reserves.runway")) ==
               "Reserves would last about 0.3 years at the rate they fell over the last three years (£10.00, 2022/23).");
    BOOST_TEST(find(j, "reserves.runway")->figures.size() == 4u);
}

BOOST_AUTO_TEST_CASE(reserves_falling_by_fifteen_and_twenty_five_percent) {
    auto falling = [](Pence now) {
        CouncilProfile p = profile();
        year(p, 2019, {{F::UsableReservesUnallocated, 60 * kPound}, {F::UsableReservesEarmarked, 40 * kPound}});
        year(p, 2022, {{F::UsableReservesUnallocated, now}, {F::UsableReservesEarmarked, 0}});
        return level(p, "reserves.falling");
    };
    BOOST_TEST(falling(85 * kPound) == "none");  // exactly 15%
    BOOST_TEST(falling(85 * kPound - 1) == "amber");
    BOOST_TEST(falling(75 * kPound) == "amber");  // exactly 25%
    BOOST_TEST(falling(75 * kPound - 1) == "red");
}

BOOST_AUTO_TEST_CASE(overspend_one_year_two_years_and_with_reserves) {
    CouncilProfile p = profile();
    year(p, 2022, {{F::OutturnVariance, 1 * kPound}, {F::NetRevenueExpenditure, 100 * kPound}});
    FinanceYear& now = year(p, 2023, {{F::OutturnVariance, 1 * kPound}, {F::NetRevenueExpenditure, 100 * kPound}});
    BOOST_TEST(level(p, "budget.overspend") == "none");  // exactly 1%
    now.amounts[static_cast<std::size_t>(F::OutturnVariance)] = 1 * kPound + 1;
    BOOST_TEST(level(p, "budget.overspend") == "amber");  // the year before was exactly 1%: not over
    p.finance[0].amounts[static_cast<std::size_t>(F::OutturnVariance)] = 1 * kPound + 1;
    BOOST_TEST(level(p, "budget.overspend") == "red");  // two years running
    p.finance[0].amounts[static_cast<std::size_t>(F::OutturnVariance)] = -5 * kPound;  // an underspend the year before
    BOOST_TEST(level(p, "budget.overspend") == "amber");
    p.finance[1].amounts[static_cast<std::size_t>(F::ReservesUsedToBalance)] = 1;
    BOOST_TEST(level(p, "budget.overspend") == "red");  // balanced with reserves
}

BOOST_AUTO_TEST_CASE(savings_delivered_against_planned) {
    auto savings = [](Pence delivered) {
        CouncilProfile p = profile();
        year(p, 2023, {{F::SavingsDelivered, delivered}, {F::SavingsPlanned, 100 * kPound}});
        return level(p, "budget.savings_delivery");
    };
    BOOST_TEST(savings(80 * kPound) == "none");
    BOOST_TEST(savings(80 * kPound - 1) == "amber");
    BOOST_TEST(savings(60 * kPound) == "amber");
    BOOST_TEST(savings(60 * kPound - 1) == "red");
    CouncilProfile nothing_planned = profile();
    year(nothing_planned, 2023, {{F::SavingsDelivered, 0}, {F::SavingsPlanned, 0}});
    const Judgement j = judge(nothing_planned, nothing_planned.as_of, nullptr);
    BOOST_REQUIRE(unknown(j, "budget.savings_delivery"));
    BOOST_TEST(unknown(j, "budget.savings_delivery")->needs == std::vector<std::string>{"savings_planned above zero"});
}

BOOST_AUTO_TEST_CASE(unknown_figures_never_fire_and_say_what_they_need) {
    CouncilProfile p = profile();
    year(p, 2022, {{F::NetRevenueExpenditure, 100 * kPound}, {F::UsableReservesUnallocated, 1}});
    year(p, 2023, {{F::GrossExternalDebt, 900 * kPound}});  // no net spending this year
    const Judgement j = judge(p, p.as_of, nullptr);
    BOOST_TEST(find(j, "reserves.level"));  // 2022/23 has both figures: the latest year that does
    BOOST_TEST(find(j, "reserves.level")->year == "2022/23");
    BOOST_TEST(!find(j, "debt.to_spending"));
    BOOST_REQUIRE(unknown(j, "debt.to_spending"));
    BOOST_TEST(unknown(j, "debt.to_spending")->needs == std::vector<std::string>{"net_revenue_expenditure"});
    BOOST_REQUIRE(unknown(j, "reserves.runway"));
    BOOST_TEST(unknown(j, "reserves.runway")->needs ==
               (std::vector<std::string>{"usable_reserves_unallocated", "usable_reserves_earmarked"}));
    BOOST_REQUIRE(unknown(j, "performance.red_worsening"));
    BOOST_TEST(unknown(j, "performance.red_worsening")->needs == std::vector<std::string>{"indicators"});

    CouncilProfile empty = profile();
    empty.has_governance = false;
    const Judgement none = judge(empty, empty.as_of, nullptr);
    BOOST_TEST(none.signals.empty());
    BOOST_TEST(none.unknown.size() == warning_sign_ids().size());  // nothing judged, nothing assumed
    BOOST_TEST(unknown(none, "governance.s114")->needs == std::vector<std::string>{"governance"});
}

BOOST_AUTO_TEST_CASE(a_year_not_yet_begun_is_not_judged) {
    CouncilProfile p = profile("2024-03-31");
    year(p, 2024, {{F::GrossExternalDebt, 900 * kPound}, {F::NetRevenueExpenditure, 100 * kPound}});  // starts 1 April 2024
    BOOST_TEST(level(p, "debt.to_spending") == "none");
    p.as_of = day("2024-04-01");
    BOOST_TEST(level(p, "debt.to_spending") == "red");  // a year counts while it runs
}

BOOST_AUTO_TEST_CASE(events_within_three_years_of_the_as_of_date) {
    auto s114 = [](const char* date) {
        CouncilProfile p = profile("2024-03-31");
        p.governance.push_back(event(EventKind::S114, date));
        return level(p, "governance.s114");
    };
    BOOST_TEST(s114("2021-03-31") == "red");  // the same day three years before
    BOOST_TEST(s114("2021-03-30") == "none");
    BOOST_TEST(s114("2024-03-31") == "red");
    BOOST_TEST(s114("2024-04-01") == "none");  // after the as-of date: ignored

    CouncilProfile p = profile("2024-03-31");
    GovernanceEvent efs = event(EventKind::ExceptionalFinancialSupport, "2023-02-28");
    efs.amount = 1'200'000'000 * kPound;
    p.governance = {efs, event(EventKind::Intervention, "2023-05-22")};
    const Judgement j = judge(p, p.as_of, nullptr);
    BOOST_REQUIRE(find(j, "governance.efs"));
    BOOST_TEST(find(j, "governance.efs")->year == "2022/23");
    BOOST_TEST(find(j, "governance.efs")->events.front().detail == "£1,200.0m");
    BOOST_TEST(signal_words(*find(j, "governance.intervention"), "en") ==
               "The government intervened in how the council is run on 22 May 2023.");
    BOOST_TEST(signal_words(*find(j, "governance.intervention"), "cy").find("22 Mai 2023") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(accounts_late_by_their_deadlines) {
    auto accounts = [](std::initializer_list<std::pair<const char*, const char*>> published_deadline) {
        CouncilProfile p = profile("2024-03-31");
        int y = 2018;
        for (const auto& [published, deadline] : published_deadline) {
            GovernanceEvent e = event(EventKind::AccountsPublished, published);
            e.year = financial_year_name(y++);
            e.deadline = day(deadline);
            p.governance.push_back(e);
        }
        return level(p, "audit.accounts_late");
    };
    BOOST_TEST(accounts({{"2023-09-30", "2023-09-30"}}) == "none");  // on the day
    BOOST_TEST(accounts({{"2023-10-01", "2023-09-30"}}) == "amber");
    BOOST_TEST(accounts({{nullptr, "2023-09-30"}}) == "amber");       // still not published
    BOOST_TEST(accounts({{"2024-05-01", "2023-09-30"}}) == "amber");  // published after the as-of date: not yet, then
    BOOST_TEST(accounts({{nullptr, "2022-11-30"}, {nullptr, "2023-09-30"}}) == "red");
    BOOST_TEST(accounts({{nullptr, "2024-05-31"}}) == "none");  // its deadline is still to come
    CouncilProfile due_later = profile("2024-03-31");
    GovernanceEvent e = event(EventKind::AccountsPublished, nullptr);
    e.year = "2023/24";
    e.deadline = day("2024-05-31");
    due_later.governance.push_back(e);
    BOOST_TEST(!unknown(judge(due_later, due_later.as_of, nullptr), "audit.accounts_late"));  // known: not yet due
    CouncilProfile none = profile("2024-03-31");
    BOOST_TEST(unknown(judge(none, none.as_of, nullptr), "audit.accounts_late")->needs ==
               std::vector<std::string>{"accounts_published"});
    BOOST_TEST(accounts({{"2019-08-01", "2019-07-31"}}) == "none");  // late long ago, and published
}

BOOST_AUTO_TEST_CASE(the_latest_audit_opinion) {
    auto opinions = [](std::initializer_list<std::pair<const char*, AuditOpinion>> list) {
        CouncilProfile p = profile("2024-03-31");
        for (const auto& [date, o] : list) {
            GovernanceEvent e = event(EventKind::AuditOpinion, date);
            e.year = "2022/23";
            e.opinion = o;
            p.governance.push_back(e);
        }
        return level(p, "audit.opinion");
    };
    BOOST_TEST(opinions({{"2023-11-30", AuditOpinion::Unqualified}}) == "none");
    BOOST_TEST(opinions({{"2023-11-30", AuditOpinion::Qualified}}) == "amber");
    BOOST_TEST(opinions({{"2023-11-30", AuditOpinion::Adverse}}) == "red");
    BOOST_TEST(opinions({{"2022-11-30", AuditOpinion::Disclaimer}, {"2023-11-30", AuditOpinion::Unqualified}}) == "none");
    BOOST_TEST(opinions({{"2023-11-30", AuditOpinion::Unqualified}, {"2024-06-30", AuditOpinion::Disclaimer}}) == "none");
    CouncilProfile p = profile();
    BOOST_TEST(unknown(judge(p, p.as_of, nullptr), "audit.opinion")->needs == std::vector<std::string>{"audit_opinion"});
}

BOOST_AUTO_TEST_CASE(value_for_money_weakness_recommendations_and_public_interest_reports) {
    auto vfm = [](std::initializer_list<std::pair<EventKind, const char*>> list) {
        CouncilProfile p = profile("2024-03-31");
        for (const auto& [kind, date] : list) p.governance.push_back(event(kind, date));
        return level(p, "audit.vfm");
    };
    BOOST_TEST(vfm({{EventKind::VfmSignificantWeakness, "2023-01-10"}}) == "amber");
    BOOST_TEST(vfm({{EventKind::VfmSignificantWeakness, "2021-03-30"}}) == "none");
    BOOST_TEST(vfm({{EventKind::VfmSignificantWeakness, "2023-01-10"}, {EventKind::StatutoryRecommendations, "2022-01-10"}}) == "red");
    BOOST_TEST(vfm({{EventKind::PublicInterestReport, "2021-04-01"}}) == "red");
}

BOOST_AUTO_TEST_CASE(inspections_take_the_latest_rating_of_each_service_then_the_worst) {
    auto inspected = [](std::initializer_list<std::tuple<const char*, const char*, InspectionRating>> list) {
        CouncilProfile p = profile("2024-03-31");
        for (const auto& [date, service, rating] : list) {
            GovernanceEvent e = event(EventKind::Inspection, date);
            e.body = "Ofsted";
            e.service = service;
            e.rating = rating;
            p.governance.push_back(e);
        }
        return level(p, "inspection.rating");
    };
    BOOST_TEST(inspected({{"2020-01-01", "children's services", InspectionRating::Inadequate},
                          {"2023-01-01", "children's services", InspectionRating::Good}}) == "none");
    BOOST_TEST(inspected({{"2023-01-01", "children's services", InspectionRating::RequiresImprovement}}) == "amber");
    BOOST_TEST(inspected({{"2023-01-01", "children's services", InspectionRating::Good},
                          {"2019-01-01", "SEND", InspectionRating::Inadequate}}) == "red");  // no window for ratings
    BOOST_TEST(inspected({{"2024-05-01", "children's services", InspectionRating::Inadequate}}) == "none");  // after as-of
}

BOOST_AUTO_TEST_CASE(leadership_churn_counts_chief_executives_and_finance_officers) {
    auto churn = [](std::initializer_list<std::pair<LeadershipRole, const char*>> list) {
        CouncilProfile p = profile("2024-03-31");
        for (const auto& [role, date] : list) {
            GovernanceEvent e = event(EventKind::LeadershipChange, date);
            e.role = role;
            p.governance.push_back(e);
        }
        return level(p, "leadership.churn");
    };
    using R = LeadershipRole;
    BOOST_TEST(churn({{R::ChiefExecutive, "2022-01-01"}, {R::S151Officer, "2023-01-01"}, {R::Leader, "2023-06-01"}}) == "none");
    BOOST_TEST(churn({{R::ChiefExecutive, "2022-01-01"}, {R::S151Officer, "2023-01-01"}, {R::ChiefExecutive, "2023-06-01"}}) == "amber");
    BOOST_TEST(churn({{R::ChiefExecutive, "2021-04-01"}, {R::S151Officer, "2021-05-01"}, {R::ChiefExecutive, "2022-06-01"},
                      {R::S151Officer, "2023-01-01"}, {R::ChiefExecutive, "2024-03-31"}}) == "red");
    BOOST_TEST(churn({{R::ChiefExecutive, "2021-03-30"}, {R::S151Officer, "2023-01-01"}, {R::ChiefExecutive, "2023-06-01"}}) == "none");
}

BOOST_AUTO_TEST_CASE(a_profile_may_set_its_own_thresholds) {
    CouncilProfile p = profile();
    year(p, 2023, {{F::GrossExternalDebt, 350 * kPound}, {F::NetRevenueExpenditure, 100 * kPound}});
    BOOST_TEST(level(p, "debt.to_spending") == "none");
    p.thresholds["debt.to_spending"] = ThresholdOverride{300, std::nullopt};
    BOOST_TEST(level(p, "debt.to_spending") == "amber");
    BOOST_TEST(thresholds_for(p, "debt.to_spending").red == 700);  // the default stays where not set
}

BOOST_AUTO_TEST_CASE(json_names_the_figures_and_their_sources) {
    CouncilProfile p = profile();
    year(p, 2023, {{F::GrossExternalDebt, 800 * kPound + 1}, {F::NetRevenueExpenditure, 100 * kPound}});
    p.governance.push_back(event(EventKind::S114, "2023-11-01"));
    const std::string json = judgement_json(judge(p, p.as_of, nullptr), p.as_of);
    BOOST_TEST(json.find(R"({"id":"debt.to_spending","level":"red","year":"2023/24","figures":[{"name":"gross_external_debt","year":"2023/24","pounds":"800.01","source":"accounts 2023/24"},)") != std::string::npos, json);
    BOOST_TEST(json.find(R"("words":"Debt of £800.01 is 8.0 times the council's yearly net spending of £100.00 (2023/24).")") != std::string::npos, json);
    BOOST_TEST(json.find(R"({"id":"governance.s114","level":"red","year":"2023/24","figures":[],"events":[{"kind":"s114","date":"2023-11-01","source":"minutes"}])") != std::string::npos, json);
    BOOST_TEST(json.find(R"({"id":"reserves.level","needs":["usable_reserves_unallocated"]})") != std::string::npos, json);
}

BOOST_AUTO_TEST_SUITE_END()
