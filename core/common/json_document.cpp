// Bounded JSON parsing with value locations.
#include "json_document.h"

#include <algorithm>
#include <vector>

namespace budget {

using nlohmann::json;

std::pair<int, int> line_column(std::string_view text, std::size_t offset) {
    if (offset > text.size()) offset = text.size();
    int line = 1, column = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') { ++line; column = 1; }
        else if ((c & 0xC0) != 0x80) { ++column; }
    }
    return {line, column};
}

std::string pointer_token(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

JsonDocument::JsonDocument(std::string text, json root) : text_(std::move(text)), root_(std::move(root)) {}

Problem JsonDocument::problem(std::string code, std::string pointer, std::string message) const {
    const auto [line, column] = locate(pointer);
    return Problem{std::move(code), std::move(pointer), line, column, std::move(message)};
}

std::pair<int, int> JsonDocument::locate(const std::string& pointer) const {
    if (!indexed_) index_offsets();
    std::string p = pointer;
    for (;;) {
        const auto it = offsets_.find(p);
        if (it != offsets_.end()) return line_column(text_, it->second);
        const auto slash = p.rfind('/');
        if (slash == std::string::npos) return {1, 1};
        p.resize(slash);
    }
}

namespace {

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Offset just past the string that starts at text[pos] == '"'.
std::size_t skip_string(std::string_view text, std::size_t pos) {
    ++pos;
    while (pos < text.size() && text[pos] != '"') pos += (text[pos] == '\\') ? std::size_t{2} : std::size_t{1};
    return pos + 1;
}

std::string decode_key(std::string_view quoted) {
    if (quoted.find('\\') == std::string_view::npos) return std::string(quoted.substr(1, quoted.size() - 2));
    json decoded = json::parse(quoted.begin(), quoted.end(), nullptr, false);
    return decoded.is_string() ? decoded.get<std::string>() : std::string();
}

// Walks text that nlohmann has already accepted (up to where it stopped), calling
// `value(pointer, offset)` for every value in document order; stops when that returns false.
template <class OnValue>
void walk_values(std::string_view t, OnValue value) {
    struct Frame { bool object; std::size_t index; std::size_t pointer_length; };
    std::vector<Frame> stack;
    std::string pointer;
    std::size_t pos = 0;
    auto skip_ws = [&] { while (pos < t.size() && is_ws(t[pos])) ++pos; };
    auto read_key = [&] {  // at '"' of a key; leaves pos at the value
        const std::size_t end = skip_string(t, pos);
        pointer.resize(stack.back().pointer_length);
        pointer += '/' + pointer_token(decode_key(t.substr(pos, std::min(end, t.size()) - pos)));
        pos = end;
        skip_ws();
        ++pos;  // ':'
        skip_ws();
    };
    skip_ws();
    while (pos < t.size()) {
        if (!value(pointer, pos)) return;
        const char c = t[pos];
        bool value_done = true;
        if (c == '{' || c == '[') {
            stack.push_back(Frame{c == '{', 0, pointer.size()});
            ++pos;
            skip_ws();
            if (pos < t.size() && (t[pos] == '}' || t[pos] == ']')) {
                ++pos;
                stack.pop_back();
            } else {
                if (c == '{') read_key();
                else pointer += "/0";
                value_done = false;
            }
        } else if (c == '"') {
            pos = skip_string(t, pos);
        } else {
            while (pos < t.size() && !is_ws(t[pos]) && t[pos] != ',' && t[pos] != '}' && t[pos] != ']') ++pos;
        }
        if (!value_done) continue;
        // After a value: close finished containers, or move to the next member.
        for (;;) {
            skip_ws();
            if (stack.empty() || pos >= t.size()) return;
            if (t[pos] == ',') {
                ++pos;
                skip_ws();
                Frame& top = stack.back();
                if (top.object) {
                    read_key();
                } else {
                    ++top.index;
                    pointer.resize(top.pointer_length);
                    pointer += '/' + std::to_string(top.index);
                }
                break;
            }
            ++pos;  // '}' or ']'
            pointer.resize(stack.back().pointer_length);
            stack.pop_back();
        }
    }
}

}  // namespace

void JsonDocument::index_offsets() const {
    indexed_ = true;
    walk_values(text_, [&](const std::string& pointer, std::size_t offset) {
        offsets_.emplace(pointer, offset);
        return true;
    });
}

namespace {

// Builds the DOM from SAX events; records the first syntax error instead of throwing.
class DomBuilder : public nlohmann::json_sax<json> {
public:
    explicit DomBuilder(const JsonLimits& limits) : limits_(limits) {}
    json root;
    std::size_t error_offset = 0;
    std::string error_message;
    bool failed = false;
    bool over_limit = false;  // a limit was passed; the caller locates it in the text
    bool duplicate_key = false;  // an object repeats a key; the caller locates it in the text

    bool null() override { return put(json(nullptr)); }
    bool boolean(bool v) override { return put(json(v)); }
    bool number_integer(number_integer_t v) override { return put(json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return put(json(v)); }
    bool number_float(number_float_t v, const string_t&) override { return put(json(v)); }
    bool string(string_t& v) override {
        if (v.size() > limits_.max_string_bytes) return limit();
        return put(json(std::move(v)));
    }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override { return open(json::value_t::object); }
    bool key(string_t& k) override {
        if (k.size() > limits_.max_string_bytes) return limit();
        key_ = std::move(k);
        return true;
    }
    bool end_object() override { stack_.pop_back(); return true; }
    bool start_array(std::size_t) override { return open(json::value_t::array); }
    bool end_array() override { stack_.pop_back(); return true; }
    bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& ex) override {
        failed = true;
        error_offset = position > 0 ? position - 1 : 0;
        std::string what = ex.what();
        const auto colon = what.find(": ");  // drop "[json.exception...] parse error at line L, column C"
        error_message = colon == std::string::npos ? what : what.substr(colon + 2);
        return false;
    }

private:
    bool limit() {
        over_limit = true;
        return false;
    }
    bool open(json::value_t type) {
        if (static_cast<int>(stack_.size()) >= limits_.max_depth) return limit();
        if (++values_ > limits_.max_values) return limit();
        json* slot = place(json(type));
        if (!slot) {
            duplicate_key = true;
            return false;
        }
        stack_.push_back(slot);
        return true;
    }
    json* place(json value) {
        if (stack_.empty()) { root = std::move(value); return &root; }
        json* parent = stack_.back();
        if (parent->is_array()) {
            parent->push_back(std::move(value));
            return &parent->back();
        }
        const auto [it, inserted] = parent->emplace(key_, std::move(value));
        if (!inserted) return nullptr;
        return &*it;
    }
    bool put(json value) {
        if (++values_ > limits_.max_values) return limit();
        if (place(std::move(value))) return true;
        duplicate_key = true;
        return false;
    }
    const JsonLimits& limits_;
    std::size_t values_ = 0;
    std::vector<json*> stack_;
    std::string key_;
};

}  // namespace

namespace {

// Finds where `text` first passes a limit, scanning bytes (safe on any input). Only run once the
// parser has reported a limit, so valid documents are scanned once, by the parser.
bool locate_limit(const std::string& text, const JsonLimits& limits, Problems& problems) {
    auto fail = [&](const char* code, std::size_t offset, std::string message) {
        const auto [line, column] = line_column(text, offset);
        problems.push_back(Problem{code, "", line, column, std::move(message)});
        return true;
    };
    int depth = 0;
    std::size_t values = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"') {
            const std::size_t start = i;
            for (++i; i < text.size() && text[i] != '"'; ++i)
                if (text[i] == '\\') ++i;
            if (i - start - 1 > limits.max_string_bytes)
                return fail("json.string_too_long", start, "string longer than " + std::to_string(limits.max_string_bytes) + " bytes");
        } else if (c == '{' || c == '[') {
            if (++depth > limits.max_depth)
                return fail("json.too_deep", i, "nesting deeper than " + std::to_string(limits.max_depth) + " levels");
        } else if (c == '}' || c == ']') {
            --depth;
        } else if (c == ',' && ++values > limits.max_values) {
            return fail("json.too_many_values", i, "more than " + std::to_string(limits.max_values) + " values");
        }
    }
    return false;
}

}  // namespace

