// The one Boost.Test main shared by every core test file.
#define BOOST_TEST_MODULE council_budget_core
#include <boost/test/unit_test.hpp>
