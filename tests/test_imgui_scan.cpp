// imgui_scan: the app's integer-only sscanf for ImGui agrees with C's sscanf on what ImGui asks of it,
// and refuses what it does not read (floats, values that do not fit) instead of guessing.
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <random>
#include <string>

#include "imgui_support/integer_scan.h"

BOOST_AUTO_TEST_SUITE(imgui_scan)

BOOST_AUTO_TEST_CASE(reads_what_imgui_writes) {
    int major = 0, minor = 0;
    BOOST_TEST(budget_imgui_sscanf("3.0 OpenGL ES (WebGL 2.0)", "%d.%d", &major, &minor) == 2);
    BOOST_TEST(major == 3);
    BOOST_TEST(minor == 0);
    int glsl = 130;
    BOOST_TEST(budget_imgui_sscanf("#version 300 es\n", "#version %d", &glsl) == 1);
    BOOST_TEST(glsl == 300);
    int x = 0, y = 0;
    BOOST_TEST(budget_imgui_sscanf("Pos=60,-20", "Pos=%i,%i", &x, &y) == 2);
    BOOST_TEST(x == 60);
    BOOST_TEST(y == -20);
    unsigned id = 0;
    int columns = 0;
    BOOST_TEST(budget_imgui_sscanf("0xC0FFEE01,4", "0x%08X,%d", &id, &columns) == 2);
    BOOST_TEST(id == 0xC0FFEE01u);
    BOOST_TEST(columns == 4);
    int n = 0, used = 0;
    char c = 0;
    BOOST_TEST(budget_imgui_sscanf("Sort=1v Next", "Sort=%d%c%n", &n, &c, &used) == 2);
    BOOST_TEST(n == 1);
    BOOST_TEST(c == 'v');
    BOOST_TEST(used == 7);
    long long big = 0;
    BOOST_TEST(budget_imgui_sscanf("  -9223372036854775808", "%lld", &big) == 1);
    BOOST_TEST(big == LLONG_MIN);
    unsigned long long ubig = 0;
    BOOST_TEST(budget_imgui_sscanf("18446744073709551615", "%llu", &ubig) == 1);
    BOOST_TEST(ubig == ULLONG_MAX);
}

BOOST_AUTO_TEST_CASE(end_of_input_and_mismatch) {
    int v = 7;
    BOOST_TEST(budget_imgui_sscanf("", "%d", &v) == -1);
    BOOST_TEST(budget_imgui_sscanf("   ", "%d", &v) == -1);
    BOOST_TEST(budget_imgui_sscanf("abc", "%d", &v) == 0);
    BOOST_TEST(budget_imgui_sscanf("Size=", "Pos=%d", &v) == 0);
    BOOST_TEST(v == 7);
    int a = 0, b = 0;
    BOOST_TEST(budget_imgui_sscanf("12", "%d,%d", &a, &b) == 1);
    BOOST_TEST(a == 12);
    BOOST_TEST(budget_imgui_sscanf("100%", "%d%%", &a) == 1);
}

BOOST_AUTO_TEST_CASE(never_wraps_a_value) {
    int v = 7;
    unsigned u = 7;
    signed char small = 7;
    BOOST_TEST(budget_imgui_sscanf("2147483648", "%d", &v) == 0);  // INT_MAX + 1
    BOOST_TEST(budget_imgui_sscanf("99999999999999999999999", "%d", &v) == 0);
    BOOST_TEST(budget_imgui_sscanf("-1", "%u", &u) == 0);
    BOOST_TEST(budget_imgui_sscanf("4294967296", "%u", &u) == 0);
    BOOST_TEST(budget_imgui_sscanf("128", "%hhd", &small) == 0);
    BOOST_TEST(v == 7);
    BOOST_TEST(u == 7u);
    BOOST_TEST(small == 7);
    BOOST_TEST(budget_imgui_sscanf("-2147483648", "%d", &v) == 1);
    BOOST_TEST(v == INT_MIN);
    BOOST_TEST(budget_imgui_sscanf("-0", "%u", &u) == 1);
    BOOST_TEST(u == 0u);
}

