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
        static const char* const risks_en[] = {"low", "medium", "high"};
        static const char* const risks_cy[] = {"isel", "canolig", "uchel"};
        const int risk = static_cast<int>(e.risk);
        std::string line = std::string(s.text("Saves ", "Yn arbed ")) + budget::format_pounds_short(e.saving) +
                           s.text(" a year", " y flwyddyn");
        if (e.one_off_cost > 0)
            line += std::string(s.text("; one-off cost ", "; cost untro ")) + budget::format_pounds_short(e.one_off_cost);
        line += std::string(s.text("; delivery risk: ", "; risg cyflawni: ")) + (s.language == "cy" ? risks_cy[risk] : risks_en[risk]);
        ImGui::Indent();
        paragraph(s, line);
        if (e.one_off_cost > 0)  // why it closes less than it saves this year
            paragraph(s, std::string(s.text("This year it closes ", "Eleni mae'n cau ")) + budget::format_pounds_short(e.saving - e.one_off_cost) +
                             s.text(" of the gap (the saving less the one-off cost); from next year, the full ",
                                    " o'r bwlch (yr arbediad llai'r gost untro); o'r flwyddyn nesaf, y cyfan, ") +
                             budget::format_pounds_short(e.saving) + ".");
        note(s, s.text(e.description));
        ImGui::Unindent();
        ImGui::Spacing();
        ImGui::PopID();
    }
}

}  // namespace app
