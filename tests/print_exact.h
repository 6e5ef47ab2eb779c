// How Boost.Test prints exact numbers when an assertion fails.
#pragma once
#include <ostream>

#include "fraction.h"

namespace budget {
inline std::ostream& boost_test_print_type(std::ostream& out, const BigInt& v) { return out << v.to_string(); }
inline std::ostream& boost_test_print_type(std::ostream& out, const Fraction& v) { return out << v.to_string(); }
}  // namespace budget
