// Simulator screen: grouped service sliders with consequence text, locked lines shown as locked,
// and the gap bar always in view. (Efficiencies, income, bills and indicators are still to come.)
#include <string>

#include "imgui.h"
#include "money.h"
#include "ui.h"

namespace app {

namespace {
void gap_bar(AppState& s) {
    const budget::Outcome& o = s.outcome;
    const double target = static_cast<double>(s.budget.gap_to_close);
    const double closed = target - static_cast<double>(o.remaining_gap);
    const float fraction = target > 0 ? static_cast<float>(closed / target) : 1.0f;
    const std::string label = o.balanced ? std::string(s.text("Balanced: surplus ", "Cytbwys: gwarged ")) +
                                               budget::format_pounds_short(-o.remaining_gap)
                                         : std::string(s.text("Gap still to close: ", "Bwlch i'w gau o hyd: ")) +
                                               budget::format_pounds_short(o.remaining_gap);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, o.balanced ? ImVec4(0.0f, 0.44f, 0.23f, 1.0f) : ImVec4(0.05f, 0.31f, 0.55f, 1.0f));
    ImGui::ProgressBar(fraction < 0 ? 0 : fraction > 1 ? 1 : fraction, ImVec2(-1, 32), label.c_str());
    ImGui::PopStyleColor();
    remember_item(s, "Gap");
}
}  // namespace

void draw_simulator(AppState& s) {
    gap_bar(s);
    if (ImGui::Button(s.text("Undo", "Dadwneud"))) s.undo_last();
    remember_item(s, "Undo");
    ImGui::SameLine();
    if (ImGui::Button(s.text("Reset", "Ailosod"))) s.reset();
    remember_item(s, "Reset");
    ImGui::Separator();
    const budget::Budget& b = s.budget;
    for (std::size_t g = 0; g < b.groups.size(); ++g) {
        if (!ImGui::CollapsingHeader(s.text(b.groups[g].name).c_str(), ImGuiTreeNodeFlags_DefaultOpen)) continue;
        for (std::size_t i = 0; i < b.services.size(); ++i) {
            const budget::Service& svc = b.services[i];
            if (svc.group != g) continue;
            ImGui::PushID(static_cast<int>(i));
            ImGui::TextUnformatted(s.text(svc.name).c_str());
            if (svc.locked) {
                ImGui::TextDisabled("%s %s: %s", s.text("Locked", "Wedi'i gloi"),
                                    budget::format_pounds_short(svc.baseline).c_str(), s.text(svc.locked_reason).c_str());
            } else {
                int steps = (s.choices.service_bp[i] - svc.min_bp) / svc.step_bp;
                const int max_steps = (svc.max_bp - svc.min_bp) / svc.step_bp;
                // ImGui takes this as a printf format: the percent sign is written "%%".
                const std::string shown = budget::format_bp_as_percent(s.choices.service_bp[i]) + "%%  (" +
                                          budget::format_pounds_short(s.outcome.services[i].spend) + ")";
                ImGui::SetNextItemWidth(-1);
                if (ImGui::SliderInt("##lever", &steps, 0, max_steps, shown.c_str())) {
                    budget::Choices next = s.choices;
                    next.service_bp[i] = svc.min_bp + steps * svc.step_bp;
                    s.set_choices(next);
                }
                remember_item(s, "service:" + svc.id);
                if (!svc.consequences.empty()) {
                    ImGui::PushTextWrapPos(0.0f);
                    ImGui::TextUnformatted(s.text(svc.consequences[s.outcome.services[i].consequence].text).c_str());
                    ImGui::PopTextWrapPos();
                }
            }
            ImGui::Spacing();
            ImGui::PopID();
        }
    }
}

}  // namespace app
