// Hashes of stored secrets with libsodium (see secret_hash.h).
#include "secret_hash.h"

#include <sodium.h>

namespace server {

std::string hex(const unsigned char* bytes, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, n);
    out.pop_back();
    return out;
}

std::string keyed_hash(std::string_view text, const unsigned char* key, std::size_t key_size) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(), key, key_size);
    return hex(digest, sizeof digest);
}

std::string session_hash(std::string_view secret) { return keyed_hash(secret, nullptr, 0); }

}  // namespace server
