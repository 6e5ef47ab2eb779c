// A kiosk's countdown before it starts again for the next person, over whichever screen is open:
// what will happen, in how long, and a button to stay (idle) or to go on at once (after a vote).
#include "ui.h"

namespace app {

void kiosk_banner(AppState& s) {
    if (!s.kiosk.on || s.kiosk.seconds_left < 0) return;
    const bool sent = (s.screen == Screen::Confirmation || s.screen == Screen::BallotSent) && s.send_state != SendState::NotSent;
    const std::string seconds = std::to_string(s.kiosk.seconds_left);
    const std::string words = sent ? s.tr("Thank you. This screen starts again for the next person in {seconds} seconds.", {{"seconds", seconds}})
                                   : s.tr("Are you still there? This screen starts again for the next person in {seconds} seconds, and "
                                          "what you have chosen will be cleared.", {{"seconds", seconds}});
    coloured_text(s, words, s.high_contrast ? ImVec4(1.0f, 0.87f, 0.0f, 1) : ImVec4(0.70f, 0.05f, 0.05f, 1), "Kiosk countdown");
    s.mirror.announce = s.tr("This screen will soon start again for the next person.");  // said once, not every second
    if (sent) {
        if (wide_button(s, s.tr("Start again now for the next person"), "Kiosk next", true, false)) s.kiosk_reset();
    } else if (wide_button(s, s.tr("I am still here"), "Kiosk stay")) {
        s.kiosk.seconds_left = -1;  // the page counts idle time again from this touch
    }
    ImGui::Separator();
}

}  // namespace app
