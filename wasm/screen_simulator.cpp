// Simulator screen: the gap and the household bill always in view, the lever tabs pinned above a
// scrolling list of levers, and the actions always in reach. Wide: the summary beside the levers.
// Narrow (a phone): a compact bar (gap and bill) that opens the full summary in one tap, and the
// actions in a bar at the bottom.
#include <algorithm>
#include <iterator>

#include "council_tax.h"
#include "imgui_internal.h"  // SetFocusID: the keyboard starts on the open tab
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
        // The keyboard starts on the open tab (the content's start), not on Reset.
        if (s.screen_opened && s.lever_tab == i) ImGui::SetFocusID(ImGui::GetItemID(), ImGui::GetCurrentWindow());
    }
}

// Each tab's list scrolls on its own, so a tab keeps its place when the resident comes back to it.
ImGuiID levers_id(const AppState& s) {
    static const char* const names[] = {"levers:overview", "levers:services", "levers:savings", "levers:income"};
    return ImGui::GetID(names[s.lever_tab < std::size(names) ? s.lever_tab : 0]);
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
    if (button(s, s.tr("Reset"), "Reset")) s.confirm_reset = true;
    beside_if_fits(s.tr("Review and send"));
    push_primary_colours();
    const bool review = button(s, s.tr("Review and send"), "Review");
    pop_primary_colours();
    // The optional "How are we doing?" first, while responses are taken (else nothing could send it).
    if (review) s.screen = s.consultation == Consultation::Open ? Screen::Ratings : Screen::Review;
    if (!with_report) return;
    beside_if_fits(s.tr("Annual report"));
    if (button(s, s.tr("Annual report"), "Annual report")) s.screen = Screen::AnnualReport;
}

// Reset clears every choice, so it asks first (in place of the actions until answered).
bool reset_question(AppState& s) {
    if (!s.confirm_reset) return false;
    paragraph(s, s.tr("Start again from the council's budget? Every change you made will be cleared."), "Reset question");
    if (button(s, s.tr("Yes, start again"), "Reset yes")) {
        s.reset();
        s.confirm_reset = false;
    }
    beside_if_fits(s.tr("No, keep my changes"));
    if (button(s, s.tr("No, keep my changes"), "Reset no")) s.confirm_reset = false;
    return true;
}

void draw_wide(AppState& s, float width) {
    gap_bar(s);
    if (!reset_question(s)) actions(s, true);
    const float levers_width = width * 0.58f;
    ImGui::BeginGroup();
    lever_tabs(s);
    const float list_top = ImGui::GetCursorPosY();
    ImGui::BeginChild(levers_id(s), ImVec2(levers_width, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
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
    // The actions' row (two where their words are too long for one: Welsh on a small phone), or
    // Reset's question (two lines of words and a row or two of buttons).
    const ImGuiStyle& style = ImGui::GetStyle();
    float actions_width = 0;
    for (const char* label : {s.tr("Undo"), s.tr("Reset"), s.tr("Review and send")})
        actions_width += std::max(ImGui::CalcTextSize(label).x + style.FramePadding.x * 2, kTouchTarget) + style.ItemSpacing.x;
    const float rows = actions_width - style.ItemSpacing.x > ImGui::GetContentRegionAvail().x ? 2.0f : 1.0f;
    const float bottom = s.confirm_reset ? ImGui::GetFrameHeightWithSpacing() * 2 + ImGui::GetTextLineHeightWithSpacing() * 2 + style.ItemSpacing.y * 2
                                         : ImGui::GetFrameHeightWithSpacing() * rows + style.ItemSpacing.y;
    if (s.summary_open) {
        ImGui::BeginChild("summary", ImVec2(0, -bottom), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
        panel_summary(s, false);
        ImGui::Spacing();
        if (button(s, s.tr("Annual report"), "Annual report")) s.screen = Screen::AnnualReport;
        ImGui::EndChild();
    } else {
        lever_tabs(s);
        ImGui::BeginChild(levers_id(s), ImVec2(0, -bottom), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
        lever_panel(s);
        ImGui::EndChild();
    }
    ImGui::Separator();
    if (!reset_question(s)) actions(s, false);
}

}  // namespace

void draw_simulator(AppState& s) {
    const float width = ImGui::GetContentRegionAvail().x;
    if (width >= 900.0f) draw_wide(s, width);
    else draw_narrow(s);
}

}  // namespace app
