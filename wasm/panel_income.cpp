// Income panel: council tax within the legal limit, and fees and charges.
#include <vector>

#include "council_tax.h"
#include "money.h"
#include "ui.h"

namespace app {

void panel_income(AppState& s) {
    const budget::Budget& b = s.budget;
    const budget::CouncilTax& ct = b.council_tax;
    // The slider moves over the budget's stops (0, the referendum limit...) where it gives them,
    // else over every step of the lever. A value between stops (a shared link) shows at the stop below.
    const std::vector<budget::BasisPoints> values = budget::slider_values(ct);
    int steps = 0;
    for (std::size_t k = 0; k < values.size(); ++k)
        if (values[k] <= s.choices.council_tax_bp) steps = static_cast<int>(k);
    const int max_steps = static_cast<int>(values.size()) - 1;
    SliderMarks marks;
    marks.min_words = signed_percent(values.front());
    marks.max_words = signed_percent(values.back());
    for (std::size_t k = 0; k < values.size(); ++k) {
        if (values[k] == 0) { marks.today = static_cast<int>(k); marks.today_words = s.tr("no change"); }
        if (ct.cap.capped && budget::within_cap(ct, values[k])) marks.limit = static_cast<int>(k);
    }
    if (marks.limit >= 0) marks.limit_words = std::string(s.tr("limit ")) + signed_percent(values[static_cast<std::size_t>(marks.limit)]);
    if (marks.limit == max_steps) marks.max_words = marks.limit_words;
    const std::string name = s.tr("Council tax");
    const std::string value = signed_percent(s.choices.council_tax_bp) + " (Band D " + budget::format_pounds(s.outcome.band_d) + ")";
    ImGui::TextUnformatted(wrap_at_spaces(name + ": " + value, ImGui::GetContentRegionAvail().x).c_str());  // the slider says it for screen readers
    if (slider_steps(s, name, value, "council-tax", &steps, max_steps, marks)) {
        budget::Choices next = s.choices;
        next.council_tax_bp = values[static_cast<std::size_t>(steps)];
        s.set_choices(next);
    }
    paragraph(s, std::string(s.tr("Raises ")) + budget::format_pounds_short(s.outcome.council_tax_change) +
              s.tr(" compared with no change. Limit: ") + budget::describe_cap(ct, s.language) + ".");
    ImGui::Separator();
    heading(s, s.tr("Fees, charges and other income"), 2);
    for (std::size_t i = 0; i < b.incomes.size(); ++i) {
        const budget::IncomeOption& o = b.incomes[i];
        ImGui::PushID(static_cast<int>(i));
        option_toggle(s, s.text(o.name), &budget::Choices::income_on, i, "income:" + o.id);
        ImGui::Indent();
        paragraph(s, std::string(s.tr("Raises ")) + budget::format_pounds_short(o.yield) + s.tr(" a year. ") +
                  s.text(o.description));
        ImGui::Unindent();
        ImGui::PopID();
    }
}

}  // namespace app
