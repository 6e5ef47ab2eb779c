// hash_voter_code: BLAKE2b-256 of "consultation\ncode", so a code is tied to its consultation.
#include "voter_codes.h"

#include <sodium.h>

namespace storage {

std::string hash_voter_code(const std::string& consultation, const std::string& code) {
    const std::string message = consultation + "\n" + code;
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(message.data()), message.size(), nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex, 64);
}

}  // namespace storage
