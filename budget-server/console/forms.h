// Reading what a browser sends the console: query strings and url-encoded forms, cookies, and
// paths safe to send a person back to.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace server::console {

// application/x-www-form-urlencoded (also a query string) into name -> value; the first value of a
// repeated name wins. nullopt when a %-escape is broken or a value is not UTF-8.
std::optional<std::map<std::string, std::string>> parse_form(std::string_view text);
// Every name and value in order, repeated names included (check boxes), skipping broken pairs.
std::vector<std::pair<std::string, std::string>> parse_form_all(std::string_view text);
// A cookie's value from a Cookie header ("" when absent).
std::string cookie_value(std::string_view header, std::string_view name);
// `back` when it is a console path of ours (no scheme, host or odd characters), else "/console/".
std::string safe_back(std::string_view back);
// One part of a multipart/form-data body (RFC 7578): a field, or a file with its name.
struct FormPart {
    std::string name;
    std::string filename;  // set for a file (may be empty when none was chosen)
    bool is_file = false;
    std::string data;
};
constexpr std::size_t kMaxFormParts = 16;
// The boundary from a Content-Type header ("multipart/form-data; boundary=..."), or "".
std::string multipart_boundary(std::string_view content_type);
// The parts of a multipart/form-data body; nullopt when it is malformed, has more than kMaxFormParts
// parts, or a field (not a file) is not UTF-8.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary);
// Whether `s` is well-formed UTF-8.
bool valid_utf8(std::string_view s);
// ASCII letters lower-cased (header names, file extensions).
std::string lower_ascii(std::string_view s);
// Percent-encodes a query value.
std::string url_encode(std::string_view s);

}  // namespace server::console