BOOST_AUTO_TEST_CASE(refuses_conversions_it_does_not_read) {
    float f = 1.5f;
    int v = 7;
    char word[8] = "keep";
    BOOST_TEST(budget_imgui_sscanf("2.5", "%f", &f) == 0);
    BOOST_TEST(f == 1.5f);
    BOOST_TEST(budget_imgui_sscanf("4 word", "%d %s", &v, word) == 1);
    BOOST_TEST(v == 4);
    BOOST_TEST(std::string(word) == "keep");
}

// Random inputs and the formats ImGui uses, against the C library's own sscanf.
BOOST_AUTO_TEST_CASE(agrees_with_the_c_library) {
    const char* formats[] = {"%d", "%i", "%u", "%x", "%X", "%o", "%d.%d", "Pos=%i,%i", "0x%08X,%d", "Column %d%n", "Sort=%d%c%n",
                             "%02X%02X%02X", "#version %d", "%*d %d", "%3d%d"};
    const std::string alphabet = "0123456789abcdefxX+-., =PosColumnSrt#v";
    std::mt19937 rng(11);
    int skipped = 0;
    const int rounds = 20000;
    for (int round = 0; round < rounds; ++round) {
        const char* format = formats[rng() % (sizeof formats / sizeof *formats)];
        std::string input;
        if (rng() % 2) input = format;  // a likely match: the format with its conversions replaced
        std::string text;
        for (std::size_t i = 0; i < input.size(); ++i) {
            if (input[i] == '%' && i + 1 < input.size()) {
                while (i + 1 < input.size() && std::string("*0123456789").find(input[i + 1]) != std::string::npos) ++i;
                ++i;
                if (input[i] == 'n') continue;
                if (input[i] == 'c') {
                    text += "v^ 7"[rng() % 4];
                    continue;
                }
                const int len = 1 + static_cast<int>(rng() % 6);  // fits an int, so C's value is exact
                if (rng() % 3 == 0) text += '-';
                for (int k = 0; k < len; ++k) text += "0123456789abcdef"[rng() % (std::string("xXi").find(input[i]) != std::string::npos ? 16 : 10)];
            } else {
                text += input[i];
            }
        }
        if (text.empty())
            for (std::size_t k = rng() % 12; k > 0; --k) text += alphabet[rng() % alphabet.size()];
        unsigned ours[3] = {0, 0, 0}, theirs[3] = {0, 0, 0};
        const int got = budget_imgui_sscanf(text.c_str(), format, &ours[0], &ours[1], &ours[2]);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"  // the formats are the fixed list above
        const int want = std::sscanf(text.c_str(), format, &theirs[0], &theirs[1], &theirs[2]);
#pragma GCC diagnostic pop
        // Where C wraps a value (a negative number for %u, %x or %o; 8 or more digits may not fit),
        // the scanner stops instead.
        std::size_t run = 0, longest = 0;
        for (char ch : text) longest = std::max(longest, run = std::isxdigit(static_cast<unsigned char>(ch)) ? run + 1 : 0);
        const bool may_wrap = longest >= 8 ||
                              (text.find('-') != std::string::npos && std::string(format).find_first_of("uxXo") != std::string::npos);
        const bool same = got == want && ours[0] == theirs[0] && ours[1] == theirs[1] && ours[2] == theirs[2];
        if (!same && may_wrap && got <= want) {
            ++skipped;
            continue;
        }
        BOOST_TEST_CONTEXT("format " << format << ", input \"" << text << "\"") {
            BOOST_TEST(got == want);
            for (int k = 0; k < 3; ++k) BOOST_TEST(ours[k] == theirs[k]);
        }
    }
    BOOST_TEST(skipped < rounds / 10);  // nearly every round is compared
}

BOOST_AUTO_TEST_SUITE_END()
