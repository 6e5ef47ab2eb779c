// Simulator screen: the gap and the household bill always in view, the lever tabs pinned above a
// scrolling list of levers, and the actions always in reach. Wide: the summary beside the levers.
// Narrow (a phone): a compact bar (gap and bill) that opens the full summary in one tap, and the
// actions in a bar at the bottom.
#include <iterator>

#include "council_tax.h"
#include "money.h"
#include "ui.h"

namespace app {

namespace {

void lever_tabs(AppState& s) {
    struct Tab { const char* name; const char* key; };
    static const Tab tabs[] = {{N_("Overview"), "tab:overview"}, {N_("Services"), "tab:services"}, {N_("Savings"), "tab:savings"},
                               {N_("Income"), "tab:income"}};
    // All the tabs first, then the open one's panel: screen readers meet the tabs together.
    for (std::size_t i = 0; i < std::size(tabs); ++i) {
        const std::string label = s.tr(tabs[i].name);
        if (i > 0) beside_if_fits(label.c_str());
        if (tab(s, label, tabs[i].key, s.lever_tab == i)) s.lever_tab = i;
    }
}

void lever_panel(AppState& s) {
    static void (*const panels[])(AppState&) = {panel_overview, panel_services, panel_savings, panel_income};
    panels[s.lever_tab < std::size(panels) ? s.lever_tab : 0](s);
}

// The bill for the chosen band and its change, in a few words (the compact bar's second line).
std::string bill_words(const AppState& s) {
    const auto& ct = s.budget.council_tax;
    const budget::Pence before = budget::band_charge(ct.band_d, ct.bands[s.receipt_band].ninths);
    const budget::Pence bill = s.outcome.bills[s.receipt_band];
    std::string words = std::string(s.tr("Band ")) + ct.bands[s.receipt_band].letter + ": " + budget::format_pounds(bill);
    if (bill != before) words += std::string(" (") + (bill > before ? "+" : "-") + budget::format_pounds(bill > before ? bill - before : before - bill) + ")";
    return words;
}

void actions(AppState& s, bool with_report) {
    if (button(s, s.tr("Undo"), "Undo", ImVec2(0, 0), !s.undo.empty())) s.undo_last();
    beside_if_fits(s.tr("Reset"));
    if (button(s, s.tr("Reset"), "Reset")) s.reset();
    beside_if_fits(s.tr("Review and send"));
    if (button(s, s.tr("Review and send"), "Review")) s.screen = Screen::Review;
    if (!with_report) return;
    beside_if_fits(s.tr("Annual report"));
    if (button(s, s.tr("Annual report"), "Annual report")) s.screen = Screen::AnnualReport;
}

void draw_wide(AppState& s, float width) {
    gap_bar(s);
    actions(s, true);
    const float levers_width = width * 0.58f;
    ImGui::BeginGroup();
    lever_tabs(s);
    const float list_top = ImGui::GetCursorPosY();
    ImGui::BeginChild("levers", ImVec2(levers_width, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    lever_panel(s);
    ImGui::EndChild();
    ImGui::EndGroup();
    // The summary starts level with the list, not the tabs: the arrow keys then go from a tab down
    // into its list (ImGui's navigation prefers the nearest item below, whichever column it is in).
    ImGui::SameLine();
    ImGui::SetCursorPosY(list_top);
    ImGui::BeginChild("summary", ImVec2(0, 0), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
    panel_summary(s, false);
    ImGui::EndChild();
}

void draw_narrow(AppState& s) {
    gap_bar(s);
    const std::string more = s.summary_open ? s.tr("hide the summary") : s.tr("see the summary");
    const std::string bar = bill_words(s) + " \xE2\x80\x93 " + more;
    if (button(s, bar, "Summary", ImVec2(-1, 0))) s.summary_open = !s.summary_open;
    s.mirror.nodes.back().on = s.summary_open;
    const float bottom = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    if (s.summary_open) {
        ImGui::BeginChild("summary", ImVec2(0, -bottom), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
        panel_summary(s, false);
        ImGui::Spacing();
        if (button(s, s.tr("Annual report"), "Annual report")) s.screen = Screen::AnnualReport;
        ImGui::EndChild();
    } else {
        lever_tabs(s);
        ImGui::BeginChild("levers", ImVec2(0, -bottom), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
        lever_panel(s);
        ImGui::EndChild();
    }
    ImGui::Separator();
    actions(s, false);
}

}  // namespace

void draw_simulator(AppState& s) {
    const float width = ImGui::GetContentRegionAvail().x;
    if (width >= 900.0f) draw_wide(s, width);
    else draw_narrow(s);
}

}  // namespace app
