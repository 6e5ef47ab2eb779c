// Base64url encoding and decoding.
#include "share_link.h"

namespace app {

namespace {
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
int value_of(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
}
}  // namespace

std::string base64url_encode(std::string_view bytes) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += kAlphabet[(buffer >> bits) & 63u];
        }
    }
    if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 63u];
    return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int v = value_of(c);
        if (v < 0) return std::nullopt;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFFu);
        }
    }
    return out;
}

std::string short_reference(const std::string& submission_id) {
    std::string hex;
    for (const char c : submission_id.size() > 2 ? submission_id.substr(2) : submission_id) {
        if (hex.size() == 8) break;
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) hex += static_cast<char>(c >= 'a' ? c - 'a' + 'A' : c);
    }
    return hex.size() == 8 ? hex.substr(0, 4) + "-" + hex.substr(4) : hex;
}

}  // namespace app
