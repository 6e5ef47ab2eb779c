// "How are we doing?": the optional step before review, where a resident rates each service group
// and answers the LGA's questions about the council as a whole; every question may be left.
#include "resident_ratings.h"
#include "ui.h"

namespace app {

namespace {

// One question as a radio group: "No answer" first, the scale best first, then "Don't know".
// `rating` is a point (0 best), budget::kDontKnow, or AppState::kNotRated.
void rating_question(AppState& s, const std::string& label, const std::string& key, budget::RatingScale scale, int* rating) {
    std::vector<std::string> options{s.tr("No answer")};
    for (const char* words : budget::scale_point_words(scale)) options.push_back(s.tr(words));
    options.push_back(s.tr("Don't know"));
    const int dont_know = static_cast<int>(options.size()) - 1;
    const int current = *rating == AppState::kNotRated ? 0 : *rating == budget::kDontKnow ? dont_know : *rating + 1;
    ImGui::TextUnformatted(wrap_at_spaces(label, ImGui::GetContentRegionAvail().x).c_str());  // the radio group says it for screen readers
    const int chosen = select(s, label, key, options, current);
    if (chosen < 0) return;
    *rating = chosen == 0 ? AppState::kNotRated : chosen == dont_know ? budget::kDontKnow : chosen - 1;
    s.touched();
}

}  // namespace

void draw_ratings(AppState& s) {
    const budget::Budget& b = s.budget;
    if (button(s, s.tr("Back to the simulator"), "Back")) s.screen = Screen::Simulator;
    ImGui::BeginChild("ratings-body", ImVec2(0, 0), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    heading(s, s.tr("How are we doing? (optional)"), 2);
    paragraph(s, s.tr("Tell the council how well you think it is doing. Every question is optional. Your ratings are sent with "
                      "your budget. Once 10 residents have rated a service, the council publishes the share who are satisfied, "
                      "never anyone's own answers."));
    if (button(s, s.tr("Skip to check your answers"), "Skip ratings")) s.screen = Screen::Review;
    heading(s, s.tr("How satisfied are you with these services?"), 3);
    for (std::size_t g = 0; g < b.groups.size() && g < s.group_ratings.size(); ++g) {
        ImGui::PushID(static_cast<int>(g));
        rating_question(s, s.text(b.groups[g].name), "rate:" + b.groups[g].id, budget::RatingScale::Satisfaction, &s.group_ratings[g]);
        ImGui::PopID();
    }
    heading(s, s.tr("The council as a whole"), 3);
    const auto& questions = budget::perception_questions();
    for (std::size_t q = 0; q < questions.size() && q < s.perception_ratings.size(); ++q) {
        ImGui::PushID(static_cast<int>(100 + q));
        rating_question(s, s.tr(questions[q].question), std::string("rate:") + questions[q].id, questions[q].scale, &s.perception_ratings[q]);
        ImGui::PopID();
    }
    ImGui::Spacing();
    if (wide_button(s, s.tr("Continue to check your answers"), "Continue")) s.screen = Screen::Review;
    ImGui::Spacing();
    ImGui::EndChild();
}

}  // namespace app
