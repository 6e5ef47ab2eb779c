// Checking a vote before it goes: each project chosen with its cost, the total, what is kept, and Send.
#include "platform_web.h"
#include "ui.h"

namespace app {

// Each chosen project and its cost, then the total against the budget (review and confirmation).
void vote_lines(AppState& s) {
    const BallotChoice& v = *s.vote;
    if (v.area >= 0) paragraph(s, s.tr("Area: {area}", {{"area", s.text(v.ballot.areas[static_cast<std::size_t>(v.area)].name)}}));
    for (const auto p : v.projects()) {
        const budget::Project& project = v.ballot.projects[p];
        paragraph(s, s.text(project.name) + ": " + s.money(project.cost), "vote:" + project.id);
    }
    paragraph(s, s.tr("In all: {spent} of the {budget} to spend.", {{"spent", s.money(v.spent())}, {"budget", s.money(v.budget())}}),
              "Total");
}

void draw_ballot_review(AppState& s) {
    if (button(s, s.tr("Back to the projects"), "Back")) s.screen = Screen::Ballot;
    heading(s, s.tr("Your vote"), 2);
    vote_lines(s);
    // What the database holds (docs/privacy.md): the projects, the language and a random reference.
    paragraph(s, s.tr("Your vote is stored with a random reference, not your name. Once sent, it cannot be changed."));
    if (s.vote->ballot.codes_required) voter_code_box(s);
    std::string problem = s.vote_problem();
    if (problem.empty()) problem = s.voter_code_problem();
    const std::string why = !problem.empty() ? problem : s.consultation_note();
    if (!why.empty()) paragraph(s, why, "Problem");
    if (wide_button(s, s.tr("Send my vote"), "Send", why.empty())) {
        if (s.submission_id.empty()) s.submission_id = web::new_submission_id();
        s.send_state = SendState::Waiting;
        s.touched();
        web::send_submission(s.vote_json());
        s.screen = Screen::BallotSent;
    }
}

}  // namespace app
