// Base64url (RFC 4648, no padding) for the share link's compact choices.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace app {

std::string base64url_encode(std::string_view bytes);
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace app
