// The app's one window, drawn as a function of AppState.
#include "imgui.h"
#include "ui.h"

namespace app {

void remember_item(AppState& s, const std::string& label) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    s.item_rects[label] = Rect{min.x, min.y, max.x - min.x, max.y - min.y};
}

void draw_app(AppState& s) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##app", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    switch (s.screen) {
        case Screen::Welcome: draw_welcome(s); break;
        case Screen::Simulator: draw_simulator(s); break;
    }
    ImGui::End();
}

}  // namespace app
