// The JSON writer: valid compact JSON, and strings escaped byte for byte as nlohmann/json does.
#include <boost/test/unit_test.hpp>

#include <limits>

#include <nlohmann/json.hpp>

#include "json_writer.h"
#include "sample.h"

using namespace budget;

namespace {
std::string nlohmann_dump(const std::string& s) {
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
std::string written(const std::string& s) {
    std::string out;
    append_json_string(out, s);
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(json_writer)

BOOST_AUTO_TEST_CASE(writes_nested_compact_json) {
    JsonWriter w;
    w.begin_object().key("a").integer(-3).key("b").begin_array().string("x").boolean(true).number(1.25, 2).end_array();
    w.key("c").begin_object().end_object().key("d").begin_array().end_array().key("e").number(std::numeric_limits<double>::infinity(), 1);
    w.end_object();
    BOOST_TEST(w.text() == R"({"a":-3,"b":["x",true,1.25],"c":{},"d":[],"e":null})");
    BOOST_TEST(nlohmann::json::accept(w.text()));
}

BOOST_AUTO_TEST_CASE(escapes_like_nlohmann) {
    for (const std::string& s : {std::string("plain"), std::string("quote \" and \\ slash /"), std::string("\b\f\n\r\t\x01\x1f\x7f"),
                                std::string("£5 – “Cymraeg” ŵ ŷ ẁ 😀"), std::string("\0", 1)})
        BOOST_TEST(written(s) == nlohmann_dump(s));
    // Ill-formed UTF-8: each longest valid prefix becomes one U+FFFD.
    BOOST_TEST(written("a\x80z") == "\"a\xEF\xBF\xBDz\"");
    BOOST_TEST(written("\xE2\x82") == "\"\xEF\xBF\xBD\"");                       // cut short at the end
    BOOST_TEST(written("\xE0\x80\x80") == "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong
    BOOST_TEST(written("\xED\xA0\x80") == nlohmann_dump("\xED\xA0\x80"));        // a surrogate
    BOOST_TEST(written("\xF4\x90\x80\x80") == nlohmann_dump("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

BOOST_AUTO_TEST_CASE(agrees_with_nlohmann_on_random_bytes) {
    Rng rng(5);
    const unsigned char interesting[] = {0x00, 0x1f, 0x22, 0x5c, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0,
                                         0xa0, 0xed, 0x9f, 0xef, 0xf0, 0x90, 0xf4, 0x8f, 0xf5, 0xff};
    for (int i = 0; i < 20000; ++i) {
        std::string s;
        const auto n = rng.below(12);
        for (std::uint64_t k = 0; k < n; ++k)
            s += static_cast<char>(rng.chance(70) ? interesting[rng.below(sizeof interesting)] : rng.below(256));
        BOOST_TEST_REQUIRE(written(s) == nlohmann_dump(s), "bytes #" << i);
    }
}

BOOST_AUTO_TEST_SUITE_END()
