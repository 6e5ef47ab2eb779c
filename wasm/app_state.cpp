// AppState changes and its JSON view.
#include "app_state.h"

#include <nlohmann/json.hpp>

#include "money.h"
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
    touched();
}

void AppState::reset() { set_choices(budget::default_choices(budget)); }

bool AppState::undo_last() {
    if (undo.empty()) return false;
    choices = undo.back();
    undo.pop_back();
    budget::simulate(budget, choices, outcome);
    touched();
    return true;
}

bool AppState::can_submit(std::string& why) const {
    if (budget.balance_rule == budget::BalanceRule::MustBalance && !outcome.balanced) {
        why = text("The council must set a balanced budget: close the remaining gap of ",
                   "Rhaid i'r cyngor osod cyllideb gytbwys: caewch y bwlch sy'n weddill o ") +
              budget::format_pounds_short(outcome.remaining_gap) + text(" before sending.", " cyn anfon.");
        return false;
    }
    return true;
}

std::string AppState::submission_json() const {
    // Until the resident sends, the draft kept on the device carries a placeholder id.
    budget::Submission s = budget::make_submission(budget, choices, submission_id.empty() ? "draft-0000" : submission_id);
    s.language = language;
    s.overall_comment = overall_comment;
    for (const auto& [svc, t] : service_comments)
        if (!t.empty()) s.service_comments.emplace_back(svc, t);
    if (demographics_consent)
        for (const auto& [q, o] : demographic_answers) s.demographics.emplace_back(q, o);
    return budget::submission_to_json(budget, s);
}

std::string state_json(const AppState& s, const FrameCosts& costs) {
    using nlohmann::json;
    json rects = json::object();
    for (const auto& [label, r] : s.item_rects) rects[label] = {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}};
    json services = json::object();
    for (std::size_t i = 0; i < s.budget.services.size(); ++i) services[s.budget.services[i].id] = s.choices.service_bp[i];
    static const char* const screens[] = {"welcome", "simulator", "review", "confirmation", "annual_report"};
    static const char* const sends[] = {"not_sent", "waiting", "sent", "rejected"};
    json efficiencies = json::array(), incomes = json::array();
    for (std::size_t i = 0; i < s.budget.efficiencies.size(); ++i)
        if (s.choices.efficiency_on[i]) efficiencies.push_back(s.budget.efficiencies[i].id);
    for (std::size_t i = 0; i < s.budget.incomes.size(); ++i)
        if (s.choices.income_on[i]) incomes.push_back(s.budget.incomes[i].id);
    const json doc = {{"screen", screens[static_cast<int>(s.screen)]},
                      {"efficiencies", efficiencies},
                      {"income", incomes},
                      {"submission_id", s.submission_id},
                      {"send_state", sends[static_cast<int>(s.send_state)]},
                      {"projector", s.projector},
                      {"language", s.language},
                      {"budget", s.budget.id},
                      {"services_bp", services},
                      {"council_tax_bp", s.choices.council_tax_bp},
                      {"remaining_gap_pence", s.outcome.remaining_gap},
                      {"balanced", s.outcome.balanced},
                      {"undo_steps", s.undo.size()},
                      {"frames_drawn", costs.frames},
                      {"frame_ms_mean", costs.mean_ms},
                      {"frame_ms_max", costs.max_ms},
                      {"build_ms_mean", costs.build_mean_ms},
                      {"items", rects}};
    return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace app
