// The one Boost.Test main for the workbook library's own tests.
#define BOOST_TEST_MODULE budget_workbook
#include <boost/test/unit_test.hpp>
