// Hashes of stored secrets with libsodium (see secret_hash.h).
#include "secret_hash.h"

#include <sodium.h>

namespace server {

std::string session_hash(std::string_view secret) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), nullptr, 0);
    std::string out(sizeof digest * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), digest, sizeof digest);
    out.pop_back();
    return out;
}

}  // namespace server
