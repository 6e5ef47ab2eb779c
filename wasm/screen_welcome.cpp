// Welcome screen: the council, the gap to close, how it works, and the language switch.
#include <string>

#include "imgui.h"
#include "money.h"
#include "platform_web.h"
#include "ui.h"

namespace app {

void draw_welcome(AppState& s) {
    const budget::Budget& b = s.budget;
    if (!b.brand.logo.empty() && !s.high_contrast)
        image(s, b.brand.logo, s.text(b.council_name) + s.tr(" logo"), "logo", ImVec2(ImGui::GetContentRegionAvail().x, 56.0f));
    heading(s, s.text(b.council_name), 1);
    paragraph(s, std::string(s.tr("Budget ")) + b.financial_year);
    if (b.illustrative) note(s, s.text(b.notice));
    if (s.budget_changed)
        note(s, s.tr("The council has changed this budget since you started. Your choices that still apply are kept; "
                     "please check them before you send your budget."));
    if (const std::string when = s.consultation_note(); !when.empty()) {
        note(s, when);
        // Once it has closed, the council's published results are a tap away.
        if (s.consultation == Consultation::Closed && b.results_public && button(s, s.tr("See the results"), "Results"))
            web::open_link(std::string("consultations.html") + (s.language == "cy" ? "?lang=cy" : "") + "#h-" + b.id);
    }
    ImGui::Separator();
    const std::string gap = budget::format_pounds_short(b.gap_to_close);
    const std::string need = std::string(s.tr("Next year the council needs to close a gap of ")) + gap + ".";
    paragraph(s, need);
    ImGui::Spacing();
    // A referendum limit on council tax is England's; Welsh councils have none.
    paragraph(s, b.council_tax.cap.capped
                     ? s.tr("How it works: move the sliders to spend more or less on each service, choose savings and "
                            "income, and set council tax within the legal limit. You will see what each choice does "
                            "to services, to your bill and to the council's performance. When your budget balances, "
                            "you can send it to the council.")
                     : s.tr("How it works: move the sliders to spend more or less on each service, choose savings and "
                            "income, and set council tax. You will see what each choice does to services, to your bill "
                            "and to the council's performance. When your budget balances, you can send it to the council."));
    ImGui::Spacing();
    // The canvas's own keys, where a keyboard is likely (a phone alone has none; a plain page works
    // as any page does). Escape is always there, whatever this says.
    if (!s.plain_page && s.desktop_input)
        note(s, s.tr("Keyboard: Tab and the arrow keys move between controls, Space or Enter uses one, Page Up and "
                                     "Page Down scroll, and Escape leaves the simulator."));
    ImGui::Spacing();
    if (s.has_shared) {  // opened from someone's share link
        heading(s, s.tr("Someone shared their budget with you"), 2);
        paragraph(s, s.tr("This link holds another person's choices. You can start from their choices and change them, or "
                            "start from the council's budget as it stands."));
        if (wide_button(s, s.tr("Start from their choices"), "Start shared")) {
            s.set_choices(s.shared);
            s.undo.clear();
            s.has_shared = false;
            s.screen = Screen::Simulator;
        }
        ImGui::Spacing();
    }
    if (wide_button(s, s.has_shared ? s.tr("Start from the council's budget") : s.tr("Start"), "Start", true,
                    !s.has_shared)) {
        s.has_shared = false;
        s.screen = Screen::Simulator;
    }
    if (b.languages.size() > 1) {
        ImGui::Spacing();
        const char* other = s.language == "cy" ? "English" : "Cymraeg";
        if (button(s, other, "Language", ImVec2(0.0f, 40.0f))) s.choose_language(s.language == "cy" ? "en" : "cy");
        // The Welsh words are downloaded when first chosen, so this is said in both languages.
        const char* status = s.welsh_state == AppState::Catalogue::Loading ? "Loading Welsh… / Yn llwytho'r Gymraeg…"
                             : s.welsh_state == AppState::Catalogue::Failed
                                 ? "Welsh could not be downloaded: check your connection and try again. / Nid oedd modd "
                                   "llwytho'r Gymraeg i lawr: gwiriwch eich cysylltiad a rhowch gynnig arall arni."
                                 : "";
        if (*status != '\0') {
            note(s, status);
            s.mirror.announce = status;
        }
    }
}

}  // namespace app
