// Annual report: the council's indicators as cards, grouped as the sector groups them (resident
// perception, cost, outcome): trend over the years, target, RAG status, and where the council sits
// among similar councils.
#include <vector>

#include "kpi_format.h"
#include "ui.h"

namespace app {

namespace {

// Which quarter of similar councils this value falls in, counting from the best.
const char* quartile_words(const AppState& s, const budget::Kpi& k, budget::Milli v) {
    int quarter = v <= k.comparator_lower_quartile ? 0 : v <= k.comparator_median ? 1 : v <= k.comparator_upper_quartile ? 2 : 3;
    if (k.polarity == budget::Polarity::HigherIsBetter) quarter = 3 - quarter;
    static const char* const en[] = {"in the best quarter of similar councils", "in the second quarter of similar councils",
                                     "in the third quarter of similar councils", "in the worst quarter of similar councils"};
    static const char* const cy[] = {"yn y chwarter gorau o gynghorau tebyg", "yn yr ail chwarter o gynghorau tebyg",
                                     "yn y trydydd chwarter o gynghorau tebyg", "yn y chwarter gwaethaf o gynghorau tebyg"};
    return s.language == "cy" ? cy[quarter] : en[quarter];
}

void card(AppState& s, const budget::Kpi& k, float width) {
    ImGui::BeginChild(k.id.c_str(), ImVec2(width, 270), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
    heading(s, s.text(k.name), 3);
    const budget::Milli current = k.history.back().value;
    const budget::Rag rag = budget::rag_of(k, current);
    const std::string now = budget::format_kpi_value(k, current) + "  (" + rag_word(s, rag) + ")";
    coloured_text(s, now, rag_colour(rag, s.high_contrast));
    std::vector<float> series;
    float lo = 0, hi = 0;
    for (const auto& y : k.history) {
        const float v = static_cast<float>(y.value) / 1000.0f;  // drawing only; every figure shown is exact
        if (series.empty() || v < lo) lo = v;
        if (series.empty() || v > hi) hi = v;
        series.push_back(v);
    }
    const float pad = (hi - lo) * 0.15f + 0.001f;
    const std::string range = k.history.front().year + " - " + k.history.back().year;
    ImGui::PlotLines("##trend", series.data(), static_cast<int>(series.size()), 0, range.c_str(), lo - pad, hi + pad, ImVec2(-1, 70));
    std::string trend = std::string(s.text("Trend: ", "Tuedd: "));
    for (const auto& y : k.history) trend += y.year + " " + budget::format_kpi_value(k, y.value) + (&y == &k.history.back() ? "." : "; ");
    described(s, trend, "trend:" + k.id);
    if (k.target) paragraph(s, std::string(s.text("Target: ", "Targed: ")) + budget::format_kpi_value(k, *k.target));
    paragraph(s, std::string(s.text("Similar councils: median ", "Cynghorau tebyg: canolrif ")) +
              budget::format_kpi_value(k, k.comparator_median) + " (" + budget::format_kpi_value(k, k.comparator_lower_quartile) +
              " - " + budget::format_kpi_value(k, k.comparator_upper_quartile) + "). " + s.text("This council is ", "Mae'r cyngor hwn ") +
              quartile_words(s, k, current) + ".");
    ImGui::EndChild();
}

}  // namespace

void draw_annual_report(AppState& s) {
    if (button(s, s.text("Back to the simulator", "Yn ôl i'r efelychydd"), "Back")) s.screen = Screen::Simulator;
    const float width = ImGui::GetContentRegionAvail().x;
    const int columns = width >= 1200 ? 3 : width >= 700 ? 2 : 1;
    const float card_width = (width - static_cast<float>(columns - 1) * ImGui::GetStyle().ItemSpacing.x) / static_cast<float>(columns);
    const std::pair<budget::KpiGroup, const char*> groups[] = {
        {budget::KpiGroup::Perception, s.text("What residents think", "Beth mae trigolion yn ei feddwl")},
        {budget::KpiGroup::Cost, s.text("Cost and productivity", "Cost a chynhyrchiant")},
        {budget::KpiGroup::Outcome, s.text("Outcomes", "Canlyniadau")}};
    for (const auto& [group, title] : groups) {
        heading(s, title, 2);
        int placed = 0;
        for (const auto& k : s.budget.kpis) {
            if (k.group != group) continue;
            if (placed % columns != 0) ImGui::SameLine();
            card(s, k, card_width);
            ++placed;
        }
    }
}

}  // namespace app
