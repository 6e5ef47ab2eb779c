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

std::vector<ColumnGeometry> column_layout(const BarChart& chart, int& height, int& base_y) {
    constexpr int kPlot = 160, kTop = 8, kLabels = 28;
    const std::size_t n = chart.bars.size();
    std::uint64_t largest = 0;
    for (const auto& b : chart.bars) largest = std::max(largest, b.value);
    base_y = kTop + kPlot;
    height = base_y + kLabels;
    // About eight labels, spread evenly, always including today's level.
    const std::size_t every = std::max<std::size_t>(1, (n + 7) / 8);
    std::vector<ColumnGeometry> out;
    for (std::size_t i = 0; i < n; ++i) {
        ColumnGeometry g;
        g.x_permille = static_cast<int>(i * 1000 / n);
        const int next = static_cast<int>((i + 1) * 1000 / n);
        g.width_permille = std::max(1, (next - g.x_permille) * 4 / 5);
        g.height = largest == 0 ? 0 : static_cast<int>(static_cast<unsigned __int128>(chart.bars[i].value) * kPlot / largest);
        if (chart.bars[i].value > 0 && g.height == 0) g.height = 1;
        g.y = base_y - g.height;
        g.labelled = i % every == 0 || chart.bars[i].highlight;
        out.push_back(g);
    }
    // A label beside today's would overlap it: today's wins.
    for (std::size_t i = 0; i < n; ++i)
        if (chart.bars[i].highlight && every > 1) {
            if (i > 0 && (i - 1) % every == 0) out[i - 1].labelled = false;
            if (i + 1 < n && (i + 1) % every == 0) out[i + 1].labelled = false;
        }
    return out;
}

void fill_columns(const BarChart& chart, const std::string& note, ctemplate::TemplateDictionary& dict) {
    int height = 0, base_y = 0;
    const auto layout = column_layout(chart, height, base_y);
    dict.SetValue("CHART_ID", chart.id);
    dict.SetValue("CHART_TITLE", chart.title);
    dict.SetValue("LABEL_HEADING", chart.label_heading);
    dict.SetValue("VALUE_HEADING", chart.value_heading);
    dict.SetIntValue("HEIGHT", height);
    dict.SetIntValue("BASE_Y", base_y);
    for (std::size_t i = 0; i < chart.bars.size(); ++i) {
        const auto& g = layout[i];
        auto* col = dict.AddSectionDictionary("COLUMN");
        col->SetValue("X", permille_as_percent(g.x_permille));
        col->SetValue("W", permille_as_percent(g.width_permille));
        col->SetIntValue("Y", g.y);
        col->SetIntValue("H", g.height);
        if (chart.bars[i].highlight) col->ShowSection("HIGHLIGHT");
        if (g.labelled) {
            auto* tick = col->AddSectionDictionary("TICK");
            // The outermost labels sit inside the chart, not centred over its edge.
            const bool first = i == 0, last = i + 1 == chart.bars.size();
            tick->SetValue("MID", permille_as_percent(first ? g.x_permille : last ? g.x_permille + g.width_permille
                                                                                  : g.x_permille + g.width_permille / 2));
            tick->SetValue("ANCHOR", first && !last ? "start" : last && !first ? "end" : "middle");
            tick->SetIntValue("LABEL_Y", base_y + 20);
            tick->SetValue("LABEL", chart.bars[i].label);
        }
        if (chart.bars[i].value > 0 || chart.bars[i].highlight) {
            auto* row = dict.AddSectionDictionary("ROW");
            row->SetValue("LABEL", chart.bars[i].label);
            row->SetValue("VALUE", chart.bars[i].value_text);
        }
    }
    if (!note.empty()) dict.AddSectionDictionary("NOTE")->SetValue("TEXT", note);
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
