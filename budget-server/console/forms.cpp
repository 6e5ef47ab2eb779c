// Form, query and cookie parsing for the console.
#include "forms.h"

#include "utf8.h"

namespace server::console {

namespace {
int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const int n = budget::utf8_sequence(s, i);
        if (n < 0) return false;
        i += static_cast<std::size_t>(n);
    }
    return true;
}

namespace {
std::optional<std::string> decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') out += ' ';
        else if (s[i] == '%') {
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else out += s[i];
    }
    if (!valid_utf8(out)) return std::nullopt;
    return out;
}
}  // namespace

std::optional<std::map<std::string, std::string>> parse_form(std::string_view text) {
    std::map<std::string, std::string> out;
    while (!text.empty()) {
        const auto amp = text.find('&');
        const std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        if (pair.empty()) continue;
        const auto eq = pair.find('=');
        auto name = decode(pair.substr(0, eq));
        auto value = decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (!name || !value) return std::nullopt;
        out.emplace(std::move(*name), std::move(*value));
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> parse_form_all(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!text.empty()) {
        const auto amp = text.find('&');
        const std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view() : text.substr(amp + 1);
        const auto eq = pair.find('=');
        auto name = decode(pair.substr(0, eq));
        auto value = decode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
        if (name && value) out.emplace_back(std::move(*name), std::move(*value));
    }
    return out;
}

std::string cookie_value(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto semi = header.find(';');
        std::string_view item = header.substr(0, semi);
        header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        const auto eq = item.find('=');
        if (eq != std::string_view::npos && item.substr(0, eq) == name) return std::string(item.substr(eq + 1));
    }
    return "";
}

std::string safe_back(std::string_view back) {
    if (back.rfind("/console/", 0) != 0 || back.size() > 512) return "/console/";
    for (char c : back)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '\\' || c == 0x7F || c == '"' || c == '<' || c == '>') return "/console/";
    if (back.find("//") != std::string_view::npos || back.find("/..") != std::string_view::npos) return "/console/";
    return std::string(back);
}

std::string url_encode(std::string_view s) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~')
            out += static_cast<char>(c);
        else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

namespace {

// A parameter of a header value: `name="value"` or `name=value` (quoted-string escapes kept simple).
std::optional<std::string> header_parameter(std::string_view header, std::string_view name) {
    const std::string lowered = lower_ascii(header);
    std::size_t at = 0;
    for (;;) {
        at = lowered.find(std::string(name) + "=", at);
        if (at == std::string::npos) return std::nullopt;
        const bool starts = at == 0 || lowered[at - 1] == ';' || lowered[at - 1] == ' ' || lowered[at - 1] == '\t';
        at += name.size() + 1;
        if (starts) break;
    }
    std::string value;
    if (at < header.size() && header[at] == '"') {
        for (++at; at < header.size() && header[at] != '"'; ++at) {
            if (header[at] == '\\' && at + 1 < header.size()) ++at;
            value += header[at];
        }
        if (at >= header.size()) return std::nullopt;
    } else {
        for (; at < header.size() && header[at] != ';' && header[at] != ' '; ++at) value += header[at];
    }
    return value;
}
}  // namespace

std::string multipart_boundary(std::string_view content_type) {
    if (lower_ascii(content_type.substr(0, 19)) != "multipart/form-data") return "";
    const auto b = header_parameter(content_type, "boundary");
    if (!b || b->empty() || b->size() > 70) return "";
    return *b;
}

std::optional<std::vector<FormPart>> parse_multipart(std::string_view body, std::string_view boundary) {
    if (boundary.empty()) return std::nullopt;
    const std::string delimiter = "--" + std::string(boundary);
    const std::string between = "\r\n" + delimiter;
    if (body.substr(0, delimiter.size()) != delimiter) return std::nullopt;
    std::size_t at = delimiter.size();
    std::vector<FormPart> parts;
    for (;;) {
        if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
        if (body.substr(at, 2) != "\r\n") return std::nullopt;
        at += 2;
        const std::size_t headers_end = body.find("\r\n\r\n", at);
        if (headers_end == std::string_view::npos) return std::nullopt;
        FormPart part;
        bool disposition = false;
        std::string_view headers = body.substr(at, headers_end - at);
        while (!headers.empty()) {
            const std::size_t eol = headers.find("\r\n");
            const std::string_view line = headers.substr(0, eol);
            headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
            const std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) return std::nullopt;
            if (lower_ascii(line.substr(0, colon)) != "content-disposition") continue;
            const std::string_view value = line.substr(colon + 1);
            if (lower_ascii(value).find("form-data") == std::string::npos) return std::nullopt;
            const auto name = header_parameter(value, "name");
            if (!name) return std::nullopt;
            part.name = *name;
            if (const auto filename = header_parameter(value, "filename")) {
                part.is_file = true;
                part.filename = *filename;
            }
            disposition = true;
        }
        if (!disposition) return std::nullopt;
        at = headers_end + 4;
        const std::size_t end = body.find(between, at);
        if (end == std::string_view::npos) return std::nullopt;
        part.data = std::string(body.substr(at, end - at));
        if (!part.is_file && !valid_utf8(part.data)) return std::nullopt;
        if (!valid_utf8(part.name) || !valid_utf8(part.filename)) return std::nullopt;
        parts.push_back(std::move(part));
        if (parts.size() > kMaxFormParts) return std::nullopt;
        at = end + between.size();
    }
}

}  // namespace server::console
