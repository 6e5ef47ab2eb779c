// AppState changes and its JSON view.
#include "app_state.h"

#include <nlohmann/json.hpp>

#include "submission.h"

namespace app {

void AppState::start(budget::Budget b) {
    budget = std::move(b);
    choices = budget::default_choices(budget);
    outcome = budget::simulate(budget, choices);
    undo.clear();
}

void AppState::set_choices(const budget::Choices& next) {
    undo.push_back(choices);
    if (undo.size() > 200) undo.erase(undo.begin());
    choices = next;
    budget::simulate(budget, choices, outcome);
}

void AppState::reset() { set_choices(budget::default_choices(budget)); }

bool AppState::undo_last() {
    if (undo.empty()) return false;
    choices = undo.back();
    undo.pop_back();
    budget::simulate(budget, choices, outcome);
    return true;
}

std::string state_json(const AppState& s, unsigned long frames_drawn) {
    using nlohmann::json;
    json rects = json::object();
    for (const auto& [label, r] : s.item_rects) rects[label] = {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}};
    json services = json::object();
    for (std::size_t i = 0; i < s.budget.services.size(); ++i) services[s.budget.services[i].id] = s.choices.service_bp[i];
    const json doc = {{"screen", s.screen == Screen::Welcome ? "welcome" : "simulator"},
                      {"language", s.language},
                      {"budget", s.budget.id},
                      {"services_bp", services},
                      {"council_tax_bp", s.choices.council_tax_bp},
                      {"remaining_gap_pence", s.outcome.remaining_gap},
                      {"balanced", s.outcome.balanced},
                      {"undo_steps", s.undo.size()},
                      {"frames_drawn", frames_drawn},
                      {"items", rects}};
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace app
