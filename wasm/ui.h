// Shared UI helpers and one draw function per screen or panel, each a function of AppState.
#pragma once
#include <string>
#include <vector>

#include "app_state.h"
#include "imgui.h"

namespace app {

void draw_app(AppState& s);
void draw_welcome(AppState& s);
void draw_simulator(AppState& s);
void draw_review(AppState& s);
void draw_confirmation(AppState& s);
void draw_annual_report(AppState& s);

// Simulator panels.
void panel_services(AppState& s);
void panel_savings(AppState& s);
void panel_income(AppState& s);
void panel_summary(AppState& s, bool compact);
void gap_bar(AppState& s);

// Records the last item's rectangle under `label`, for the test hook.
void remember_item(AppState& s, const std::string& label);
// Wrapped text.
void paragraph(const std::string& text);
// Colour and word for a RAG status (never colour alone).
ImVec4 rag_colour(budget::Rag r, bool high_contrast);
const char* rag_word(const AppState& s, budget::Rag r);
// A checkbox for option `i` of `on` (savings or income): changes go through AppState, with undo.
void option_toggle(AppState& s, const std::string& name, std::vector<char> budget::Choices::*on, std::size_t i,
                   const std::string& id_label);
// A full-width button of touch size.
bool wide_button(AppState& s, const char* label, const std::string& id_label, bool enabled = true);

}  // namespace app
