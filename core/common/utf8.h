// Well-formed UTF-8 (Unicode Table 3-7), shared by the fast submission reader and the JSON writer.
#pragma once
#include <string_view>

namespace budget {

// The length of the well-formed UTF-8 sequence that starts s[i]; or, when it is ill-formed, minus
// the length of its longest valid prefix (at least 1), which is what a replacement character stands for.
inline int utf8_sequence(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned lead = byte(i);
    int length = 0;
    unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
    if (lead >= 0xC2 && lead <= 0xDF) length = 2;
    else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) lo = 0xA0;
        if (lead == 0xED) hi = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) lo = 0x90;
        if (lead == 0xF4) hi = 0x8F;
    } else {
        return -1;
    }
    for (int k = 1; k < length; ++k) {
        const std::size_t at = i + static_cast<std::size_t>(k);
        if (at >= s.size()) return -k;
        const unsigned b = byte(at);
        if (b < (k == 1 ? lo : 0x80u) || b > (k == 1 ? hi : 0xBFu)) return -k;
    }
    return length;
}

}  // namespace budget