bool parse_json(std::string text, const JsonLimits& limits, JsonDocument& out, Problems& problems) {
    if (text.size() > limits.max_bytes) {
        problems.push_back(Problem{"json.too_large", "", 1, 1,
                                   "document is " + std::to_string(text.size()) + " bytes; the limit is " +
                                       std::to_string(limits.max_bytes)});
        return false;
    }
    // nlohmann's SAX parser is iterative, so depth cannot exhaust the stack; the builder counts.
    DomBuilder builder(limits);
    json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json, true);
    if (builder.over_limit) {
        if (!locate_limit(text, limits, problems))
            problems.push_back(Problem{"json.too_many_values", "", 1, 1,
                                       "more than " + std::to_string(limits.max_values) + " values"});
        return false;
    }
    if (builder.duplicate_key) {
        // The text up to the repeat is well formed, so the value walker can find it.
        std::unordered_map<std::string, std::size_t> seen;
        Problem repeat{"json.duplicate_key", "", 1, 1, "duplicate key"};
        walk_values(text, [&](const std::string& pointer, std::size_t offset) {
            if (seen.emplace(pointer, offset).second) return true;
            const auto [line, column] = line_column(text, offset);
            const auto [first_line, first_column] = line_column(text, seen[pointer]);
            repeat = Problem{"json.duplicate_key", pointer, line, column,
                             "the key is repeated in its object; first at line " + std::to_string(first_line) + ", column " +
                                 std::to_string(first_column)};
            return false;
        });
        problems.push_back(std::move(repeat));
        return false;
    }
    if (builder.failed) {
        const auto [line, column] = line_column(text, builder.error_offset);
        problems.push_back(Problem{"json.syntax", "", line, column, builder.error_message});
        return false;
    }
    out = JsonDocument(std::move(text), std::move(builder.root));
    return true;
}

}  // namespace budget
