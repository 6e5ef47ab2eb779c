// Review and send: a summary of the choices, optional comments, optional demographics (asked only
// after consent, with the privacy notice), and sending, which the budget's rule may hold back.
#include "ui.h"  // ImGui first: imgui_stdlib.h builds on it

#include "imgui_stdlib.h"
#include "money.h"
#include "overview.h"
#include "submission.h"
#include "platform_web.h"

namespace app {

namespace {

// Near the limit, how much room is left (in bytes of UTF-8, which is characters for plain letters,
// so never more than the truth).
void characters_left(AppState& s, const std::string& text) {
    const std::size_t left = budget::kMaxCommentBytes - std::min(text.size(), budget::kMaxCommentBytes);
    if (left > 400) return;
    note(s, std::to_string(left) + s.text(" characters left", " nod ar ôl"));
}

}  // namespace

void choice_lines(AppState& s) {
    const budget::Budget& b = s.budget;
    // Each choice with its money effect this year ("closes" lowers the gap, "adds" raises it).
    const auto effect = [&](budget::Pence closes) {
        return closes >= 0 ? std::string(s.text("closes ", "yn cau ")) + budget::format_pounds_short(closes)
                           : std::string(s.text("adds ", "yn ychwanegu ")) + budget::format_pounds_short(-closes);
    };
    bool any = false;
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (s.choices.service_bp[i] == 0) continue;
        any = true;
        paragraph(s, s.text(b.services[i].name) + ": " + (s.choices.service_bp[i] > 0 ? "+" : "") +
                         budget::format_bp_as_percent(s.choices.service_bp[i]) + "% (" + effect(-s.outcome.services[i].change) + ")");
    }
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i) {
        if (!s.choices.efficiency_on[i]) continue;
        any = true;
        const auto& e = b.efficiencies[i];
        std::string line = std::string(s.text("Saving: ", "Arbediad: ")) + s.text(e.name) + " (" + effect(e.saving - e.one_off_cost);
        if (e.one_off_cost > 0)
            line += std::string(s.text(": saves ", ": yn arbed ")) + budget::format_pounds_short(e.saving) + s.text(", one-off cost ", ", cost untro ") +
                    budget::format_pounds_short(e.one_off_cost);
        paragraph(s, line + ")");
    }
    for (std::size_t i = 0; i < b.incomes.size(); ++i) {
        if (!s.choices.income_on[i]) continue;
        any = true;
        paragraph(s, std::string(s.text("Income: ", "Incwm: ")) + s.text(b.incomes[i].name) + " (" + effect(b.incomes[i].yield) + ")");
    }
    paragraph(s, std::string(s.text("Council tax: ", "Treth gyngor: ")) + (s.choices.council_tax_bp > 0 ? "+" : "") +
                     budget::format_bp_as_percent(s.choices.council_tax_bp) + "% (Band D " + budget::format_pounds(s.outcome.band_d) + "; " +
                     effect(s.outcome.council_tax_change) + ")");
    if (!any) paragraph(s, s.text("You have not changed any service, saving or income yet.", "Nid ydych wedi newid unrhyw wasanaeth, arbediad nac incwm eto."));

    // The totals that make the balance (core/overview.h: they add up exactly).
    heading(s, s.text("How the gap closes", "Sut mae'r bwlch yn cau"), 3);
    const budget::GapSteps g = budget::gap_steps(b, s.outcome);
    paragraph(s, std::string(s.text("Gap to close: ", "Bwlch i'w gau: ")) + budget::format_pounds(g.gap_to_close));
    paragraph(s, std::string(s.text("Service changes: ", "Newidiadau i wasanaethau: ")) + effect(-g.service_changes));
    paragraph(s, std::string(s.text("Savings: ", "Arbedion: ")) + effect(g.savings) + s.text(", less one-off costs of ", ", llai costau untro o ") +
                     budget::format_pounds_short(g.one_off_costs));
    paragraph(s, std::string(s.text("Fees, charges and other income: ", "Ffioedd, taliadau ac incwm arall: ")) + effect(g.income));
    paragraph(s, std::string(s.text("Council tax: ", "Treth gyngor: ")) + effect(g.council_tax));
    paragraph(s, g.remaining > 0 ? std::string(s.text("Gap remaining: ", "Bwlch yn weddill: ")) + budget::format_pounds(g.remaining)
                                 : std::string(s.text("Surplus: ", "Gwarged: ")) + budget::format_pounds(-g.remaining),
              "review:remaining");
    if (const std::string surplus = surplus_words(s); !surplus.empty()) paragraph(s, surplus);
}

void draw_review(AppState& s) {
    const budget::Budget& b = s.budget;
    if (button(s, s.text("Back to the simulator", "Yn ôl i'r efelychydd"), "Back")) s.screen = Screen::Simulator;
    // The content scrolls; sending stays in view below it.
    const float footer = ImGui::GetFrameHeightWithSpacing() * 2.5f + 48.0f;
    ImGui::BeginChild("review-body", ImVec2(0, -footer), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    heading(s, s.text("Your choices", "Eich dewisiadau"), 2);
    choice_lines(s);

    heading(s, s.text("Comments (optional)", "Sylwadau (dewisol)"), 2);
    const std::string overall = s.text("Anything else you want the council to know", "Unrhyw beth arall yr hoffech i'r cyngor ei wybod");
    ImGui::TextUnformatted(overall.c_str());  // the text box says it for screen readers
    const float box = ImGui::GetTextLineHeight() * 4 + 16;  // four lines; it scrolls inside past that
    if (text_box(s, overall, "comment:overall", &s.overall_comment, box, budget::kMaxCommentBytes)) s.touched();
    characters_left(s, s.overall_comment);
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (s.choices.service_bp[i] == 0) continue;
        ImGui::PushID(static_cast<int>(i));
        const std::string about = std::string(s.text("About ", "Am ")) + s.text(b.services[i].name);
        ImGui::TextUnformatted(about.c_str());
        if (text_box(s, about, "comment:" + b.services[i].id, &s.service_comments[i], box * 0.6f, budget::kMaxCommentBytes)) s.touched();
        characters_left(s, s.service_comments[i]);
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
