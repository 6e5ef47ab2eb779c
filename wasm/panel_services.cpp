// Services panel: grouped sliders, locked lines shown as locked, consequence text that follows
// the slider, and what the service costs a resident beside similar councils.
#include "money.h"
#include "ui.h"

namespace app {

namespace {

// What the service costs a resident here against similar councils, as the profile publishes it:
// "£48.83 a resident; similar councils £46.20 (2024/25)".
void cost_beside_similar_councils(AppState& s, const std::string& service) {
    if (!s.budget.accountability) return;
    for (const auto& c : s.budget.accountability->service_costs) {
        if (c.service != service) continue;
        std::string words = budget::format_pounds(budget::divide_round(c.council, 10)) + s.tr(" a resident");
        if (c.median) words += std::string(s.tr("; similar councils ")) + budget::format_pounds(budget::divide_round(*c.median, 10));
        paragraph(s, words + " (" + c.year + ")", "cost:" + service);
    }
}

}  // namespace

void panel_services(AppState& s) {
    const budget::Budget& b = s.budget;
    for (std::size_t g = 0; g < b.groups.size(); ++g) {
        if (!expander(s, s.text(b.groups[g].name), "group:" + b.groups[g].id)) continue;
        for (std::size_t i = 0; i < b.services.size(); ++i) {
            const budget::Service& svc = b.services[i];
            if (svc.group != g) continue;
            ImGui::PushID(static_cast<int>(i));
            if (svc.locked) {
                paragraph(s, s.text(svc.name) + s.tr(" (fixed)"));
                paragraph(s, std::string(s.tr("Locked")) + " (" + budget::format_pounds_short(svc.baseline) + "): " +
                          s.text(svc.locked_reason));
            } else {
                int steps = (s.choices.service_bp[i] - svc.min_bp) / svc.step_bp;
                const int max_steps = (svc.max_bp - svc.min_bp) / svc.step_bp;
                // The value is written above the slider, never under its grab (contrast in every theme).
                // With its money as it moves: "-2% = -£3.7m a year (£182.7m)".
                const budget::Pence change = s.outcome.services[i].change;
                std::string value = signed_percent(s.choices.service_bp[i]);
                if (change != 0)
                    value += " = " + std::string(change > 0 ? "+" : "") + budget::format_pounds_short(change) + s.tr(" a year");
                value += " (" + budget::format_pounds_short(s.outcome.services[i].spend) + ")";
                // Wrapped at spaces on a phone; the slider says it for screen readers.
                ImGui::TextUnformatted(wrap_at_spaces(s.text(svc.name) + ": " + value, ImGui::GetContentRegionAvail().x).c_str());
                SliderMarks marks;
                marks.min_words = signed_percent(svc.min_bp);
                marks.max_words = signed_percent(svc.max_bp);
                if (svc.min_bp <= 0 && svc.max_bp >= 0 && -svc.min_bp % svc.step_bp == 0) {
                    marks.today = -svc.min_bp / svc.step_bp;
                    marks.today_words = s.tr("today");
                }
                if (slider_steps(s, s.text(svc.name), value, "service:" + svc.id, &steps, max_steps, marks)) {
                    budget::Choices next = s.choices;
                    next.service_bp[i] = svc.min_bp + steps * svc.step_bp;
                    s.set_choices(next);
                }
                described(s, std::string(s.tr("From ")) + marks.min_words + s.tr(" to ") + marks.max_words +
                                 s.tr(", in steps of ") + budget::format_bp_as_percent(svc.step_bp) + "%" +
                                 s.tr("; today's level is 0%."));
                if (!svc.consequences.empty()) paragraph(s, s.text(svc.consequences[s.outcome.services[i].consequence].text));
                cost_beside_similar_councils(s, svc.id);
                if (!s.text(svc.description).empty() && expander(s, s.tr("More about this service"),
                                                                 "about:" + svc.id, false))
                    note(s, s.text(svc.description));
            }
            ImGui::Spacing();
            ImGui::PopID();
        }
    }
}

}  // namespace app
