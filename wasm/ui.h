// Shared UI helpers and one draw function per screen or panel, each a function of AppState.
#pragma once
#include <string>
#include <vector>

#include "app_state.h"
#include "kpi_format.h"
#include "imgui.h"

namespace app {

// The least height and width of anything tapped, in CSS px (WCAG 2.5.5, GOV.UK).
constexpr float kTouchTarget = 44.0f;

void draw_app(AppState& s);
void draw_welcome(AppState& s);
void draw_simulator(AppState& s);
void draw_review(AppState& s);
void draw_confirmation(AppState& s);
void draw_annual_report(AppState& s);
void draw_ratings(AppState& s);  // "How are we doing?", the optional step before review
// A project ballot: the projects to choose, the choices to check and send, and the confirmation.
void draw_ballot(AppState& s);
void draw_ballot_review(AppState& s);
void draw_ballot_sent(AppState& s);
// A kiosk's countdown to the next person (nothing unless it is counting down).
void kiosk_banner(AppState& s);
// The voter code box (a ballot or budget that asks for codes).
void voter_code_box(AppState& s);

// Every choice with its money effect this year, then the totals that make the balance (review and
// confirmation).
void choice_lines(AppState& s);
void gap_lines(AppState& s);  // how the gap closes, total by total (review; part of choice_lines)
// A short reference for a submission id ("s-1a2b3c4d-..." -> "1A2B-3C4D"): for the resident to quote.
std::string short_reference(const std::string& submission_id);

// Simulator panels.
void panel_overview(AppState& s);
void panel_services(AppState& s);
void panel_savings(AppState& s);
void panel_income(AppState& s);
void panel_summary(AppState& s, bool compact);
void gap_bar(AppState& s);
// What a surplus would allow (a lower council tax), in words; empty when there is no surplus.
std::string surplus_words(const AppState& s);

// Accessible widgets (widgets.cpp): each draws, records itself for the screen-reader mirror and
// the test hook under `key`, and applies what assistive technology asked of it.
void paragraph(AppState& s, const std::string& text, const std::string& key = "");  // wrapped at spaces
std::string wrap_at_spaces(const std::string& text, float width);
void note(AppState& s, const std::string& text);                                    // secondary text
void coloured_text(AppState& s, const std::string& text, const ImVec4& colour, const std::string& key = "");
void heading(AppState& s, const std::string& text, int level);  // 1: title; 2: section rule; 3: sub-heading
// An image the page shows over the canvas at this place (a council's logo), with its words.
void image(AppState& s, const std::string& address, const std::string& alt, const std::string& key, const ImVec2& size);
// Words for the last item drawn (a chart, a bar), in the mirror under `key` if given.
void described(AppState& s, const std::string& text, const std::string& key = "");
bool button(AppState& s, const std::string& label, const std::string& key, const ImVec2& size = ImVec2(0, 0),
            bool enabled = true);
// A large button, full width on a phone, else its words; `primary` (the screen's one main action) in
// GOV.UK's green, else the theme's colours.
bool wide_button(AppState& s, const std::string& label, const std::string& key, bool enabled = true, bool primary = true);
float wide_button_height();
void push_primary_colours();  // for a main action drawn with button()
void pop_primary_colours();
bool checkbox(AppState& s, const std::string& label, const std::string& key, bool* on);
// A full-width bar filled to `fraction` (0..1) with `fill`, its words on it (white where filled);
// the caller describes it for the mirror.
void fill_bar(float fraction, const std::string& label, ImU32 fill, float height = 36.0f);
// A checkbox for option `i` of `on` (savings or income): changes go through AppState, with undo.
void option_toggle(AppState& s, const std::string& name, std::vector<char> budget::Choices::*on, std::size_t i,
                   const std::string& key);
// What a slider shows of its range under it: the ends, and marks at steps (today's level, a legal limit).
struct SliderMarks {
    std::string min_words, max_words;
    int today = -1;  // the step of today's level: marked above and below the track, labelled
    std::string today_words;
    int limit = -1;  // the step of a limit (the council tax referendum limit): marked below, labelled
    std::string limit_words;
};
// A full-width slider over 0..max_steps; `value_words` is its value as shown (for screen readers).
bool slider_steps(AppState& s, const std::string& name, const std::string& value_words, const std::string& key, int* steps,
                  int max_steps, const SliderMarks& marks = {});
// One tab of a row of tabs; true when chosen this frame.
bool tab(AppState& s, const std::string& label, const std::string& key, bool open);
bool expander(AppState& s, const std::string& label, const std::string& key, bool open_at_first = true);  // a collapsing group
// A text box; multi-line ones are real text areas over the canvas (browser editing). Text is kept
// to `max_bytes` of UTF-8 (0: no limit).
bool text_box(AppState& s, const std::string& name, const std::string& key, std::string* text, float multiline_height = 0,
              std::size_t max_bytes = 0);
// One of several options, as a row of buttons that wraps; returns the option chosen this frame, or
// -1. `shown`, when given, is shorter wording for the buttons ("D" for "Band D"); screen readers
// get `options` as a radio group.
int select(AppState& s, const std::string& name, const std::string& key, const std::vector<std::string>& options, int current,
           const std::vector<std::string>* shown = nullptr);
// A button that is one of a set: the chosen one filled and underlined (not colour alone).
bool choice_button(const std::string& label, bool chosen);
// Puts the next item of width for `label` beside the last one if it fits, else on a new line.
void beside_if_fits(const char* label);

// "+2.99%", "-5%", "0%": a change in percent, with its sign.
std::string signed_percent(budget::BasisPoints bp);

// Indicator units in the resident's language (" points", " days"...).
budget::KpiWords kpi_words(const AppState& s);

// Colour and word for a RAG status (never colour alone).
ImVec4 rag_colour(budget::Rag r, bool high_contrast);
const char* rag_word(const AppState& s, budget::Rag r);

}  // namespace app
