// Facilitator keys: what lets a projector's tally follow results the council keeps private. The
// console gives one to a signed-in officer; the events stream checks it. Nothing is stored: a key is
// its expiry and an HMAC of the consultation and the expiry under a key derived from the server's
// secret (server_secret.h), so a projector's link keeps working across a restart until it expires.
#pragma once
#include <array>
#include <cstdint>
#include <string>

namespace server {

class FacilitatorKeys {
public:
    FacilitatorKeys();  // a fresh random key (libsodium must be started): keys end with the process
    explicit FacilitatorKeys(const std::array<unsigned char, 32>& key);
    // "EXPIRES-MAC": the expiry in hexadecimal seconds, then 64 hex digits.
    std::string issue(const std::string& consultation, std::int64_t expires_at) const;
    // Whether `key` was issued for `consultation` and has not expired at `now`.
    bool valid(const std::string& consultation, const std::string& key, std::int64_t now) const;

private:
    std::string mac(const std::string& consultation, std::int64_t expires_at) const;
    std::array<unsigned char, 32> secret_{};
};

}  // namespace server
