// Bounded JSON parsing (size, depth, count, string-length limits) that remembers where each value
// stands in the text, so problems can be reported as LINE:COLUMN with a JSON pointer.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "problem.h"

namespace budget {

struct JsonLimits {
    std::size_t max_bytes = 4 * 1024 * 1024;
    int max_depth = 32;
    std::size_t max_values = 200'000;
    std::size_t max_string_bytes = 16 * 1024;
};

class JsonDocument {
public:
    JsonDocument() = default;
    JsonDocument(std::string text, nlohmann::json root);

    const nlohmann::json& root() const { return root_; }

    // A problem at `pointer`, located at that value (or its nearest existing ancestor).
    Problem problem(std::string code, std::string pointer, std::string message) const;
    std::pair<int, int> locate(const std::string& pointer) const;

private:
    void index_offsets() const;
    std::string text_;
    nlohmann::json root_;
    mutable std::unordered_map<std::string, std::size_t> offsets_;  // built on first locate()
    mutable bool indexed_ = false;
};

// Line and column (1-based, columns in characters) of a byte offset.
std::pair<int, int> line_column(std::string_view text, std::size_t offset);

// Escapes one reference token for a JSON pointer ("~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

// Parses `text` within `limits`. On failure the problems say why (json.too_large, json.too_deep,
// json.too_many_values, json.string_too_long, json.syntax) and the document is empty.
bool parse_json(std::string text, const JsonLimits& limits, JsonDocument& out, Problems& problems);

}  // namespace budget
