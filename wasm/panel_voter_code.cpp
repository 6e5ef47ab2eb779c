// The voter code box, for a ballot or a budget that asks for one: filled from the slip's link, or typed.
#include "ui.h"

namespace app {

void voter_code_box(AppState& s) {
    heading(s, s.tr("Your voter code"), 2);
    const std::string label = s.tr("The code on your slip (10 letters and digits)");
    ImGui::TextUnformatted(label.c_str());  // the text box says it for screen readers
    if (text_box(s, label, "Voter code", &s.voter_code, 0, 32)) s.touched();
}

}  // namespace app
