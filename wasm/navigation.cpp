// Screens and tabs as address fragments, both ways.
#include "navigation.h"

namespace app {

namespace {

struct Place {
    const char* fragment;
    Screen screen;
    int lever_tab;  // the simulator's tab; -1 for other screens
};
const Place kPlaces[] = {{"welcome", Screen::Welcome, -1},     {"overview", Screen::Simulator, 0},
                         {"services", Screen::Simulator, 1},   {"savings", Screen::Simulator, 2},
                         {"income", Screen::Simulator, 3},     {"review", Screen::Review, -1},
                         {"sent", Screen::Confirmation, -1},   {"report", Screen::AnnualReport, -1},
                         {"projects", Screen::Ballot, -1},     {"check-vote", Screen::BallotReview, -1},
                         {"vote-sent", Screen::BallotSent, -1},  {"rate", Screen::Ratings, -1}};

bool ballot_screen(Screen s) { return s == Screen::Ballot || s == Screen::BallotReview || s == Screen::BallotSent; }

}  // namespace

std::string location_of(const AppState& s) {
    for (const Place& p : kPlaces)
        if (p.screen == s.screen && (p.lever_tab < 0 || static_cast<std::size_t>(p.lever_tab) == s.lever_tab)) return p.fragment;
    return "welcome";
}

bool go_to(AppState& s, const std::string& location) {
    const Place* place = nullptr;
    for (const Place& p : kPlaces)
        if (location == p.fragment) place = &p;
    const bool ballot = s.vote.has_value();
    if (!place || ballot_screen(place->screen) != ballot) return false;
    const bool sent_screen = place->screen == Screen::Confirmation || place->screen == Screen::BallotSent;
    const bool sent = !s.submission_id.empty() && (s.send_state == SendState::Waiting || s.send_state == SendState::Sent);
    // Before sending there is nothing to confirm, and a vote is checked by its own button.
    if (sent_screen && !sent) return false;
    if (place->screen == Screen::BallotReview && s.screen != Screen::BallotReview) return false;
    s.screen = place->screen;
    if (place->lever_tab >= 0) s.lever_tab = static_cast<std::size_t>(place->lever_tab);
    s.confirm_reset = false;
    return true;
}

}  // namespace app
