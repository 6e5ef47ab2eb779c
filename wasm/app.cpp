// The app's one window, drawn as a function of AppState, and small shared UI helpers.
#include "ui.h"

#include "money.h"

#include "imgui_internal.h"  // NavInitWindow: a new screen's keyboard start

namespace app {

ImVec4 rag_colour(budget::Rag r, bool high_contrast) {
    // Dark enough for 4.5:1 on the light background; high contrast uses pure hues on black.
    switch (r) {
        case budget::Rag::Red: return high_contrast ? ImVec4(1.0f, 0.45f, 0.45f, 1) : ImVec4(0.70f, 0.05f, 0.05f, 1);
        case budget::Rag::Amber: return high_contrast ? ImVec4(1.0f, 0.85f, 0.2f, 1) : ImVec4(0.55f, 0.32f, 0.0f, 1);
        case budget::Rag::Green: return high_contrast ? ImVec4(0.45f, 1.0f, 0.55f, 1) : ImVec4(0.0f, 0.40f, 0.18f, 1);
    }
    return ImVec4(0, 0, 0, 1);
}

std::string signed_percent(budget::BasisPoints bp) { return (bp > 0 ? "+" : "") + budget::format_bp_as_percent(bp) + "%"; }

budget::KpiWords kpi_words(const AppState& s) {
    budget::KpiWords w;
    w.points = s.tr(" points");
    w.days = s.tr(" days");
    w.weeks = s.tr(" weeks");
    w.kg = s.tr(" kg");
    w.per = s.tr(" per ");
    return w;
}

const char* rag_word(const AppState& s, budget::Rag r) {
    switch (r) {
        case budget::Rag::Red: return s.tr("Red");
        case budget::Rag::Amber: return s.tr("Amber");
        case budget::Rag::Green: return s.tr("Green");
    }
    return "";
}

void draw_app(AppState& s) {
    static const char* const screens[] = {N_("Welcome"), N_("Balance the budget"), N_("Review and send"), N_("Sent"), N_("Annual report"),
                                          N_("Choose projects"), N_("Check your vote"), N_("Vote sent")};
    const int screen = static_cast<int>(s.screen);
    const std::string& who = s.vote ? s.text(s.vote->ballot.title) : s.text(s.budget.council_name);
    s.mirror.title = std::string(s.tr(screens[screen])) + " – " + who;
    if (s.screen != Screen::Welcome && s.screen != Screen::Ballot) {  // these draw their own title as their heading
        MirrorNode h;
        h.key = "screen-title";
        h.role = Role::Heading;
        h.level = 1;
        h.name = s.tr(screens[screen]);
        s.mirror.nodes.push_back(std::move(h));
    }
    // A centred content column on wide screens: lines of text held to about 75 characters; the
    // simulator, with its two columns, may be wider.
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float padding = ImGui::GetStyle().WindowPadding.x * 2;
    const float column = (s.screen == Screen::Simulator ? 64.0f : 40.0f) * ImGui::GetFontSize() + padding;
    const float width = vp->WorkSize.x < column ? vp->WorkSize.x : column;
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + (vp->WorkSize.x - width) * 0.5f, vp->WorkPos.y));
    ImGui::SetNextWindowSize(ImVec2(width, vp->WorkSize.y));
    ImGui::Begin("##app", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    // A new screen starts the keyboard at its first control, not below where the last one's was (the
    // simulator at its open tab: screen_simulator.cpp).
    s.screen_opened = s.screen != s.drawn_screen;
    if (s.screen_opened) {
        if (s.screen != Screen::Simulator) ImGui::NavInitWindow(ImGui::GetCurrentWindow(), true);
        s.drawn_screen = s.screen;
    }
    kiosk_banner(s);
    switch (s.screen) {
        case Screen::Welcome: draw_welcome(s); break;
        case Screen::Simulator: draw_simulator(s); break;
        case Screen::Review: draw_review(s); break;
        case Screen::Confirmation: draw_confirmation(s); break;
        case Screen::AnnualReport: draw_annual_report(s); break;
        case Screen::Ballot: draw_ballot(s); break;
        case Screen::BallotReview: draw_ballot_review(s); break;
        case Screen::BallotSent: draw_ballot_sent(s); break;
        case Screen::Ratings: draw_ratings(s); break;
    }
    ImGui::End();
}

}  // namespace app
