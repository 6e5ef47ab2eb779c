// Reading or making the server's secret, and deriving keys from it (crypto_kdf, BLAKE2b).
#include "server_secret.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace server {

namespace {

std::string reason() { return std::strerror(errno); }

// The whole of a small file; false when it cannot be read.
bool read_small(int fd, std::string& out) {
    char buffer[256];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) return true;
        out.append(buffer, static_cast<std::size_t>(n));
        if (out.size() > 200) return true;  // too long: refused by its size
    }
}

}  // namespace

bool ServerSecret::load(const std::string& data_dir, const std::string& secret_file, std::string& error) {
    const std::string path = secret_file.empty() ? (std::filesystem::path(data_dir) / "secret").string() : secret_file;
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT && secret_file.empty()) {
        // First start: 32 random bytes, readable by this user only, written whole before use.
        fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) {
            error = path + ": cannot make the server's secret: " + reason();
            return false;
        }
        randombytes_buf(master_.data(), master_.size());
        const bool written = ::write(fd, master_.data(), master_.size()) == static_cast<ssize_t>(master_.size()) && ::fsync(fd) == 0;
        ::close(fd);
        if (!written) {
            ::unlink(path.c_str());
            error = path + ": cannot write the server's secret: " + reason();
            return false;
        }
        return true;
    }
    if (fd < 0) {
        error = path + ": cannot read the server's secret: " + reason();
        return false;
    }
    struct stat st {};
    std::string bytes;
    const bool read_ok = ::fstat(fd, &st) == 0 && read_small(fd, bytes);
    ::close(fd);
    if (!read_ok) {
        error = path + ": cannot read the server's secret: " + reason();
        return false;
    }
    if ((st.st_mode & 077) != 0) {
        error = path + ": the server's secret must be readable by its owner only (chmod 600)";
        return false;
    }
    if (bytes.size() == kSecretBytes) {
        std::memcpy(master_.data(), bytes.data(), kSecretBytes);
        return true;
    }
    while (!bytes.empty() && (bytes.back() == '\n' || bytes.back() == '\r')) bytes.pop_back();
    std::size_t decoded = 0;
    if (bytes.size() == kSecretBytes * 2 &&
        sodium_hex2bin(master_.data(), master_.size(), bytes.data(), bytes.size(), nullptr, &decoded, nullptr) == 0 && decoded == kSecretBytes)
        return true;
    error = path + ": the server's secret is 32 bytes, or 64 hexadecimal digits";
    return false;
}

Key ServerSecret::derive(const char (&context)[9], std::uint64_t id) const {
    static_assert(crypto_kdf_CONTEXTBYTES == 8 && crypto_kdf_KEYBYTES == kSecretBytes, "libsodium's kdf sizes");
    Key key{};
    crypto_kdf_derive_from_key(key.data(), key.size(), id, context, master_.data());
    return key;
}

}  // namespace server
