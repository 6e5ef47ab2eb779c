// Simulator screen: the three kinds of lever in tabs, with the gap, the household bill and the
// indicators always in view (beside the levers when wide, above them when narrow).
#include <iterator>

#include "ui.h"

namespace app {

void draw_simulator(AppState& s) {
    const float width = ImGui::GetContentRegionAvail().x;
    const bool wide = width >= 900.0f;
    gap_bar(s);
    if (button(s, s.text("Undo", "Dadwneud"), "Undo", ImVec2(0, 0), !s.undo.empty())) s.undo_last();
    beside_if_fits(s.text("Reset", "Ailosod"));
    if (button(s, s.text("Reset", "Ailosod"), "Reset")) s.reset();
    beside_if_fits(s.text("Review and send", "Adolygu ac anfon"));
    if (button(s, s.text("Review and send", "Adolygu ac anfon"), "Review")) s.screen = Screen::Review;
    beside_if_fits(s.text("Annual report", "Adroddiad blynyddol"));
    if (button(s, s.text("Annual report", "Adroddiad blynyddol"), "Annual report")) s.screen = Screen::AnnualReport;
    if (!wide) panel_summary(s, true);
    const float levers_width = wide ? width * 0.58f : 0.0f;
    ImGui::BeginChild("levers", ImVec2(levers_width, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    struct Tab { const char* en; const char* cy; const char* key; void (*panel)(AppState&); };
    static const Tab tabs[] = {{"Services", "Gwasanaethau", "tab:services", panel_services},
                               {"Savings", "Arbedion", "tab:savings", panel_savings},
                               {"Income", "Incwm", "tab:income", panel_income}};
    // All the tabs first, then the open one's panel: screen readers meet the tabs together.
    for (std::size_t i = 0; i < std::size(tabs); ++i) {
        const std::string label = s.text(tabs[i].en, tabs[i].cy);
        if (i > 0) beside_if_fits(label.c_str());
        if (tab(s, label, tabs[i].key, s.lever_tab == i)) s.lever_tab = i;
    }
    ImGui::Separator();
    tabs[s.lever_tab].panel(s);
    ImGui::EndChild();
    if (wide) {
        ImGui::SameLine();
        ImGui::BeginChild("summary", ImVec2(0, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
        panel_summary(s, false);
        ImGui::EndChild();
    }
}

}  // namespace app
