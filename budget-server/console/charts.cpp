// Bar chart geometry in whole pixels, from exact counts.
#include "charts.h"

#include <algorithm>

namespace server::console {

namespace {
constexpr int kTextLine = 22, kBarHeight = 14, kRowGap = 12;

std::string permille_as_percent(int permille) {
    return std::to_string(permille / 10) + "." + std::to_string(permille % 10);
}
}  // namespace

std::vector<BarGeometry> bar_layout(const BarChart& chart, int& height) {
    std::uint64_t largest = 0;
    for (const auto& b : chart.bars) largest = std::max(largest, b.value);
    std::vector<BarGeometry> out;
    int y = 0;
    for (const auto& b : chart.bars) {
        BarGeometry g;
        g.text_y = y + 16;
        g.bar_y = y + kTextLine;
        g.bar_h = kBarHeight;
        // Exact proportion in 128 bits; anything above zero shows at least a thousandth.
        g.bar_permille = largest == 0 ? 0 : static_cast<int>(static_cast<unsigned __int128>(b.value) * 1000u / largest);
        if (b.value > 0 && g.bar_permille == 0) g.bar_permille = 1;
        out.push_back(g);
        y += kTextLine + kBarHeight + kRowGap;
    }
    height = std::max(1, y - kRowGap + 2);
    return out;
}

void fill_chart(const BarChart& chart, ctemplate::TemplateDictionary& dict) {
    int height = 0;
    const auto layout = bar_layout(chart, height);
    dict.SetValue("CHART_ID", chart.id);
    dict.SetValue("CHART_TITLE", chart.title);
    dict.SetValue("LABEL_HEADING", chart.label_heading);
    dict.SetValue("VALUE_HEADING", chart.value_heading);
    dict.SetIntValue("HEIGHT", height);
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        auto* bar = dict.AddSectionDictionary("BAR");
        const auto& g = layout[i];
        bar->SetValue("LABEL", chart.bars[i].label);
        bar->SetValue("VALUE", chart.bars[i].value_text);
        bar->SetIntValue("TEXT_Y", g.text_y);
        bar->SetIntValue("BAR_Y", g.bar_y);
        bar->SetIntValue("BAR_H", g.bar_h);
        bar->SetValue("BAR_W", permille_as_percent(g.bar_permille));
        if (chart.bars[i].highlight) bar->ShowSection("HIGHLIGHT");
    }
}

std::string share(std::uint64_t n, std::uint64_t total) {
    if (total == 0) return "0%";
    const auto percent = (static_cast<unsigned __int128>(n) * 200 + total) / (2 * static_cast<unsigned __int128>(total));
    return std::to_string(static_cast<std::uint64_t>(percent)) + "%";
}

std::string count_and_share(std::uint64_t n, std::uint64_t total) {
    return std::to_string(n) + " (" + share(n, total) + ")";
}

}  // namespace server::console
