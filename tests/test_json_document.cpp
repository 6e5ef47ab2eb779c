// Bounded JSON parsing: limits, syntax errors with locations, and value locations by pointer.
#include <boost/test/unit_test.hpp>

#include "json_document.h"

using namespace budget;

namespace {
// "line:column", so locations print in failure messages.
std::string at(const JsonDocument& doc, const std::string& pointer) {
    const auto [line, column] = doc.locate(pointer);
    return std::to_string(line) + ":" + std::to_string(column);
}
std::string first_problem(const std::string& text, JsonLimits limits = {}) {
    JsonDocument doc;
    Problems problems;
    if (parse_json(text, limits, doc, problems)) return "parsed";
    return format_problem(problems.front(), "f.json");
}
}  // namespace

BOOST_AUTO_TEST_SUITE(json_document)

BOOST_AUTO_TEST_CASE(syntax_error_has_line_and_column) {
    BOOST_TEST(first_problem("{\n  \"a\": tru\n}") ==
               "f.json:2:11: /: syntax error while parsing value - invalid literal; last read: '\"a\": tru<U+000A>' [json.syntax]");
    BOOST_TEST(first_problem("{\"a\": 1,}") ==
               "f.json:1:9: /: syntax error while parsing object key - unexpected '}'; expected string literal [json.syntax]");
    BOOST_TEST(first_problem("") == "f.json:1:1: /: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal [json.syntax]");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_a_syntax_error) {
    BOOST_TEST(first_problem("{\"a\": \"\xff\"}").find("[json.syntax]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(limits_are_enforced_with_clear_errors) {
    JsonLimits l;
    l.max_bytes = 10;
    BOOST_TEST(first_problem("[1,2,3,4,5,6]", l) == "f.json:1:1: /: document is 13 bytes; the limit is 10 [json.too_large]");
    l = JsonLimits{};
    l.max_depth = 3;
    BOOST_TEST(first_problem("[[[[1]]]]", l) == "f.json:1:4: /: nesting deeper than 3 levels [json.too_deep]");
    l = JsonLimits{};
    l.max_values = 3;
    BOOST_TEST(first_problem("[1,2,3,4]", l) == "f.json:1:7: /: more than 3 values [json.too_many_values]");
    l = JsonLimits{};
    l.max_string_bytes = 4;
    BOOST_TEST(first_problem("[\"abcdefgh\"]", l) == "f.json:1:2: /: string longer than 4 bytes [json.string_too_long]");
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_an_error_at_the_repeat) {
    BOOST_TEST(first_problem("{\"a\": 1, \"a\": 2}") ==
               "f.json:1:15: /a: the key is repeated in its object; first at line 1, column 7 [json.duplicate_key]");
    BOOST_TEST(first_problem("{\"x\": [0, {\"b\": {}, \n \"b\": []}]}") ==
               "f.json:2:7: /x/1/b: the key is repeated in its object; first at line 1, column 17 [json.duplicate_key]");
    // The same key spelt with an escape is the same key.
    BOOST_TEST(first_problem("{\"ab\": 1, \"a\\u0062\": 2}").find("/ab: the key is repeated") != std::string::npos);
    BOOST_TEST(first_problem("{\"a\": {\"k\": 1}, \"b\": {\"k\": 1}}") == "parsed");
}

BOOST_AUTO_TEST_CASE(deep_nesting_never_recurses) {
    const std::string deep(1'000'000, '[');
    BOOST_TEST(first_problem(deep) == "f.json:1:33: /: nesting deeper than 32 levels [json.too_deep]");
}

BOOST_AUTO_TEST_CASE(locates_values_by_pointer) {
    const std::string text = "{\n  \"a\": [10, {\"b~/c\": \"x\"}],\n  \"d\": {\"e\\u0041\": true}\n}";
    JsonDocument doc;
    Problems problems;
    BOOST_REQUIRE(parse_json(text, {}, doc, problems));
    BOOST_TEST(at(doc, "") == "1:1");
    BOOST_TEST(at(doc, "/a") == "2:8");
    BOOST_TEST(at(doc, "/a/0") == "2:9");
    BOOST_TEST(at(doc, "/a/1") == "2:13");
    BOOST_TEST(at(doc, "/a/1/b~0~1c") == "2:22");
    BOOST_TEST(at(doc, "/d/eA") == "3:20");
    // A missing member is placed at its nearest existing parent.
    BOOST_TEST(at(doc, "/d/missing") == "3:8");
}

BOOST_AUTO_TEST_CASE(columns_count_characters_not_bytes) {
    JsonDocument doc;
    Problems problems;
    BOOST_REQUIRE(parse_json("{\"\xC5\xB5\xC5\xB7\": 1, \"x\": 2}", {}, doc, problems));  // {"ŵŷ": 1, "x": 2}
    BOOST_TEST(at(doc, "/x") == "1:16");
}

BOOST_AUTO_TEST_CASE(pointer_tokens_escape) { BOOST_TEST(pointer_token("a/b~c") == "a~1b~0c"); }

BOOST_AUTO_TEST_SUITE_END()
