// Review and send: a summary of the choices, optional comments, optional demographics (asked only
// after consent, with the privacy notice), and sending, which the budget's rule may hold back.
#include "ui.h"  // ImGui first: imgui_stdlib.h builds on it

#include "imgui_stdlib.h"
#include "money.h"
#include "platform_web.h"

namespace app {

void draw_review(AppState& s) {
    const budget::Budget& b = s.budget;
    if (ImGui::Button(s.text("Back to the simulator", "Yn ôl i'r efelychydd"))) s.screen = Screen::Simulator;
    remember_item(s, "Back");
    // The content scrolls; sending stays in view below it.
    const float footer = ImGui::GetFrameHeightWithSpacing() * 2.5f + 48.0f;
    ImGui::BeginChild("review-body", ImVec2(0, -footer), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    ImGui::SeparatorText(s.text("Your choices", "Eich dewisiadau"));
    bool any = false;
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (s.choices.service_bp[i] == 0) continue;
        any = true;
        paragraph(s.text(b.services[i].name) + ": " + (s.choices.service_bp[i] > 0 ? "+" : "") +
                  budget::format_bp_as_percent(s.choices.service_bp[i]) + "% (" + budget::format_pounds_short(s.outcome.services[i].change) + ")");
    }
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
        if (s.choices.efficiency_on[i]) { any = true; paragraph(std::string(s.text("Saving: ", "Arbediad: ")) + s.text(b.efficiencies[i].name)); }
    for (std::size_t i = 0; i < b.incomes.size(); ++i)
        if (s.choices.income_on[i]) { any = true; paragraph(std::string(s.text("Income: ", "Incwm: ")) + s.text(b.incomes[i].name)); }
    paragraph(std::string(s.text("Council tax: ", "Treth gyngor: ")) + (s.choices.council_tax_bp > 0 ? "+" : "") +
              budget::format_bp_as_percent(s.choices.council_tax_bp) + "% (Band D " + budget::format_pounds(s.outcome.band_d) + ")");
    if (!any) paragraph(s.text("You have not changed any service yet.", "Nid ydych wedi newid unrhyw wasanaeth eto."));

    ImGui::SeparatorText(s.text("Comments (optional)", "Sylwadau (dewisol)"));
    ImGui::TextUnformatted(s.text("Anything else you want the council to know", "Unrhyw beth arall yr hoffech i'r cyngor ei wybod"));
    if (ImGui::InputTextMultiline("##overall", &s.overall_comment, ImVec2(-1, 96))) s.touched();
    remember_item(s, "comment:overall");
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (s.choices.service_bp[i] == 0) continue;
        ImGui::PushID(static_cast<int>(i));
        ImGui::TextUnformatted((std::string(s.text("About ", "Am ")) + s.text(b.services[i].name)).c_str());
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputText("##service-comment", &s.service_comments[i])) s.touched();
        remember_item(s, "comment:" + b.services[i].id);
        ImGui::PopID();
    }

    if (!b.demographics.empty()) {
        ImGui::SeparatorText(s.text("About you (optional)", "Amdanoch chi (dewisol)"));
        paragraph(s.text("Answering helps the council see whether it heard from everyone. Your answers are stored apart "
                         "from your choices.",
                         "Mae ateb yn helpu'r cyngor i weld a glywodd gan bawb. Caiff eich atebion eu cadw ar wahân i'ch dewisiadau."));
        if (ImGui::Button(s.text("Read the privacy notice", "Darllen yr hysbysiad preifatrwydd"))) web::open_link(s.text(b.privacy_notice_url));
        remember_item(s, "Privacy notice");
        if (ImGui::Checkbox(s.text("I agree to answer these questions", "Rwy'n cytuno i ateb y cwestiynau hyn"), &s.demographics_consent))
            s.touched();
        remember_item(s, "Consent");
        if (s.demographics_consent) {
            for (std::size_t q = 0; q < b.demographics.size(); ++q) {
                const auto& question = b.demographics[q];
                ImGui::PushID(static_cast<int>(q));
                ImGui::TextUnformatted(s.text(question.label).c_str());
                const auto it = s.demographic_answers.find(q);
                const std::string current = it == s.demographic_answers.end() ? s.text("No answer", "Dim ateb")
                                                                              : s.text(question.options[it->second].second);
                ImGui::SetNextItemWidth(-1);
                if (ImGui::BeginCombo("##answer", current.c_str())) {
                    if (ImGui::Selectable(s.text("No answer", "Dim ateb"), it == s.demographic_answers.end())) {
                        s.demographic_answers.erase(q);
                        s.touched();
                    }
                    for (std::size_t o = 0; o < question.options.size(); ++o)
                        if (ImGui::Selectable(s.text(question.options[o].second).c_str(), it != s.demographic_answers.end() && it->second == o)) {
                            s.demographic_answers[q] = o;
                            s.touched();
                        }
                    ImGui::EndCombo();
                }
                remember_item(s, "demographic:" + question.id);
                ImGui::PopID();
            }
        }
    }

    ImGui::EndChild();
    ImGui::Separator();
    std::string why;
    const bool allowed = s.can_submit(why);
    if (!allowed) paragraph(why);
    if (wide_button(s, s.text("Send my budget to the council", "Anfon fy nghyllideb at y cyngor"), "Send", allowed)) {
        if (s.submission_id.empty()) s.submission_id = web::new_submission_id();
        s.send_state = SendState::Waiting;
        s.touched();
        web::send_submission(s.submission_json());
        s.screen = Screen::Confirmation;
    }
}

}  // namespace app
