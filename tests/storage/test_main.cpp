// The one Boost.Test main for the storage library's own tests.
#define BOOST_TEST_MODULE budget_storage
#include <boost/test/unit_test.hpp>
