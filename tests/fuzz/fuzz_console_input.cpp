// Fuzzes what a browser sends the officer console: url-encoded forms, cookies, return paths (never
// anything but a console path), and UTC times (each accepted one round-trips exactly).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "forms.h"
#include "utc_time.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (const auto form = server::console::parse_form(text))
        for (const auto& [name, value] : *form) (void)server::console::url_encode(name + value);
    (void)server::console::parse_form_all(text);
    if (const auto parts = server::console::parse_multipart(text, "B"))
        if (parts->size() > server::console::kMaxFormParts) __builtin_trap();
    (void)server::console::multipart_boundary(text);
    (void)server::console::cookie_value(text, "console_session");
    const std::string back = server::console::safe_back(text);
    if (back.rfind("/console/", 0) != 0 || back.find("//") != std::string::npos || back.find('\n') != std::string::npos)
        __builtin_trap();
    if (const auto t = budget::parse_utc(text)) {
        const auto again = budget::parse_utc(budget::format_utc(*t));
        if (!again || *again != *t) __builtin_trap();
    }
    return 0;
}
