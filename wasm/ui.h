// Shared UI helpers and one draw function per screen, each a function of AppState.
#pragma once
#include "app_state.h"

namespace app {

void draw_app(AppState& s);
void draw_welcome(AppState& s);
void draw_simulator(AppState& s);

// Records the last item's rectangle under `label`, for the test hook.
void remember_item(AppState& s, const std::string& label);

}  // namespace app
