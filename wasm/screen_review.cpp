// Review and send: a summary of the choices, optional comments, optional demographics (asked only
// after consent, with the privacy notice), and sending, which the budget's rule may hold back.
#include "ui.h"
#include "money.h"
#include "overview.h"
#include "resident_ratings.h"
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
    gap_lines(s);
}

void gap_lines(AppState& s) {
    const budget::Budget& b = s.budget;
    const auto effect = [&](budget::Pence closes) {
        return closes >= 0 ? std::string(s.tr("closes ")) + budget::format_pounds_short(closes)
                           : std::string(s.tr("adds ")) + budget::format_pounds_short(-closes);
    };
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

namespace {

// One row of "check your answers": what it is, the answer, and a Change link to where it is set
// (named in full for screen readers: "Change services").
void answer_row(AppState& s, const std::string& label, const std::string& answer, const std::string& key, std::size_t tab,
                Screen where = Screen::Simulator) {
    heading(s, label, 3);
    paragraph(s, answer, "answer:" + key);
    if (button(s, std::string(s.tr("Change")) + "##" + key, "change:" + key)) {
        s.screen = where;
        s.lever_tab = tab;
    }
    s.mirror.nodes.back().name = s.tr("Change {what}", {{"what", label}});
    ImGui::Separator();
}

// The rows: services, savings, income and council tax, each in words.
void answers(AppState& s) {
    const budget::Budget& b = s.budget;
    std::string services, savings, income;
    const auto line = [](std::string& to, const std::string& words) { to += (to.empty() ? "" : "\n") + words; };
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        const budget::Pence change = s.outcome.services[i].change;
        if (s.choices.service_bp[i] == 0) continue;
        line(services, signed_percent(s.choices.service_bp[i]) + " " + s.text(b.services[i].name) + " (" + (change > 0 ? "+" : "") +
                           budget::format_pounds_short(change) + s.tr(" a year") + ")");
    }
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
        if (s.choices.efficiency_on[i])
            line(savings, s.text(b.efficiencies[i].name) + " (" + budget::format_pounds_short(b.efficiencies[i].saving) + ")");
    for (std::size_t i = 0; i < b.incomes.size(); ++i)
        if (s.choices.income_on[i]) line(income, s.text(b.incomes[i].name) + " (" + budget::format_pounds_short(b.incomes[i].yield) + ")");
    answer_row(s, s.tr("Services"), services.empty() ? s.tr("No change to any service") : services, "services", 1);
    answer_row(s, s.tr("Savings"), savings.empty() ? s.tr("None chosen") : savings, "savings", 2);
    answer_row(s, s.tr("Fees, charges and other income"), income.empty() ? s.tr("None chosen") : income, "income", 3);
    answer_row(s, s.tr("Council tax"),
               signed_percent(s.choices.council_tax_bp) + " (Band D " + budget::format_pounds(s.outcome.band_d) + s.tr(" a year") + ")",
               "council-tax", 3);
    // "How are we doing?": each rating given, in words.
    std::string rated;
    const auto point_words = [&](budget::RatingScale scale, int point) {
        return std::string(point == budget::kDontKnow ? s.tr("Don't know") : s.tr(budget::scale_point_words(scale)[static_cast<std::size_t>(point)]));
    };
    for (std::size_t g = 0; g < s.group_ratings.size() && g < b.groups.size(); ++g)
        if (s.group_ratings[g] != AppState::kNotRated)
            line(rated, s.text(b.groups[g].name) + ": " + point_words(budget::RatingScale::Satisfaction, s.group_ratings[g]));
    const auto& questions = budget::perception_questions();
    for (std::size_t q = 0; q < s.perception_ratings.size() && q < questions.size(); ++q)
        if (s.perception_ratings[q] != AppState::kNotRated)
            line(rated, std::string(s.tr(questions[q].question)) + " " + point_words(questions[q].scale, s.perception_ratings[q]));
    answer_row(s, s.tr("How are we doing?"), rated.empty() ? s.tr("No ratings given") : rated, "ratings", s.lever_tab, Screen::Ratings);
}

}  // namespace

// GOV.UK's "check your answers": each choice with a Change link, how the gap closes, the optional
// comments and questions with the privacy notice, and the one Send button after all of them.
void draw_review(AppState& s) {
    const budget::Budget& b = s.budget;
    if (button(s, s.tr("Back to the simulator"), "Back")) s.screen = Screen::Simulator;
    ImGui::BeginChild("review-body", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    heading(s, s.tr("Check your answers before sending your budget"), 2);
    answers(s);
    gap_lines(s);
    if (b.codes_required) voter_code_box(s);

    heading(s, s.tr("Comments (optional)"), 2);
    switch (s.comment_fate) {
        case CommentFate::CheckedFirst:
            note(s, s.tr("The council reads each comment before publishing it on this site with its results, without names. Do not "
                         "write anything that could identify you or anyone else."));
            break;
        case CommentFate::AtOnce:
            note(s, s.tr("Comments appear on this site with the council's results straight away, without names; the council may "
                         "hide any afterwards. Do not write anything that could identify you or anyone else."));
            break;
        case CommentFate::Private: note(s, s.tr("Only the council reads your comments: they are not published.")); break;
        case CommentFate::Unknown: break;
    }
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
        // What the database holds (docs/privacy.md): the answers, linked to this response.
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

    // Sending comes last, once everything above has been seen.
    heading(s, s.tr("Now send your budget"), 2);
    paragraph(s, s.tr("When you send it, the council receives your choices and anything you wrote above."));
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
    ImGui::Spacing();
    ImGui::EndChild();
}

}  // namespace app
