// The console's one chart module: horizontal bar charts as SVG geometry for chart.tpl, drawn on one
// scale from zero, with the same labels and figures the table beside each chart shows.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <ctemplate/template.h>

namespace server::console {

struct ChartBar {
    std::string label;
    std::uint64_t value = 0;
    std::string value_text;  // as shown, e.g. "12 (4%)"
    bool highlight = false;  // today's level
};

struct BarChart {
    std::string id;  // unique on the page
    std::string title, label_heading, value_heading;
    std::vector<ChartBar> bars;
};

struct BarGeometry {
    int label_x = 0, bar_x = 0, bar_y = 0, bar_w = 0, bar_h = 0, value_x = 0, text_y = 0;
};

// Where each bar goes in a chart `width` wide; the longest bar is the largest value.
std::vector<BarGeometry> bar_layout(const BarChart& chart, int width, int& height);

// Fills a chart.tpl dictionary.
void fill_chart(const BarChart& chart, ctemplate::TemplateDictionary& dict);

// "n (p%)" with p rounded half up to a whole percent of `total` (exact integers).
std::string count_and_share(std::uint64_t n, std::uint64_t total);
std::string share(std::uint64_t n, std::uint64_t total);  // "p%"

}  // namespace server::console
