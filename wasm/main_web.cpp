// Entry points the page calls (site/app.html): start the app with a budget and a font, and read
// its state for the test hook. Exceptions never cross this boundary (the core does not throw).
#include <emscripten.h>

#include <string>
#include <vector>

#include "app_state.h"
#include "budget_loader.h"
#include "imgui.h"
#include "platform_web.h"
#include "ui.h"

namespace {

app::AppState g_state;
std::vector<unsigned char> g_font;
std::string g_state_json;

// Latin, Latin-1, Latin Extended-A (ŵ ŷ), the Welsh letters in Latin Extended Additional
// (ẁ ẃ ẅ ỳ), dashes, curly quotes, bullet, ellipsis and the euro sign.
const ImWchar kGlyphs[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x1E80, 0x1E85, 0x1EF2, 0x1EF3,
                           0x2013, 0x2014, 0x2018, 0x201E, 0x2022, 0x2022, 0x2026, 0x2026, 0x20AC, 0x20AC, 0};

void build_fonts(float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig config;
    config.FontDataOwnedByAtlas = false;
    // Rasterised at the real pixel size, drawn at CSS size.
    io.Fonts->AddFontFromMemoryTTF(g_font.data(), static_cast<int>(g_font.size()), 18.0f * dpr, &config, kGlyphs);
    io.FontGlobalScale = 1.0f / dpr;
    io.Fonts->Build();
}

void light_theme() {
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.FramePadding = ImVec2(10, 8);  // touch targets of at least 24 CSS px
    style.ItemSpacing = ImVec2(10, 10);
    style.GrabMinSize = 24;
    style.FrameRounding = 4;
    style.Colors[ImGuiCol_Text] = ImVec4(0.11f, 0.11f, 0.11f, 1.0f);
    style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.31f, 0.35f, 0.37f, 1.0f);  // 7:1 on the background
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.96f, 1.0f);
}

}  // namespace

extern "C" {

// 0 started; 1 the budget is invalid; 2 no WebGL2.
EMSCRIPTEN_KEEPALIVE int app_start(const char* budget_json, const unsigned char* font, int font_size, const char* language) {
    budget::BudgetLoad l = budget::load_budget(budget_json);
    if (!l.budget) return 1;
    g_state.start(std::move(*l.budget));
    g_state.language = std::string(language) == "cy" ? "cy" : "en";
    g_font.assign(font, font + font_size);
    web::PlatformConfig config;
    config.frame = [] { app::draw_app(g_state); };
    config.rebuild_fonts = build_fonts;
    if (!web::platform_start(config)) return 2;
    light_theme();
    return 0;
}

EMSCRIPTEN_KEEPALIVE const char* app_state_json() {
    g_state_json = app::state_json(g_state, web::frames_drawn());
    return g_state_json.c_str();
}

}  // extern "C"
