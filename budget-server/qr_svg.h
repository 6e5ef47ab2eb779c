// QR codes as SVG (libqrencode): the link residents use to join, for a projector's tally and for
// printed slips.
#pragma once
#include <optional>
#include <string>

namespace server {

// `text` as a QR code's dark modules: SVG path data (only "Mhvz", digits, spaces and minus signs)
// in a square of `size` modules, quiet zone included; for templates that draw the SVG themselves.
struct QrPath {
    int size = 0;
    std::string d;
};
std::optional<QrPath> qr_path(const std::string& text);

// `text` as a QR code (error correction M, 4-module quiet zone), one path of dark modules on white,
// labelled for screen readers with `label` (escaped here). nullopt when the text is too long to encode.
std::optional<std::string> qr_svg(const std::string& text, const std::string& label);

// The link for `id` on this server: `public_url` when configured, else http:// and the request's Host
// (only when it is a plain host[:port]); "" when neither can be trusted.
std::string join_link(const std::string& public_url, const std::string& host, const std::string& id);

}  // namespace server
