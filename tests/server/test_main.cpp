// The one Boost.Test main shared by the budget-server unit test files.
#define BOOST_TEST_MODULE budget_server
#include <boost/test/unit_test.hpp>
