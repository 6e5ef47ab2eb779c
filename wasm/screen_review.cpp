// Review and send: a summary of the choices, optional comments, optional demographics (asked only
// after consent, with the privacy notice), and sending, which the budget's rule may hold back.
#include "ui.h"
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
    note(s, std::to_string(left) + s.tr(" characters left"));
}

}  // namespace

void choice_lines(AppState& s) {
    const budget::Budget& b = s.budget;
    // Each choice with its money effect this year ("closes" lowers the gap, "adds" raises it).
    const auto effect = [&](budget::Pence closes) {
        return closes >= 0 ? std::string(s.tr("closes ")) + budget::format_pounds_short(closes)
                           : std::string(s.tr("adds ")) + budget::format_pounds_short(-closes);
    };
    bool any = false;
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (s.choices.service_bp[i] == 0) continue;
        any = true;
        paragraph(s, s.text(b.services[i].name) + ": " + signed_percent(s.choices.service_bp[i]) + " (" +
                         effect(-s.outcome.services[i].change) + ")");
    }
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i) {
        if (!s.choices.efficiency_on[i]) continue;
        any = true;
        const auto& e = b.efficiencies[i];
        std::string line = std::string(s.tr("Saving: ")) + s.text(e.name) + " (" + effect(e.saving - e.one_off_cost);
        if (e.one_off_cost > 0)
            line += std::string(s.tr(": saves ")) + budget::format_pounds_short(e.saving) + s.tr(", one-off cost ") +
                    budget::format_pounds_short(e.one_off_cost);
        paragraph(s, line + ")");
    }
    for (std::size_t i = 0; i < b.incomes.size(); ++i) {
        if (!s.choices.income_on[i]) continue;
        any = true;
        paragraph(s, std::string(s.tr("Income: ")) + s.text(b.incomes[i].name) + " (" + effect(b.incomes[i].yield) + ")");
    }
    paragraph(s, std::string(s.tr("Council tax: ")) + signed_percent(s.choices.council_tax_bp) + " (Band D " +
                     budget::format_pounds(s.outcome.band_d) + "; " + effect(s.outcome.council_tax_change) + ")");
    if (!any) paragraph(s, s.tr("You have not changed any service, saving or income yet."));

    // The totals that make the balance (core/budget/overview.h: they add up exactly).
    heading(s, s.tr("How the gap closes"), 3);
    const budget::GapSteps g = budget::gap_steps(b, s.outcome);
    paragraph(s, std::string(s.tr("Gap to close: ")) + budget::format_pounds(g.gap_to_close));
    paragraph(s, std::string(s.tr("Service changes: ")) + effect(-g.service_changes));
    paragraph(s, std::string(s.tr("Savings: ")) + effect(g.savings) + s.tr(", less one-off costs of ") +
                     budget::format_pounds_short(g.one_off_costs));
    paragraph(s, std::string(s.tr("Fees, charges and other income: ")) + effect(g.income));
    paragraph(s, std::string(s.tr("Council tax: ")) + effect(g.council_tax));
    paragraph(s, g.remaining > 0 ? std::string(s.tr("Gap remaining: ")) + budget::format_pounds(g.remaining)
                                 : std::string(s.tr("Surplus: ")) + budget::format_pounds(-g.remaining),
              "review:remaining");
    if (const std::string surplus = surplus_words(s); !surplus.empty()) paragraph(s, surplus);
}

void draw_review(AppState& s) {
    const budget::Budget& b = s.budget;
    if (button(s, s.tr("Back to the simulator"), "Back")) s.screen = Screen::Simulator;
    // The content scrolls; sending stays in view below it.
    const float footer = ImGui::GetFrameHeightWithSpacing() * 2.5f + wide_button_height();
    ImGui::BeginChild("review-body", ImVec2(0, -footer), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    if (b.codes_required) voter_code_box(s);
    heading(s, s.tr("Your choices"), 2);
    choice_lines(s);

    heading(s, s.tr("Comments (optional)"), 2);
    if (s.comments_published)
        note(s, s.tr("The council publishes comments on this site with its results, without names, and may hide any. Do not "
                     "write anything that could identify you or anyone else."));
    const std::string overall = s.tr("Anything else you want the council to know");
    ImGui::TextUnformatted(overall.c_str());  // the text box says it for screen readers
    const float box = ImGui::GetTextLineHeight() * 4 + 16;  // four lines; it scrolls inside past that
    if (text_box(s, overall, "comment:overall", &s.overall_comment, box, budget::kMaxCommentBytes)) s.touched();
    characters_left(s, s.overall_comment);
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (s.choices.service_bp[i] == 0) continue;
        ImGui::PushID(static_cast<int>(i));
        const std::string about = std::string(s.tr("About ")) + s.text(b.services[i].name);
        ImGui::TextUnformatted(about.c_str());
        if (text_box(s, about, "comment:" + b.services[i].id, &s.service_comments[i], box * 0.6f, budget::kMaxCommentBytes)) s.touched();
        characters_left(s, s.service_comments[i]);
        ImGui::PopID();
    }

    if (!b.demographics.empty()) {
        heading(s, s.tr("About you (optional)"), 2);
        // What the database holds (README, "Privacy"): the answers, linked to this response.
        paragraph(s, s.tr("Answering helps the council see whether it heard from everyone. Your answers are stored with your "
                         "response, so that views can be compared between groups; they are never published with it."));
        if (button(s, s.tr("Read the privacy notice"), "Privacy notice"))
            web::open_link(s.text(b.privacy_notice_url));
        if (checkbox(s, s.tr("I agree to answer these questions"), "Consent",
                     &s.demographics_consent))
            s.touched();
        if (s.demographics_consent) {
            for (std::size_t q = 0; q < b.demographics.size(); ++q) {
                const auto& question = b.demographics[q];
                ImGui::PushID(static_cast<int>(q));
                ImGui::TextUnformatted(s.text(question.label).c_str());  // the radio group says it for screen readers
                // Option 0 is "No answer"; option o + 1 is the question's option o.
                std::vector<std::string> options{s.tr("No answer")};
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
    if (!allowed) paragraph(s, why, "Problem");
    if (wide_button(s, s.tr("Send my budget to the council"), "Send", allowed)) {
        if (s.submission_id.empty()) s.submission_id = web::new_submission_id();
        s.send_state = SendState::Waiting;
        s.touched();
        web::send_submission(s.submission_json());
        s.screen = Screen::Confirmation;
    }
}

}  // namespace app
