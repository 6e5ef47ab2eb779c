// The public results cache: a listener given after the refresh thread has begun still hears every
// result already made (it once missed them, and a tally waited for ever for its first figures).
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "budget_loader.h"
#include "budget_registry.h"
#include "results_cache.h"
#include "storage.h"

BOOST_AUTO_TEST_SUITE(results_cache)

BOOST_AUTO_TEST_CASE(a_listener_given_late_hears_the_results_already_made) {
    const std::string dir = (std::filesystem::temp_directory_path() / ("results-cache-" + std::to_string(::getpid()))).string();
    std::filesystem::remove_all(dir);
    std::string error;
    auto store = storage::open_storage(dir, "", error);
    BOOST_REQUIRE_MESSAGE(store, error);
    std::ifstream in(std::string(BUDGETS_DIR) + "/eastbrook-district-2026.json");
    std::stringstream text;
    text << in.rdbuf();
    budget::BudgetLoad l = budget::load_budget(text.str());
    BOOST_REQUIRE(l.budget);
    BOOST_REQUIRE(l.budget->results_public);
    server::BudgetRegistry registry;
    registry.add(server::make_edition(std::move(*l.budget), text.str()));
    {
        server::ResultsCache cache(registry, *store, nullptr, nullptr, std::chrono::milliseconds(20));
        for (int i = 0; i < 500 && !cache.get("eastbrook-district-2026"); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        BOOST_REQUIRE(cache.get("eastbrook-district-2026"));  // made before anyone listened
        std::mutex m;
        std::vector<std::string> heard;
        cache.on_update([&](const std::string& id, std::int64_t row, const std::shared_ptr<const std::string>& body) {
            std::lock_guard<std::mutex> lock(m);
            heard.push_back(id + " " + std::to_string(row) + " " + (body == cache.get(id) ? "same" : "other"));
        });
        std::lock_guard<std::mutex> lock(m);
        BOOST_TEST(heard == std::vector<std::string>{"eastbrook-district-2026 0 same"}, boost::test_tools::per_element());
        cache.stop();
    }
    store->stop();
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_SUITE_END()
