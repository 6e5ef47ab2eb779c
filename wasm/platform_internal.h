// What the platform's three files share (not for the app, which includes platform_web.h): the
// JavaScript bridge (platform_js.cpp), input (platform_input.cpp) and the frame loop (platform_frame.cpp).
#pragma once
#include <functional>
#include <string>

#include "platform_web.h"

namespace web {

// platform_js.cpp: the page's hooks the other two use.
namespace bridge {
void copy_text(const char* text);
void leave_canvas();
void watch_canvas_size(const std::string& selector);
void next_startup_step(bool on_animation_frame);
void started();
void shadow_gl_state();
void shadow_gl_reset();
}  // namespace bridge

// platform_input.cpp
void install_input(const PlatformConfig& config);  // the canvas's and window's event callbacks
void deliver_buttons();                            // in each frame: presses that have waited theirs
void apply_touch_scroll(double frame_ms);          // before each frame: the finger's or a fling's scroll

// platform_frame.cpp
void size_changed();  // the window or canvas may have changed size: measure again, then draw
void startup_step();

}  // namespace web
