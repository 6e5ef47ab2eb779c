// Bar chart geometry in whole pixels, from exact counts.
#include "charts.h"

#include <algorithm>

namespace server::console {

namespace {
constexpr int kBarHeight = 20, kGap = 8, kValueWidth = 110, kCharWidth = 8;
}

std::vector<BarGeometry> bar_layout(const BarChart& chart, int width, int& height) {
    std::size_t longest = 1;
    std::uint64_t largest = 0;
    for (const auto& b : chart.bars) {
        longest = std::max(longest, b.label.size());
        largest = std::max(largest, b.value);
    }
    const int label_width = std::clamp(static_cast<int>(longest) * kCharWidth + 12, 60, width / 3);
    const int bar_room = std::max(1, width - label_width - kValueWidth);
    std::vector<BarGeometry> out;
    int y = kGap;
    for (const auto& b : chart.bars) {
        BarGeometry g;
        g.label_x = label_width - 8;
        g.bar_x = label_width;
        g.bar_y = y;
        g.bar_h = kBarHeight;
        // Exact proportion in 128 bits; anything above zero shows at least a pixel.
        g.bar_w = largest == 0 ? 0
                               : static_cast<int>(static_cast<unsigned __int128>(b.value) * static_cast<unsigned>(bar_room) / largest);
        if (b.value > 0 && g.bar_w == 0) g.bar_w = 1;
        g.value_x = g.bar_x + g.bar_w + 6;
        g.text_y = y + kBarHeight / 2;
        out.push_back(g);
        y += kBarHeight + kGap;
    }
    height = y;
    return out;
}

void fill_chart(const BarChart& chart, ctemplate::TemplateDictionary& dict) {
    constexpr int kWidth = 640;
    int height = 0;
    const auto layout = bar_layout(chart, kWidth, height);
    dict.SetValue("CHART_ID", chart.id);
    dict.SetValue("CHART_TITLE", chart.title);
    dict.SetValue("LABEL_HEADING", chart.label_heading);
    dict.SetValue("VALUE_HEADING", chart.value_heading);
    dict.SetIntValue("WIDTH", kWidth);
    dict.SetIntValue("HEIGHT", height);
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        auto* bar = dict.AddSectionDictionary("BAR");
        const auto& g = layout[i];
        bar->SetValue("LABEL", chart.bars[i].label);
        bar->SetValue("VALUE", chart.bars[i].value_text);
        bar->SetIntValue("LABEL_X", g.label_x);
        bar->SetIntValue("BAR_X", g.bar_x);
        bar->SetIntValue("BAR_Y", g.bar_y);
        bar->SetIntValue("BAR_W", g.bar_w);
        bar->SetIntValue("BAR_H", g.bar_h);
        bar->SetIntValue("VALUE_X", g.value_x);
        bar->SetIntValue("TEXT_Y", g.text_y);
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
