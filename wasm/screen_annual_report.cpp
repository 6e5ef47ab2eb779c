// Annual report: the council's indicators as cards, grouped as the sector groups them (resident
// perception, cost, outcome): trend over the years, target, RAG status, and where the council sits
// among similar councils.
#include <algorithm>
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

// The values over the years as a line with a dot for each year, and the target (when there is one)
// as a dashed level line, so the two differ by more than colour. First and last year underneath.
void trend_chart(const budget::Kpi& k, float height) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x, text = ImGui::GetFontSize();
    const ImVec2 min = ImGui::GetCursorScreenPos(), max(min.x + width, min.y + height);
    ImGui::Dummy(ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
    draw->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding);
    // Drawing only (floats are fine here): every figure shown in words is exact.
    double lo = static_cast<double>(k.history.front().value), hi = lo;
    for (const auto& y : k.history) {
        lo = std::min(lo, static_cast<double>(y.value));
        hi = std::max(hi, static_cast<double>(y.value));
    }
    if (k.target) {
        lo = std::min(lo, static_cast<double>(*k.target));
        hi = std::max(hi, static_cast<double>(*k.target));
    }
    const float pad = 10.0f, top = min.y + pad, bottom = max.y - pad - text;
    const auto y_of = [&](budget::Milli v) {
        if (hi <= lo) return (top + bottom) * 0.5f;
        return bottom - static_cast<float>((static_cast<double>(v) - lo) / (hi - lo)) * (bottom - top);
    };
    const std::size_t n = k.history.size();
    const auto x_of = [&](std::size_t i) {
        if (n < 2) return (min.x + max.x) * 0.5f;
        return min.x + pad + (width - 2 * pad) * static_cast<float>(i) / static_cast<float>(n - 1);
    };
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text), line = ImGui::GetColorU32(ImGuiCol_SliderGrab);
    if (k.target) {
        const float y = y_of(*k.target);
        for (float x = min.x + pad; x < max.x - pad; x += 12.0f)
            draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + 6.0f, max.x - pad), y), ink, 1.5f);
    }
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < n; ++i) points.emplace_back(x_of(i), y_of(k.history[i].value));
    draw->AddPolyline(points.data(), static_cast<int>(points.size()), line, ImDrawFlags_None, 3.0f);
    for (const ImVec2& p : points) draw->AddCircleFilled(p, 4.5f, line);
    const std::string& first = k.history.front().year;
    const std::string& last = k.history.back().year;
    const float label_y = max.y - pad * 0.5f - text;
    draw->AddText(ImVec2(min.x + pad, label_y), ink, first.c_str());
    if (n > 1) draw->AddText(ImVec2(max.x - pad - ImGui::CalcTextSize(last.c_str()).x, label_y), ink, last.c_str());
}

void card(AppState& s, const budget::Kpi& k, float width) {
    const float em = ImGui::GetFontSize();  // the card grows with the type (projector mode)
    ImGui::BeginChild(k.id.c_str(), ImVec2(width, em * 15.0f), ImGuiChildFlags_Border, ImGuiWindowFlags_NavFlattened);
    heading(s, s.text(k.name), 3);
    const budget::Milli current = k.history.back().value;
    const budget::Rag rag = budget::rag_of(k, current);
    const std::string now = budget::format_kpi_value(k, current) + "  (" + rag_word(s, rag) + ")";
    coloured_text(s, now, rag_colour(rag, s.high_contrast));
    trend_chart(k, em * 5.0f);
    std::string trend = std::string(s.text("Trend: ", "Tuedd: "));
    for (const auto& y : k.history) trend += y.year + " " + budget::format_kpi_value(k, y.value) + (&y == &k.history.back() ? "." : "; ");
    described(s, trend, "trend:" + k.id);
    if (k.target)
        paragraph(s, std::string(s.text("Target (dashed line): ", "Targed (llinell doredig): ")) + budget::format_kpi_value(k, *k.target));
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
