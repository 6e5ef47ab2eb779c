// Income panel: council tax within the legal limit, and fees and charges.
#include "council_tax.h"
#include "money.h"
#include "ui.h"

namespace app {

void panel_income(AppState& s) {
    const budget::Budget& b = s.budget;
    const budget::CouncilTax& ct = b.council_tax;
    int steps = (s.choices.council_tax_bp - ct.lever_min_bp) / ct.lever_step_bp;
    const int max_steps = (ct.lever_max_bp - ct.lever_min_bp) / ct.lever_step_bp;
    const std::string name = s.text("Council tax", "Treth gyngor");
    const std::string value = (s.choices.council_tax_bp > 0 ? "+" : "") + budget::format_bp_as_percent(s.choices.council_tax_bp) +
                              "% (Band D " + budget::format_pounds(s.outcome.band_d) + ")";
    ImGui::TextUnformatted((name + ": " + value).c_str());  // the slider says it for screen readers
    if (slider_steps(s, name, value, "council-tax", &steps, max_steps)) {
        budget::Choices next = s.choices;
        next.council_tax_bp = ct.lever_min_bp + steps * ct.lever_step_bp;
        s.set_choices(next);
    }
    paragraph(s, std::string(s.text("Raises ", "Yn codi ")) + budget::format_pounds_short(s.outcome.council_tax_change) +
              s.text(" compared with no change. Limit: ", " o'i gymharu â dim newid. Terfyn: ") + budget::describe_cap(ct, s.language) + ".");
    ImGui::Separator();
    heading(s, s.text("Fees, charges and other income", "Ffioedd, taliadau ac incwm arall"), 2);
    for (std::size_t i = 0; i < b.incomes.size(); ++i) {
        const budget::IncomeOption& o = b.incomes[i];
        ImGui::PushID(static_cast<int>(i));
        option_toggle(s, s.text(o.name), &budget::Choices::income_on, i, "income:" + o.id);
        ImGui::Indent();
        paragraph(s, std::string(s.text("Raises ", "Yn codi ")) + budget::format_pounds_short(o.yield) + s.text(" a year. ", " y flwyddyn. ") +
                  s.text(o.description));
        ImGui::Unindent();
        ImGui::PopID();
    }
}

}  // namespace app
