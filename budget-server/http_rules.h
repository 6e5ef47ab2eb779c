// Small HTTP rules the server applies, as pure functions so they are unit-tested and fuzzed apart
// from sockets: framing, content negotiation, validators, log lines and the security policy.
#pragma once
#include <cstddef>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace server {

// RFC 9112 §6.3: a request whose Transfer-Encoding is anything but exactly "chunked" (one field,
// any case, optional blanks) is refused with 400 and the connection closed. `values` holds each
// Transfer-Encoding field of the request (none: no body framing by it).
bool transfer_encoding_acceptable(const std::vector<std::string_view>& values);

// True when an Accept-Encoding value accepts `coding` ("br", "gzip"): named, or "*", with q > 0.
bool accepts_encoding(std::string_view accept_encoding, std::string_view coding);

// True when If-None-Match (a list of entity tags, or "*") matches `etag`, weakly (RFC 9110 §13.1.2).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// Text for HTML or XML: & < > " ' as entities.
std::string escape_markup(std::string_view s);

// An HTTP date (RFC 9110 §5.6.7, IMF-fixdate) for seconds since 1970, and back (-1 when not one).
std::string http_date(std::int64_t unix_seconds);
std::int64_t parse_http_date(std::string_view text);

// Text from a request, safe for a log line: at most `max_bytes` of it, with control bytes,
// backslashes and bytes beyond ASCII written as \xNN, and "...(N bytes)" when cut.
std::string log_safe(std::string_view text, std::size_t max_bytes = 200);

// A --frame-ancestors value: sources separated by blanks, none with ; or , or control bytes.
bool valid_frame_ancestors(std::string_view sources);

// Brotli at its best quality; "" if it would not be smaller.
std::string brotli_compressed(const std::string& bytes);

// The Content-Security-Policy of the site's HTML pages: scripts and styles from the site only (no
// inline script or style), WebAssembly compiled from the site's own files, framed by `frame_ancestors`.
std::string page_security_policy(std::string_view frame_ancestors);
// The policy of everything else (JSON, CSV, files): nothing may run or be framed.
constexpr const char* kDataSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

// An address block a proxy in front of the server is in: "10.0.0.0/8", "2001:db8::/32", or one
// address ("127.0.0.1", "::1"). IPv4 is held as IPv4-mapped IPv6.
struct AddressBlock {
    std::array<std::uint8_t, 16> bytes{};
    int bits = 128;
};
// nullopt unless `text` is an address with an optional /N (0-32 for IPv4, 0-128 for IPv6).
std::optional<AddressBlock> parse_address_block(std::string_view text);
// True when `address` (IPv4 or IPv6 text) is within one of `blocks`.
bool in_blocks(std::string_view address, const std::vector<AddressBlock>& blocks);

// The client a request is from. The connection's peer, unless the peer is a trusted proxy: then the
// rightmost X-Forwarded-For hop that is not a trusted proxy (each proxy appends the address it saw,
// so hops further left are the client's word and are not believed). `forwarded_for` is every
// X-Forwarded-For field of the request joined by commas. When every hop is trusted, the leftmost;
// when a hop is not an address, the last trusted address before it (the walk stops there).
std::string client_address(std::string_view peer, std::string_view forwarded_for, const std::vector<AddressBlock>& trusted);

}  // namespace server
