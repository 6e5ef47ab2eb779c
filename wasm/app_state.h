// The resident app's state. The UI is a thin function of this; every change goes through here.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "budget.h"
#include "simulation.h"

namespace app {

enum class Screen { Welcome, Simulator };

struct Rect { float x, y, w, h; };

struct AppState {
    budget::Budget budget;
    budget::Choices choices;
    budget::Outcome outcome;
    Screen screen = Screen::Welcome;
    std::string language = "en";
    std::vector<budget::Choices> undo;
    char receipt_band = 'D';
    std::map<std::string, Rect> item_rects;  // by label, refreshed every frame (for tests and tools)

    void start(budget::Budget b);
    void set_choices(const budget::Choices& next);  // keeps an undo step, re-simulates
    void reset();
    bool undo_last();
    // English or Welsh, by the resident's language.
    const char* text(const char* en, const char* cy) const { return language == "cy" ? cy : en; }
    const std::string& text(const budget::LocalText& t) const { return t.in(language); }
};

// The state as JSON, for the read-only test hook window.budgetApp.state().
std::string state_json(const AppState& s, unsigned long frames_drawn);

}  // namespace app
