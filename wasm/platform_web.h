// The browser platform layer: WebGL2 context, input bound to the canvas only, hi-DPI, and a frame
// loop that draws only when something changed. Every Emscripten call lives in the web files.
#pragma once
#include <functional>
#include <string>

namespace web {

struct PlatformConfig {
    std::string canvas = "#canvas";
    std::function<void()> frame;  // builds one ImGui frame (between NewFrame and Render)
    std::function<void(float device_pixel_ratio)> rebuild_fonts;
};

// Creates the WebGL2 context and ImGui's renderer, binds input. False when WebGL2 is missing.
bool platform_start(const PlatformConfig& config);
// Asks for frames to be drawn (a few, so ImGui can settle), e.g. after state changes.
void request_redraw();
// Frames actually drawn since start (the test hook reads this to check idle costs nothing).
unsigned long frames_drawn();

}  // namespace web
