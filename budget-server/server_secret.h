// The server's one secret: 32 random bytes in DATA/secret (made on first start, mode 0600) or a file
// given with --secret-file. Its keys (CSRF tokens, facilitator keys, the sign-in throttle's) are
// derived from it with libsodium's crypto_kdf, so a console form or a projector link survives a restart.
#pragma once
#include <array>
#include <cstdint>
#include <string>

namespace server {

constexpr std::size_t kSecretBytes = 32;
using Key = std::array<unsigned char, 32>;

class ServerSecret {
public:
    // Reads `secret_file` when given (32 bytes, or 64 hex digits and an optional newline); otherwise
    // DATA/secret, made when missing. False with `error` for an unreadable, wrongly sized or
    // group- or world-readable file, or one that cannot be made.
    bool load(const std::string& data_dir, const std::string& secret_file, std::string& error);
    // The key for one use: `context` is 8 characters ("csrf----"), `id` a subkey number.
    Key derive(const char (&context)[9], std::uint64_t id = 1) const;

private:
    std::array<unsigned char, kSecretBytes> master_{};
};

}  // namespace server
