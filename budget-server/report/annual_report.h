// The annual report a council puts in front of residents, /report/{profile id} (?lang=cy): HTML the
// server renders, no script. The council at a glance, warning signs first, indicators with every
// year, "you said, we did", and every source with its date. Made from the same core computation as
// the app's annual report screen.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "budget_registry.h"
#include "console/templates.h"
#include "api.h"
#include "profiles.h"
#include "kpi_format.h"
#include "resident_ratings.h"

namespace server::report {

// An indicator's trend as SVG geometry: every year on the x axis, a labelled scale on the y axis.
struct TrendPoint {
    std::string year, label, value_text;  // label: the year, or "23/24" where full names would crowd
    int x = 0, y = 0;  // in the chart's viewBox
};
struct TrendTick {
    std::string label;
    int y = 0;
};
struct TrendChart {
    // A viewBox about as wide as a phone's column, so its 19-unit text is about 16 CSS px there (and
    // larger on a desktop, where the chart is drawn wider).
    int width = 420, height = 250, left = 0, right = 0, top = 0, bottom = 0;  // the plot area
    std::vector<TrendPoint> points;
    std::vector<TrendTick> ticks;
    std::string path;  // "M x y L x y ..."
    std::optional<int> target_y;  // the target, as a dashed level line
};
// `values` in thousandths, oldest first; `decimals` as the indicator shows them; the scale holds the target too.
// `words` are the units in the page's language.
TrendChart trend_chart(const std::vector<std::pair<std::string, std::int64_t>>& values, int decimals, const std::string& unit,
                       std::optional<std::int64_t> target = std::nullopt, const budget::KpiWords& words = {});

class AnnualReports {
public:
    AnnualReports(const ProfileRegistry& profiles, const BudgetRegistry& budgets, std::string frame_ancestors);
    // Loads the templates; false with `error` when one is broken.
    bool load(std::string& error);
    // GET or HEAD /report/ID[?lang=cy]: the page, a 404 page for an unknown id, 405 for other methods.
    Response handle(const Request& request) const;
    // The page for `id` at today's date, or nullopt.
    std::optional<std::string> page(const std::string& id, console::Lang lang) const;
    // The page of a profile; with `preview_of`, the page a draft would make, marked as a preview of it.
    std::string page_of(const budget::CouncilProfile& p, console::Lang lang, const std::string& preview_of = "") const;
    // Fills `b.accountability` from the profile it names, with the same judgement and words as the page
    // (both languages), for the app's annual report screen; clears it when the budget names none.
    void attach_digest(budget::Budget& b) const;
    // Where residents' ratings of a budget come from (the public results' tally); set before serving.
    using RatingsSource = std::function<std::shared_ptr<const budget::RatingTally>(const std::string& budget_id)>;
    void set_ratings_source(RatingsSource source) { ratings_ = std::move(source); }

private:
    const ProfileRegistry& profiles_;
    const BudgetRegistry& budgets_;
    std::string frame_ancestors_;
    console::Templates templates_;
    RatingsSource ratings_;
};

}  // namespace server::report
