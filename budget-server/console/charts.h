// The console's one chart module: horizontal bar charts as SVG geometry for chart.tpl, drawn on one
// scale from zero, with the same labels and figures the table beside each chart shows. Each row is
// a label and figure above a bar whose length is a share of the chart's width, so the text keeps
// its true size on a phone.
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
    int text_y = 0, bar_y = 0, bar_h = 0;  // CSS pixels
    int bar_permille = 0;                  // length, in thousandths of the chart's width
};

// Where each bar goes; the longest bar is the largest value. `height` is the chart's, in pixels.
std::vector<BarGeometry> bar_layout(const BarChart& chart, int& height);

// Fills a chart.tpl dictionary.
void fill_chart(const BarChart& chart, ctemplate::TemplateDictionary& dict);

// A histogram on a step grid as columns (columns.tpl): every step is a column, in order, a few
// labelled beneath; its table lists the steps somebody chose, and today's level. `note` (if any)
// says the table leaves the others out.
struct ColumnGeometry {
    int x_permille = 0, width_permille = 0;  // of the chart's width
    int y = 0, height = 0;                   // CSS pixels
    bool labelled = false;
};
std::vector<ColumnGeometry> column_layout(const BarChart& chart, int& height, int& base_y);
void fill_columns(const BarChart& chart, const std::string& note, ctemplate::TemplateDictionary& dict);

// "n (p%)" with p rounded half up to a whole percent of `total` (exact integers).
std::string count_and_share(std::uint64_t n, std::uint64_t total);
std::string share(std::uint64_t n, std::uint64_t total);  // "p%"

}  // namespace server::console
