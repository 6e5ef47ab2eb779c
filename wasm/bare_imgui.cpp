// The baseline for size and start-up: a bare Dear ImGui + WebGL2 program on the same platform
// layer and flags, with ImGui's built-in font. Measured beside the app by tests/node/bench_web.mjs.
#include <emscripten.h>

#include "imgui.h"
#include "platform_web.h"

extern "C" EMSCRIPTEN_KEEPALIVE int bare_start() {
    web::PlatformConfig config;
    config.frame = [] {
        // A fixed size, so the window is drawn on the first frame as the app's screens are (ImGui hides
        // an auto-sized window for its first frame, which would leave the baseline's start-up frames
        // without the first real draw, and its GPU work, that the app's include).
        ImGui::SetNextWindowPos(ImVec2(10, 10));
        ImGui::SetNextWindowSize(ImVec2(320, 110));
        ImGui::Begin("Hello");
        ImGui::TextUnformatted("A bare ImGui program.");
        ImGui::Button("Button");
        ImGui::End();
    };
    config.rebuild_fonts = [](float, float) {  // ImGui's built-in bitmap font, at one size for every ratio
        ImFontAtlas& fonts = *ImGui::GetIO().Fonts;
        if (fonts.ConfigData.empty()) fonts.AddFontDefault();
    };
    return web::platform_start(config) ? 0 : 2;
}

extern "C" EMSCRIPTEN_KEEPALIVE unsigned long bare_frames() { return web::frames_drawn(); }
