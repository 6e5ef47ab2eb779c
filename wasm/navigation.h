// Where the resident is, as the page's address fragment ("#services", "#review", "#report"...), so
// that each screen and tab is a history entry: Back and Forward move between them, and a link with
// a fragment opens that screen.
#pragma once
#include <string>

#include "app_state.h"

namespace app {

// The fragment for the screen and tab now shown (without '#').
std::string location_of(const AppState& s);
// Goes to the screen a fragment names, where the resident may be; false (nothing changes) for an
// unknown fragment or a screen not open to them (a budget's screens on a ballot, the confirmation
// before anything was sent, a vote's check except by its button).
bool go_to(AppState& s, const std::string& location);

}  // namespace app
