// Compact JSON output, escaping exactly as nlohmann/json's dump(-1, ' ', false, replace) does.
#include "json_writer.h"

#include <cmath>
#include <cstdio>

#include "utf8.h"

namespace budget {

std::string with_string_member(std::string object_json, std::string_view key, std::string_view value) {
    std::string member(",");
    append_json_string(member, key);
    member += ':';
    append_json_string(member, value);
    object_json.insert(object_json.size() - 1, member);
    return object_json;
}

void append_json_string(std::string& out, std::string_view s) {
    static const char kHex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    if (c < 0x20) {
                        out += "\\u00";
                        out += kHex[c >> 4];
                        out += kHex[c & 0xF];
                    } else {
                        out += static_cast<char>(c);
                    }
            }
            ++i;
            continue;
        }
        const int n = utf8_sequence(s, i);
        if (n > 0) {
            out.append(s.data() + i, static_cast<std::size_t>(n));
            i += static_cast<std::size_t>(n);
        } else {
            out += "\xEF\xBF\xBD";  // one replacement for the longest valid prefix, then go on after it
            i += static_cast<std::size_t>(-n);
        }
    }
    out += '"';
}

void JsonWriter::before_value() {
    if (after_key_) {
        after_key_ = false;
        return;
    }
    if (!first_.empty()) {
        if (first_.back() == 0) out_ += ',';
        first_.back() = 0;
    }
}

JsonWriter& JsonWriter::open(char bracket) {
    before_value();
    out_ += bracket;
    first_.push_back(1);
    return *this;
}

JsonWriter& JsonWriter::close(char bracket) {
    out_ += bracket;
    first_.pop_back();
    return *this;
}

JsonWriter& JsonWriter::key(std::string_view k) {
    before_value();
    append_json_string(out_, k);
    out_ += ':';
    after_key_ = true;
    return *this;
}

JsonWriter& JsonWriter::string(std::string_view s) {
    before_value();
    append_json_string(out_, s);
    return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t v) { return raw(std::to_string(v)); }

JsonWriter& JsonWriter::boolean(bool v) { return raw(v ? "true" : "false"); }

JsonWriter& JsonWriter::raw(std::string_view text) {
    before_value();
    out_ += text;
    return *this;
}

JsonWriter& JsonWriter::number(double v, int decimals) {
    if (!std::isfinite(v)) return raw("null");
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return raw(buf);
}

}  // namespace budget
