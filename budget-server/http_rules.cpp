// HTTP rules: framing, negotiation, validators, dates, log escaping, security policy.
#include "http_rules.h"

#include <arpa/inet.h>
#include <brotli/encode.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace server {

namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool blank(char c) { return c == ' ' || c == '\t'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && blank(s.back())) s.remove_suffix(1);
    return s;
}

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

// Calls f(item) for each comma-separated item, trimmed; empty items are skipped.
template <class F>
void each_item(std::string_view list, F f) {
    while (!list.empty()) {
        const auto comma = list.find(',');
        const std::string_view item = trim(list.substr(0, comma));
        if (!item.empty()) f(item);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
}

// q=0, q=0.0, q=0.00, q=0.000 refuse; any other weight accepts.
bool weight_is_zero(std::string_view params) {
    while (!params.empty()) {
        const auto semi = params.find(';');
        std::string_view p = trim(params.substr(0, semi));
        if (p.size() >= 2 && lower(p[0]) == 'q' && p[1] == '=') {
            p.remove_prefix(2);
            if (p.empty() || p[0] != '0') return false;
            for (std::size_t i = 1; i < p.size(); ++i)
                if (p[i] != '0' && !(i == 1 && p[i] == '.')) return false;
            return true;
        }
        if (semi == std::string_view::npos) break;
        params.remove_prefix(semi + 1);
    }
    return false;
}

constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

bool transfer_encoding_acceptable(const std::vector<std::string_view>& values) {
    if (values.empty()) return true;
    return values.size() == 1 && iequals(trim(values.front()), "chunked");
}

bool accepts_encoding(std::string_view accept_encoding, std::string_view coding) {
    bool named = false, named_ok = false, star_ok = false;
    each_item(accept_encoding, [&](std::string_view item) {
        const auto semi = item.find(';');
        const std::string_view name = trim(item.substr(0, semi));
        const bool ok = semi == std::string_view::npos || !weight_is_zero(item.substr(semi + 1));
        if (iequals(name, coding)) {
            named = true;
            named_ok = ok;
        } else if (name == "*") {
            star_ok = ok;
        }
    });
    return named ? named_ok : star_ok;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    auto opaque = [](std::string_view tag) {
        if (tag.size() >= 2 && tag[0] == 'W' && tag[1] == '/') tag.remove_prefix(2);
        return tag;
    };
    bool match = false;
    each_item(if_none_match, [&](std::string_view item) { match = match || item == "*" || opaque(item) == opaque(etag); });
    return match;
}

std::string http_date(std::int64_t unix_seconds) {
    const std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char out[40];
    std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[static_cast<std::size_t>(tm.tm_wday) % 7],
                  tm.tm_mday, kMonths[static_cast<std::size_t>(tm.tm_mon) % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return out;
}

std::int64_t parse_http_date(std::string_view text) {
    // "Sun, 06 Nov 1994 08:49:37 GMT": exactly 29 characters.
    if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") return -1;
    auto number = [&](std::size_t at, std::size_t length, int& out) {
        out = 0;
        for (std::size_t i = at; i < at + length; ++i) {
            if (text[i] < '0' || text[i] > '9') return false;
            out = out * 10 + (text[i] - '0');
        }
        return true;
    };
    std::tm tm{};
    int month = -1;
    for (std::size_t m = 0; m < kMonths.size(); ++m)
        if (text.substr(8, 3) == kMonths[m]) month = static_cast<int>(m);
    if (month < 0 || text[7] != ' ' || text[11] != ' ' || text[16] != ' ' || text[19] != ':' || text[22] != ':') return -1;
    if (!number(5, 2, tm.tm_mday) || !number(12, 4, tm.tm_year) || !number(17, 2, tm.tm_hour) || !number(20, 2, tm.tm_min) ||
        !number(23, 2, tm.tm_sec))
        return -1;
    if (tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60 || tm.tm_year < 1970) return -1;
    tm.tm_mon = month;
    tm.tm_year -= 1900;
    return static_cast<std::int64_t>(timegm(&tm));
}

std::string log_safe(std::string_view text, std::size_t max_bytes) {
    std::string out;
    const std::size_t shown = text.size() > max_bytes ? max_bytes : text.size();
    out.reserve(shown + 16);
    for (std::size_t i = 0; i < shown; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c >= 0x7F || c == '\\') {
            char escaped[5];
            std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
            out += escaped;
        } else {
            out += static_cast<char>(c);
        }
    }
    if (shown < text.size()) out += "...(" + std::to_string(text.size()) + " bytes)";
    return out;
}

bool valid_frame_ancestors(std::string_view sources) {
    if (trim(sources).empty()) return false;
    for (char c : sources)
        if (c == ';' || c == ',' || static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) return false;
    return true;
}

std::string page_security_policy(std::string_view frame_ancestors) {
    return "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; font-src 'self'; "
           "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors " +
           std::string(frame_ancestors);
}

// Brotli at its best quality (a pack is compressed once, at start); "" if it would not be smaller.
std::string brotli_compressed(const std::string& bytes) {
    std::string out(BrotliEncoderMaxCompressedSize(bytes.size()), '\0');
    std::size_t size = out.size();
    if (out.empty() || !BrotliEncoderCompress(BROTLI_MAX_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, bytes.size(),
                                              reinterpret_cast<const std::uint8_t*>(bytes.data()), &size,
                                              reinterpret_cast<std::uint8_t*>(out.data())) ||
        size >= bytes.size())
        return "";
    out.resize(size);
    return out;
}

std::string escape_markup(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

// An address as 16 bytes (IPv4 as ::ffff:a.b.c.d), or nullopt.
std::optional<std::array<std::uint8_t, 16>> address_bytes(std::string_view text, bool& v4) {
    if (text.empty() || text.size() > 45) return std::nullopt;
    const std::string s(text);
    std::array<std::uint8_t, 16> out{};
    in_addr a4{};
    if (inet_pton(AF_INET, s.c_str(), &a4) == 1) {
        v4 = true;
        out[10] = out[11] = 0xff;
        std::memcpy(out.data() + 12, &a4, 4);
        return out;
    }
    in6_addr a6{};
    if (inet_pton(AF_INET6, s.c_str(), &a6) == 1) {
        v4 = false;
        std::memcpy(out.data(), &a6, 16);
        return out;
    }
    return std::nullopt;
}

bool within(const std::array<std::uint8_t, 16>& a, const AddressBlock& b) {
    int bits = b.bits;
    for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
        const int take = bits >= 8 ? 8 : bits;
        const auto mask = static_cast<std::uint8_t>(0xff << (8 - take));
        if ((a[i] & mask) != (b.bytes[i] & mask)) return false;
    }
    return true;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<AddressBlock> parse_address_block(std::string_view text) {
    const auto slash = text.find('/');
    bool v4 = false;
    const auto bytes = address_bytes(text.substr(0, slash), v4);
    if (!bytes) return std::nullopt;
    AddressBlock b;
    b.bytes = *bytes;
    const int most = v4 ? 32 : 128;
    int bits = most;
    if (slash != std::string_view::npos) {
        const std::string_view n = text.substr(slash + 1);
        if (n.empty() || n.size() > 3 || n.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
        bits = std::stoi(std::string(n));
        if (bits > most) return std::nullopt;
    }
    b.bits = v4 ? bits + 96 : bits;
    return b;
}

bool in_blocks(std::string_view address, const std::vector<AddressBlock>& blocks) {
    bool v4 = false;
    const auto bytes = address_bytes(trimmed(address), v4);
    if (!bytes) return false;
    for (const AddressBlock& b : blocks)
        if (within(*bytes, b)) return true;
    return false;
}

std::string client_address(std::string_view peer, std::string_view forwarded_for, const std::vector<AddressBlock>& trusted) {
    if (trusted.empty() || !in_blocks(peer, trusted)) return std::string(peer);
    std::string_view client = peer;  // the last trusted address walked past
    std::size_t end = forwarded_for.size();
    while (true) {
        const std::size_t comma = forwarded_for.rfind(',', end == 0 ? 0 : end - 1);
        const bool first = comma == std::string_view::npos || end == 0;
        const std::size_t start = first ? 0 : comma + 1;
        const std::string_view hop = trimmed(forwarded_for.substr(start, end - start));
        if (!hop.empty()) {
            bool v4 = false;
            if (!address_bytes(hop, v4)) break;  // not an address: stop believing what is further left
            client = hop;
            if (!in_blocks(hop, trusted)) break;
        }
        if (first) break;
        end = comma;
    }
    return std::string(client);
}

}  // namespace server
