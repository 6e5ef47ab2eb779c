// The sscanf the app's Dear ImGui is built with: integer conversions only, so the app does not carry
// libc's floating-point scanner (and its long double arithmetic), which it never needs.
#pragma once

extern "C" {
// As C's sscanf for the conversions d, i, u, o, x, X, c and n (with *, a width and the length
// modifiers hh, h, l and ll), literal characters and white space. A value that does not fit its
// type, a negative value for an unsigned conversion, and any other conversion (f, s, [ ...) are a
// matching failure: nothing more is assigned. Returns the number of values assigned, or -1 (EOF)
// when the input ends before any value is assigned.
int budget_imgui_sscanf(const char* input, const char* format, ...);
}
