// Simulator screen: the three kinds of lever in tabs, with the gap, the household bill and the
// indicators always in view (beside the levers when wide, above them when narrow).
#include "ui.h"

namespace app {

void draw_simulator(AppState& s) {
    const float width = ImGui::GetContentRegionAvail().x;
    const bool wide = width >= 900.0f;
    gap_bar(s);
    if (ImGui::Button(s.text("Undo", "Dadwneud"))) s.undo_last();
    remember_item(s, "Undo");
    ImGui::SameLine();
    if (ImGui::Button(s.text("Reset", "Ailosod"))) s.reset();
    remember_item(s, "Reset");
    ImGui::SameLine();
    if (ImGui::Button(s.text("Review and send", "Adolygu ac anfon"))) s.screen = Screen::Review;
    remember_item(s, "Review");
    ImGui::SameLine();
    if (ImGui::Button(s.text("Annual report", "Adroddiad blynyddol"))) s.screen = Screen::AnnualReport;
    remember_item(s, "Annual report");
    if (!wide) panel_summary(s, true);
    const float levers_width = wide ? width * 0.58f : 0.0f;
    ImGui::BeginChild("levers", ImVec2(levers_width, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    if (ImGui::BeginTabBar("lever-kinds")) {
        struct Tab { const char* en; const char* cy; const char* label; void (*panel)(AppState&); };
        static const Tab tabs[] = {{"Services", "Gwasanaethau", "tab:services", panel_services},
                                   {"Savings", "Arbedion", "tab:savings", panel_savings},
                                   {"Income", "Incwm", "tab:income", panel_income}};
        for (const Tab& tab : tabs) {
            const bool open = ImGui::BeginTabItem(s.text(tab.en, tab.cy));
            remember_item(s, tab.label);
            if (open) {
                tab.panel(s);
                ImGui::EndTabItem();
            }
        }
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
    if (wide) {
        ImGui::SameLine();
        ImGui::BeginChild("summary", ImVec2(0, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
        panel_summary(s, false);
        ImGui::EndChild();
    }
}

}  // namespace app
