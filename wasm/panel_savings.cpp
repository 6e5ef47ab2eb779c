// Savings panel: each efficiency option as a toggle, with its saving, one-off cost and risk.
#include "money.h"
#include "ui.h"

namespace app {

void panel_savings(AppState& s) {
    const budget::Budget& b = s.budget;
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i) {
        const budget::EfficiencyOption& e = b.efficiencies[i];
        ImGui::PushID(static_cast<int>(i));
        option_toggle(s, s.text(e.name), &budget::Choices::efficiency_on, i, "saving:" + e.id);
        static const char* const risks[] = {N_("low"), N_("medium"), N_("high")};
        const int risk = static_cast<int>(e.risk);
        std::string line = std::string(s.tr("Saves ")) + budget::format_pounds_short(e.saving) +
                           s.tr(" a year");
        if (e.one_off_cost > 0)
            line += std::string(s.tr("; one-off cost ")) + budget::format_pounds_short(e.one_off_cost);
        line += std::string(s.tr("; delivery risk: ")) + s.tr(risks[risk]);
        ImGui::Indent();
        paragraph(s, line);
        if (e.one_off_cost > 0)  // why it closes less than it saves this year
            paragraph(s, std::string(s.tr("This year it closes ")) + budget::format_pounds_short(e.saving - e.one_off_cost) +
                             s.tr(" of the gap (the saving less the one-off cost); from next year, the full ") +
                             budget::format_pounds_short(e.saving) + ".");
        note(s, s.text(e.description));
        ImGui::Unindent();
        ImGui::Spacing();
        ImGui::PopID();
    }
}

}  // namespace app
