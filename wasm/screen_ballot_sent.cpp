// After sending a vote: the true state of sending, a reference, what was sent and how it is counted.
#include "ui.h"

namespace app {

void vote_lines(AppState& s);  // screen_ballot_review.cpp

void draw_ballot_sent(AppState& s) {
    const budget::Ballot& b = s.vote->ballot;
    std::string status;
    switch (s.send_state) {
        case SendState::Sent: status = s.tr("Thank you: your vote has been received."); break;
        case SendState::Waiting:
            status = s.tr("Waiting to send: your vote is saved on this device and will be sent as soon as the connection allows.");
            break;
        case SendState::Rejected:
            status = s.refusal();
            if (status.empty()) status = s.tr("The council's server could not accept this vote: {reason}", {{"reason", s.send_message}});
            break;
        case SendState::NotSent: break;
    }
    if (!status.empty()) {
        paragraph(s, status, "Status");
        s.mirror.announce = status;
    }
    const bool refused = s.send_state == SendState::Rejected;  // nothing was stored: no reference, no next steps
    if (!s.submission_id.empty() && !refused)
        paragraph(s, s.tr("Your reference: {reference} (quote it if you contact the council about your vote)",
                          {{"reference", short_reference(s.submission_id)}}),
                  "Reference");
    heading(s, refused ? s.tr("What you tried to vote for") : s.tr("What you voted for"), 2);
    vote_lines(s);
    if (!refused) {
        heading(s, s.tr("What happens next"), 2);
        paragraph(s, b.counting == budget::CountingRule::EqualShares
                         ? s.tr("When voting closes, the votes are counted by the Method of Equal Shares: the budget is shared "
                                "equally among everyone who voted, and each project is paid for by the people who chose it, so "
                                "every part of the community has a fair say.")
                         : s.tr("When voting closes, the projects with the most votes are funded, most votes first, while the "
                                "money lasts."));
        paragraph(s, b.results_public ? s.tr("The results are published on this site.")
                                      : s.tr("The council publishes the results when it chooses."));
    }
    if (s.send_state == SendState::Rejected && button(s, s.tr("Back to the projects"), "Back")) s.screen = Screen::Ballot;
    if (s.send_state == SendState::Rejected && s.send_code.rfind("code.", 0) == 0) {  // a code to put right: where it is typed
        beside_if_fits(s.tr("Check the voter code"));
        if (button(s, s.tr("Check the voter code"), "Check code")) s.screen = Screen::BallotReview;
    }
}

}  // namespace app
