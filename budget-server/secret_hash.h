// What the database holds for a secret it must recognise but never keep (an officer's session id, an
// API token): BLAKE2b-256 as hex. Used by the console's sign-in and the API's token check alike.
#pragma once
#include <string>
#include <string_view>

namespace server {

std::string session_hash(std::string_view secret);

}  // namespace server
