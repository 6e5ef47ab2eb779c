// Dark modules are drawn as horizontal runs, so a code is a few hundred path commands, not thousands.
#include "qr_svg.h"

#include <qrencode.h>

#include <memory>

#include "http_rules.h"

namespace server {

std::optional<QrPath> qr_path(const std::string& text) {
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code) return std::nullopt;
    const int width = code->width, quiet = 4;
    QrPath out;
    out.size = width + 2 * quiet;
    std::string& path = out.d;
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width;) {
            if ((code->data[y * width + x] & 1) == 0) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < width && (code->data[y * width + x + run] & 1)) ++run;
            path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h" + std::to_string(run) + "v1h-" +
                    std::to_string(run) + "z";
            x += run;
        }
    }
    return out;
}

std::optional<std::string> qr_svg(const std::string& text, const std::string& label) {
    const auto qr = qr_path(text);
    if (!qr) return std::nullopt;
    const std::string n = std::to_string(qr->size), path = qr->d;
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n +
           "\" shape-rendering=\"crispEdges\" role=\"img\" aria-labelledby=\"qr-title\"><title id=\"qr-title\">" +
           escape_markup(label) + "</title><rect width=\"" + n + "\" height=\"" + n + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" +
           path + "\"/></svg>\n";
}

std::string join_link(const std::string& public_url, const std::string& host, const std::string& id) {
    std::string base = public_url;
    if (base.empty()) {
        const bool plain = !host.empty() && host.size() <= 255 && host.find_first_not_of(
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == std::string::npos;
        if (!plain) return "";
        base = "http://" + host;
    }
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/?budget=" + id;
}

}  // namespace server
