// Welcome screen: the council, the gap to close, how it works, and the language switch.
#include <string>

#include "imgui.h"
#include "money.h"
#include "ui.h"

namespace app {

void draw_welcome(AppState& s) {
    const budget::Budget& b = s.budget;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::SetWindowFontScale(1.6f);
    ImGui::TextUnformatted(s.text(b.council_name).c_str());
    ImGui::SetWindowFontScale(1.0f);
    ImGui::Text("%s %s", s.text("Budget", "Cyllideb"), b.financial_year.c_str());
    if (b.illustrative) ImGui::TextDisabled("%s", s.text(b.notice).c_str());
    ImGui::Separator();
    const std::string gap = budget::format_pounds_short(b.gap_to_close);
    const std::string need = std::string(s.text("Next year the council needs to close a gap of ",
                                                 "Y flwyddyn nesaf mae angen i'r cyngor gau bwlch o ")) + gap + ".";
    ImGui::TextUnformatted(need.c_str());
    ImGui::Spacing();
    ImGui::TextUnformatted(s.text("How it works: move the sliders to spend more or less on each service, choose savings and "
                                  "income, and set council tax within the legal limit. You will see what each choice does "
                                  "to services, to your bill and to the council's performance. When your budget balances, "
                                  "you can send it to the council.",
                                  "Sut mae'n gweithio: symudwch y llithryddion i wario mwy neu lai ar bob gwasanaeth, dewiswch "
                                  "arbedion ac incwm, a gosodwch y dreth gyngor o fewn y terfyn cyfreithiol. Fe welwch beth mae "
                                  "pob dewis yn ei wneud i wasanaethau, i'ch bil ac i berfformiad y cyngor. Pan fydd eich "
                                  "cyllideb yn cydbwyso, gallwch ei hanfon at y cyngor."));
    ImGui::Spacing();
    ImGui::TextDisabled("%s", s.text("Keyboard: Tab and the arrow keys move between controls, Space or Enter uses one, and "
                                     "Escape leaves the simulator.",
                                     "Bysellfwrdd: mae Tab a'r saethau'n symud rhwng rheolyddion, mae Bylchwr neu Enter yn "
                                     "defnyddio un, ac mae Escape yn gadael yr efelychydd."));
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    const ImVec2 button(ImGui::GetContentRegionAvail().x, 48.0f);
    if (ImGui::Button(s.text("Start", "Dechrau"), button)) s.screen = Screen::Simulator;
    remember_item(s, "Start");
    if (b.languages.size() > 1) {
        ImGui::Spacing();
        const char* other = s.language == "cy" ? "English" : "Cymraeg";
        if (ImGui::Button(other, ImVec2(button.x, 40.0f))) s.language = s.language == "cy" ? "en" : "cy";
        remember_item(s, "Language");
    }
}

}  // namespace app
