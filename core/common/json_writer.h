// Writes compact JSON without a DOM: used where the browser build must not carry a JSON library.
// Strings are written as nlohmann/json's dump() writes them (UTF-8 kept, invalid bytes replaced
// by U+FFFD), so documents are byte-identical to the server's.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace budget {

class JsonWriter {
public:
    JsonWriter& begin_object() { return open('{'); }
    JsonWriter& end_object() { return close('}'); }
    JsonWriter& begin_array() { return open('['); }
    JsonWriter& end_array() { return close(']'); }
    JsonWriter& key(std::string_view k);  // the next value belongs to this key
    JsonWriter& string(std::string_view s);
    JsonWriter& integer(std::int64_t v);
    JsonWriter& boolean(bool v);
    JsonWriter& null() { return raw("null"); }
    JsonWriter& number(double v, int decimals);  // fixed decimals; non-finite values as null
    std::string& text() { return out_; }

private:
    void before_value();
    JsonWriter& open(char bracket);
    JsonWriter& close(char bracket);
    JsonWriter& raw(std::string_view text);  // a value written as it is
    std::string out_;
    std::string first_;  // per open container: 1 while nothing is written in it yet
    bool after_key_ = false;
};

// `s` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view s);

// A written JSON object (not empty) with one more string member at its end: "key": "value".
std::string with_string_member(std::string object_json, std::string_view key, std::string_view value);

}  // namespace budget
