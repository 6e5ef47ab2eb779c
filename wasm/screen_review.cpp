// Review and send: a summary of the choices, optional comments, optional demographics (asked only
// after consent, with the privacy notice), and sending, which the budget's rule may hold back.
#include "ui.h"  // ImGui first: imgui_stdlib.h builds on it

#include "imgui_stdlib.h"
#include "money.h"
#include "platform_web.h"

namespace app {

void draw_review(AppState& s) {
    const budget::Budget& b = s.budget;
    if (button(s, s.text("Back to the simulator", "Yn ôl i'r efelychydd"), "Back")) s.screen = Screen::Simulator;
    // The content scrolls; sending stays in view below it.
    const float footer = ImGui::GetFrameHeightWithSpacing() * 2.5f + 48.0f;
    ImGui::BeginChild("review-body", ImVec2(0, -footer), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    heading(s, s.text("Your choices", "Eich dewisiadau"), 2);
    bool any = false;
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (s.choices.service_bp[i] == 0) continue;
        any = true;
        paragraph(s, s.text(b.services[i].name) + ": " + (s.choices.service_bp[i] > 0 ? "+" : "") +
                  budget::format_bp_as_percent(s.choices.service_bp[i]) + "% (" + budget::format_pounds_short(s.outcome.services[i].change) + ")");
    }
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
        if (s.choices.efficiency_on[i]) { any = true; paragraph(s, std::string(s.text("Saving: ", "Arbediad: ")) + s.text(b.efficiencies[i].name)); }
    for (std::size_t i = 0; i < b.incomes.size(); ++i)
        if (s.choices.income_on[i]) { any = true; paragraph(s, std::string(s.text("Income: ", "Incwm: ")) + s.text(b.incomes[i].name)); }
    paragraph(s, std::string(s.text("Council tax: ", "Treth gyngor: ")) + (s.choices.council_tax_bp > 0 ? "+" : "") +
              budget::format_bp_as_percent(s.choices.council_tax_bp) + "% (Band D " + budget::format_pounds(s.outcome.band_d) + ")");
    if (!any) paragraph(s, s.text("You have not changed any service yet.", "Nid ydych wedi newid unrhyw wasanaeth eto."));

    heading(s, s.text("Comments (optional)", "Sylwadau (dewisol)"), 2);
    const std::string overall = s.text("Anything else you want the council to know", "Unrhyw beth arall yr hoffech i'r cyngor ei wybod");
    ImGui::TextUnformatted(overall.c_str());  // the text box says it for screen readers
    if (text_box(s, overall, "comment:overall", &s.overall_comment, 96)) s.touched();
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (s.choices.service_bp[i] == 0) continue;
        ImGui::PushID(static_cast<int>(i));
        const std::string about = std::string(s.text("About ", "Am ")) + s.text(b.services[i].name);
        ImGui::TextUnformatted(about.c_str());
        ImGui::SetNextItemWidth(-1);
        if (text_box(s, about, "comment:" + b.services[i].id, &s.service_comments[i])) s.touched();
        ImGui::PopID();
    }

    if (!b.demographics.empty()) {
        heading(s, s.text("About you (optional)", "Amdanoch chi (dewisol)"), 2);
        // What the database holds (README, "Privacy"): the answers, linked to this response.
        paragraph(s, s.text("Answering helps the council see whether it heard from everyone. Your answers are stored with your "
                         "response, so that views can be compared between groups; they are never published with it.",
                         "Mae ateb yn helpu'r cyngor i weld a glywodd gan bawb. Caiff eich atebion eu cadw gyda'ch ymateb, er "
                         "mwyn gallu cymharu barn gwahanol grwpiau; ni chânt byth eu cyhoeddi gydag ef."));
        if (button(s, s.text("Read the privacy notice", "Darllen yr hysbysiad preifatrwydd"), "Privacy notice"))
            web::open_link(s.text(b.privacy_notice_url));
        if (checkbox(s, s.text("I agree to answer these questions", "Rwy'n cytuno i ateb y cwestiynau hyn"), "Consent",
                     &s.demographics_consent))
            s.touched();
        if (s.demographics_consent) {
            for (std::size_t q = 0; q < b.demographics.size(); ++q) {
                const auto& question = b.demographics[q];
                ImGui::PushID(static_cast<int>(q));
                ImGui::TextUnformatted(s.text(question.label).c_str());  // the radio group says it for screen readers
                // Option 0 is "No answer"; option o + 1 is the question's option o.
                std::vector<std::string> options{s.text("No answer", "Dim ateb")};
                for (const auto& option : question.options) options.push_back(s.text(option.second));
                const int current = s.demographic_answers[q] + 1;
                const int chosen = select(s, s.text(question.label), "demographic:" + question.id, options, current);
                if (chosen >= 0) {
                    s.demographic_answers[q] = chosen - 1;
                    s.touched();
                }
                ImGui::PopID();
            }
        }
    }

    ImGui::EndChild();
    ImGui::Separator();
    std::string why;
    const bool allowed = s.can_submit(why);
    if (!allowed) paragraph(s, why);
    if (wide_button(s, s.text("Send my budget to the council", "Anfon fy nghyllideb at y cyngor"), "Send", allowed)) {
        if (s.submission_id.empty()) s.submission_id = web::new_submission_id();
        s.send_state = SendState::Waiting;
        s.touched();
        web::send_submission(s.submission_json());
        s.screen = Screen::Confirmation;
    }
}

}  // namespace app
