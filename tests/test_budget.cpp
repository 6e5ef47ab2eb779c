// Budget queries: finding services, options and indicators by id, and the baseline funding.
#include <boost/test/unit_test.hpp>

#include "budget.h"
#include "support.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(budget)

BOOST_AUTO_TEST_CASE(every_item_is_found_by_its_id_and_unknown_ids_are_not) {
    const Budget b = test::load_example("northmoor-county-2026.json");
    for (std::size_t i = 0; i < b.services.size(); ++i) BOOST_TEST(b.find_service(b.services[i].id).value() == i);
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i) BOOST_TEST(b.find_efficiency(b.efficiencies[i].id).value() == i);
    for (std::size_t i = 0; i < b.incomes.size(); ++i) BOOST_TEST(b.find_income(b.incomes[i].id).value() == i);
    for (std::size_t i = 0; i < b.kpis.size(); ++i) BOOST_TEST(b.find_kpi(b.kpis[i].id).value() == i);
    for (const std::string& missing : std::vector<std::string>{"", "zzz", "a", b.services[0].id + "x"}) BOOST_TEST(!b.find_service(missing));
    BOOST_TEST(!b.find_kpi(b.services[0].id));  // ids are looked up per kind
}

BOOST_AUTO_TEST_CASE(ids_out_of_order_and_repeated_find_the_first) {
    Budget b;
    for (const char* id : {"roads", "adult-care", "parks", "libraries", "parks", "zoo", "bins"}) {
        b.services.emplace_back();
        b.services.back().id = id;
    }
    BOOST_TEST(b.find_service("parks").value() == 2u);  // before the index: a scan
    b.build_index();
    BOOST_TEST(b.find_service("roads").value() == 0u);
    BOOST_TEST(b.find_service("adult-care").value() == 1u);
    BOOST_TEST(b.find_service("parks").value() == 2u);
    BOOST_TEST(b.find_service("zoo").value() == 5u);
    BOOST_TEST(b.find_service("bins").value() == 6u);
    BOOST_TEST(!b.find_service("libraries-2"));
    BOOST_TEST(!b.find_service("aaa"));
    const Budget copy = b;  // the index holds positions, so a copy answers the same
    BOOST_TEST(copy.find_service("zoo").value() == 5u);
}

BOOST_AUTO_TEST_SUITE_END()
