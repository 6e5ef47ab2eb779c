// Facilitator keys: HMAC-SHA-256 (libsodium) of "consultation\nexpiry", compared in constant time.
#include "facilitator_keys.h"

#include <sodium.h>

namespace server {

namespace {
std::string hex(const unsigned char* bytes, std::size_t n) {
    std::string out(n * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, n);
    out.pop_back();
    return out;
}
}  // namespace

FacilitatorKeys::FacilitatorKeys() { crypto_auth_hmacsha256_keygen(secret_.data()); }

FacilitatorKeys::FacilitatorKeys(const std::array<unsigned char, 32>& key) : secret_(key) {
    static_assert(crypto_auth_hmacsha256_KEYBYTES == 32, "an HMAC-SHA-256 key is 32 bytes");
}

std::string FacilitatorKeys::mac(const std::string& consultation, std::int64_t expires_at) const {
    const std::string message = consultation + "\n" + std::to_string(expires_at);
    unsigned char out[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(out, reinterpret_cast<const unsigned char*>(message.data()), message.size(), secret_.data());
    return hex(out, sizeof out);
}

std::string FacilitatorKeys::issue(const std::string& consultation, std::int64_t expires_at) const {
    char expiry[20];
    std::snprintf(expiry, sizeof expiry, "%llx", static_cast<unsigned long long>(expires_at));
    return std::string(expiry) + "-" + mac(consultation, expires_at);
}

bool FacilitatorKeys::valid(const std::string& consultation, const std::string& key, std::int64_t now) const {
    const auto dash = key.find('-');
    if (dash == std::string::npos || dash == 0 || dash > 15 || key.size() != dash + 1 + 64) return false;
    std::int64_t expires_at = 0;
    for (std::size_t i = 0; i < dash; ++i) {
        const char c = key[i];
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0) return false;
        expires_at = expires_at * 16 + digit;  // at most 15 hex digits: no overflow
    }
    if (now >= expires_at) return false;
    const std::string expected = mac(consultation, expires_at);
    return sodium_memcmp(expected.data(), key.data() + dash + 1, expected.size()) == 0;
}

}  // namespace server
