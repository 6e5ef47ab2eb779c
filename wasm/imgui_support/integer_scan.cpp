// An integer-only sscanf for the app's Dear ImGui (integer_scan.h says what it accepts).
#include "integer_scan.h"

#include <climits>
#include <cstdarg>
#include <cstddef>
#include <cstdint>

namespace {

bool is_space(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

enum class Length { Char, Short, Int, Long, LongLong };

// Reads at most `width` characters of an integer in `base` (0: C's prefixes decide). False when no
// digit is read or the magnitude overflows unsigned long long.
bool read_integer(const char*& at, std::size_t width, int base, bool& negative, unsigned long long& magnitude) {
    const char* p = at;
    std::size_t left = width;
    negative = false;
    if (left > 0 && (*p == '+' || *p == '-')) {
        negative = *p == '-';
        ++p;
        --left;
    }
    const bool zero_x = left >= 3 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16;
    if (base == 0) base = zero_x ? 16 : (left > 0 && *p == '0') ? 8 : 10;
    if (base == 16 && zero_x) {
        p += 2;
        left -= 2;
    }
    magnitude = 0;
    std::size_t digits = 0;
    const unsigned long long limit = ULLONG_MAX / static_cast<unsigned>(base);
    for (; left > 0 && digit_value(*p) < base; ++p, --left, ++digits) {
        const auto d = static_cast<unsigned>(digit_value(*p));
        if (magnitude > limit || magnitude * static_cast<unsigned>(base) > ULLONG_MAX - d) return false;
        magnitude = magnitude * static_cast<unsigned>(base) + d;
    }
    if (digits == 0) return false;
    at = p;
    return true;
}

// Stores the value through the next argument, as the conversion's type; false when it does not fit.
bool store(std::va_list& args, Length length, bool is_signed, bool negative, unsigned long long magnitude) {
    if (!is_signed && negative && magnitude != 0) return false;
    if (is_signed) {
        long long min = LLONG_MIN, max = LLONG_MAX;
        if (length == Length::Char) min = SCHAR_MIN, max = SCHAR_MAX;
        if (length == Length::Short) min = SHRT_MIN, max = SHRT_MAX;
        if (length == Length::Int) min = INT_MIN, max = INT_MAX;
        if (length == Length::Long) min = LONG_MIN, max = LONG_MAX;
        const unsigned long long reach = negative ? 0ULL - static_cast<unsigned long long>(min) : static_cast<unsigned long long>(max);
        if (magnitude > reach) return false;
        const long long v = negative ? (magnitude == reach ? min : -static_cast<long long>(magnitude)) : static_cast<long long>(magnitude);
        switch (length) {
            case Length::Char: *va_arg(args, signed char*) = static_cast<signed char>(v); break;
            case Length::Short: *va_arg(args, short*) = static_cast<short>(v); break;
            case Length::Int: *va_arg(args, int*) = static_cast<int>(v); break;
            case Length::Long: *va_arg(args, long*) = static_cast<long>(v); break;
            case Length::LongLong: *va_arg(args, long long*) = v; break;
        }
        return true;
    }
    unsigned long long max = ULLONG_MAX;
    if (length == Length::Char) max = UCHAR_MAX;
    if (length == Length::Short) max = USHRT_MAX;
    if (length == Length::Int) max = UINT_MAX;
    if (length == Length::Long) max = ULONG_MAX;
    if (magnitude > max) return false;
    switch (length) {
        case Length::Char: *va_arg(args, unsigned char*) = static_cast<unsigned char>(magnitude); break;
        case Length::Short: *va_arg(args, unsigned short*) = static_cast<unsigned short>(magnitude); break;
        case Length::Int: *va_arg(args, unsigned*) = static_cast<unsigned>(magnitude); break;
        case Length::Long: *va_arg(args, unsigned long*) = static_cast<unsigned long>(magnitude); break;
        case Length::LongLong: *va_arg(args, unsigned long long*) = magnitude; break;
    }
    return true;
}

// The scan itself: the number of values assigned, or -1 when the input ends before any conversion.
int scan(const char* input, const char* format, std::va_list& args) {
    const char* at = input;
    int assigned = 0;
    const auto ended = [&] { return assigned > 0 ? assigned : -1; };  // as C libraries do, even after a %*d
    for (const char* f = format; *f != '\0'; ++f) {
        if (is_space(*f)) {
            while (is_space(*at)) ++at;
            continue;
        }
        if (*f != '%' || f[1] == '%') {
            if (*f == '%') ++f;
            if (*at == '\0') return ended();
            if (*at != *f) return assigned;
            ++at;
            continue;
        }
        ++f;
        const bool suppress = *f == '*';
        if (suppress) ++f;
        std::size_t width = 0;
        for (; *f >= '0' && *f <= '9'; ++f) width = width * 10 + static_cast<std::size_t>(*f - '0');
        Length length = Length::Int;
        if (f[0] == 'h' && f[1] == 'h') length = Length::Char, f += 2;
        else if (f[0] == 'h') length = Length::Short, ++f;
        else if (f[0] == 'l' && f[1] == 'l') length = Length::LongLong, f += 2;
        else if (f[0] == 'l') length = Length::Long, ++f;
        const char conversion = *f;
        if (conversion == 'n') {
            if (!suppress) *va_arg(args, int*) = static_cast<int>(at - input);
            continue;
        }
        if (conversion == 'c') {
            const std::size_t count = width == 0 ? 1 : width;
            for (std::size_t i = 0; i < count; ++i)
                if (at[i] == '\0') return ended();
            if (!suppress) {
                char* out = va_arg(args, char*);
                for (std::size_t i = 0; i < count; ++i) out[i] = at[i];
                ++assigned;
            }
            at += count;
            continue;
        }
        int base = 0;
        if (conversion == 'd' || conversion == 'u') base = 10;
        else if (conversion == 'o') base = 8;
        else if (conversion == 'x' || conversion == 'X') base = 16;
        else if (conversion != 'i') return assigned;  // not an integer conversion: a matching failure
        while (is_space(*at)) ++at;
        if (*at == '\0') return ended();
        bool negative = false;
        unsigned long long magnitude = 0;
        if (!read_integer(at, width == 0 ? SIZE_MAX : width, base, negative, magnitude)) return assigned;
        if (!suppress) {
            if (!store(args, length, conversion == 'd' || conversion == 'i', negative, magnitude)) return assigned;
            ++assigned;
        }
    }
    return assigned;
}

}  // namespace

extern "C" int budget_imgui_sscanf(const char* input, const char* format, ...) {
    std::va_list args;
    va_start(args, format);
    const int result = scan(input, format, args);
    va_end(args);
    return result;
}
