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
        if (ImGui::BeginTabItem(s.text("Services", "Gwasanaethau"))) {
            remember_item(s, "tab:services");
            panel_services(s);
            ImGui::EndTabItem();
        } else {
            remember_item(s, "tab:services");
        }
        if (ImGui::BeginTabItem(s.text("Savings", "Arbedion"))) {
            remember_item(s, "tab:savings");
            panel_savings(s);
            ImGui::EndTabItem();
        } else {
            remember_item(s, "tab:savings");
        }
        if (ImGui::BeginTabItem(s.text("Income", "Incwm"))) {
            remember_item(s, "tab:income");
            panel_income(s);
            ImGui::EndTabItem();
        } else {
            remember_item(s, "tab:income");
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
