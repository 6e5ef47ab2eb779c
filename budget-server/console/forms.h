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
// Percent-encodes a query value.
std::string url_encode(std::string_view s);

}  // namespace server::console
