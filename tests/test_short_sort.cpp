// short_sort: the same order as std::sort, and stable for equal keys.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <random>
#include <string>

#include "short_sort.h"

BOOST_AUTO_TEST_SUITE(short_sort)

BOOST_AUTO_TEST_CASE(orders_as_std_sort_does) {
    std::mt19937 rng(7);
    for (int round = 0; round < 500; ++round) {
        std::vector<std::pair<std::string, std::size_t>> items(rng() % 40);
        for (auto& [id, k] : items) {
            id = std::string(1 + rng() % 3, static_cast<char>('a' + rng() % 4));
            k = rng() % 5;
        }
        auto expected = items;
        std::sort(expected.begin(), expected.end());
        budget::short_sort(items);
        BOOST_TEST((items == expected));
    }
}

BOOST_AUTO_TEST_CASE(equal_keys_keep_their_order) {
    std::vector<std::pair<int, int>> items{{2, 0}, {1, 1}, {2, 2}, {1, 3}, {0, 4}, {2, 5}};
    budget::short_sort(items, [](const auto& a, const auto& b) { return a.first < b.first; });
    const std::vector<std::pair<int, int>> expected{{0, 4}, {1, 1}, {1, 3}, {2, 0}, {2, 2}, {2, 5}};
    BOOST_TEST((items == expected));
    std::vector<int> none;
    budget::short_sort(none);
    BOOST_TEST(none.empty());
}

BOOST_AUTO_TEST_SUITE_END()
