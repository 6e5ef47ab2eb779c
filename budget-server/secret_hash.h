// What the database holds for a secret it must recognise but never keep (an officer's session id, an
// API token): BLAKE2b-256 as hex. Used by the console's sign-in and the API's token check alike.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace server {

std::string session_hash(std::string_view secret);
// BLAKE2b-256 of `text` under `key` (none when key_size is 0), as hex; and bytes as hex.
std::string keyed_hash(std::string_view text, const unsigned char* key, std::size_t key_size);
std::string hex(const unsigned char* bytes, std::size_t n);

}  // namespace server
