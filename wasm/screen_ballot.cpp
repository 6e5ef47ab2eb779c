// The ballot: its rule in plain words, the area, a card for each project (name, cost, choose, more
// on request), and in view below them a bar of what is chosen and the way on to check and send.
#include "ui.h"

namespace app {

namespace {

// The bar: projects chosen against the most allowed (approval with a limit), else money against the budget.
void chosen_bar(AppState& s, const BallotChoice& v) {
    const budget::Ballot& b = v.ballot;
    const auto count = v.projects().size();
    const budget::Pence spent = v.spent(), limit = v.budget();
    const bool by_count = b.rule == budget::BallotRule::Approval && b.max_projects > 0;
    const float fraction = by_count ? static_cast<float>(count) / static_cast<float>(b.max_projects)
                           : limit > 0 ? static_cast<float>(static_cast<double>(spent) / static_cast<double>(limit)) : 0.0f;
    const std::string label =
        by_count ? s.tr("{count} of {max} projects chosen, costing {spent}",
                        {{"count", std::to_string(count)}, {"max", std::to_string(b.max_projects)}, {"spent", s.money(spent)}})
                 : s.tr("{spent} of {budget} chosen ({count} projects)",
                        {{"spent", s.money(spent)}, {"budget", s.money(limit)}, {"count", std::to_string(count)}});
    const bool over = fraction > 1.0f;
    fill_bar(fraction, label, over ? IM_COL32(179, 13, 13, 255) : IM_COL32(13, 79, 140, 255), ImGui::GetFrameHeight() + 8.0f);
    described(s, label, "Chosen");
    s.mirror.announce = label;  // said as it changes, so a screen reader hears what a choice did
}

void project_card(AppState& s, BallotChoice& v, std::size_t i) {
    const budget::Project& p = v.ballot.projects[i];
    ImGui::PushID(static_cast<int>(i));
    heading(s, s.text(p.name), 3);
    std::string facts = s.money(p.cost);
    if (!p.category.empty()) facts += " · " + p.category;
    paragraph(s, facts, "cost:" + p.id);
    bool on = v.chosen[i] != 0;
    if (checkbox(s, s.tr("Choose {project}", {{"project", s.text(p.name)}}), "project:" + p.id, &on)) s.choose_project(i, on);
    if (!s.text(p.description).empty() && expander(s, s.tr("More about this project"), "more:" + p.id, false))
        paragraph(s, s.text(p.description));
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::PopID();
}

}  // namespace

void draw_ballot(AppState& s) {
    BallotChoice& v = *s.vote;
    const budget::Ballot& b = v.ballot;
    const std::string problem = s.vote_problem();
    // The projects scroll; what is chosen and the way on stay in view below them.
    const float wrap = ImGui::GetContentRegionAvail().x;
    const float problem_height = problem.empty() ? 0.0f : ImGui::CalcTextSize(wrap_at_spaces(problem, wrap).c_str()).y;
    const float footer = ImGui::GetFrameHeight() + 8.0f + wide_button_height() + problem_height + ImGui::GetStyle().ItemSpacing.y * 5;
    ImGui::BeginChild("ballot-body", ImVec2(0, -footer), ImGuiChildFlags_None, ImGuiWindowFlags_NavFlattened);
    heading(s, s.text(b.title), 1);
    note(s, s.text(b.council));
    if (!s.text(b.description).empty()) paragraph(s, s.text(b.description));
    if (const std::string when = s.consultation_note(); !when.empty()) paragraph(s, when, "Consultation");
    paragraph(s, s.ballot_rule_words(), "Rule");
    if (!b.areas.empty()) {
        heading(s, s.tr("Your area"), 2);
        std::vector<std::string> areas;
        for (const auto& a : b.areas) areas.push_back(s.text(a.name) + " (" + s.money(a.budget) + ")");
        const int chosen = select(s, s.tr("Your area"), "Area", areas, v.area);
        if (chosen >= 0) s.choose_area(chosen);
    }
    if (b.areas.empty() || v.area >= 0) {
        heading(s, s.tr("Projects"), 2);
        for (std::size_t i = 0; i < b.projects.size(); ++i)
            if (v.in_area(i)) project_card(s, v, i);
    }
    ImGui::EndChild();
    chosen_bar(s, v);
    if (!problem.empty()) paragraph(s, problem, "Problem");
    if (wide_button(s, s.tr("Check and send your vote"), "Review", problem.empty())) s.screen = Screen::BallotReview;
}

}  // namespace app
