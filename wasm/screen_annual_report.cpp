// Annual report: the council at a glance and its warning signs (the collector's digest of the
// profile, worded as the report page words them), then the indicators as cards, grouped as the sector
// groups them (resident perception, cost, outcome): trend over the years, target, RAG status, and
// where the council sits among similar councils; and residents' own ratings beside the council's.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "kpi_format.h"
#include "money.h"
#include "platform_web.h"
#include "ui.h"

namespace app {

namespace {

// Residents' share satisfied with a service group, in the words of the full report; or why there is none.
std::string residents_line(const AppState& s, const std::string& group) {
    const auto found = std::find_if(s.resident_shares.begin(), s.resident_shares.end(),
                                    [&](const budget::PublishedGroupShare& g) { return g.id == group; });
    if (found == s.resident_shares.end() || !found->share)
        return std::string(s.tr("Residents")) + ": " + s.tr("fewer than 10 residents have rated this, so no share is shown yet.");
    const auto percent = [](std::int64_t tenths) { return std::to_string(budget::divide_round(tenths, 10)) + "%"; };
    const budget::RatingShare& share = *found->share;
    return std::string(s.tr("Residents")) + ": " + percent(share.share_tenths) + " " + s.tr("satisfied") + " (" + s.tr("95% range") + " " +
           percent(share.low_tenths) + " " + s.tr("to") + " " + percent(share.high_tenths) + "; " + s.tr("residents who rated it") + ": " +
           std::to_string(share.rated) + ")";
}

// Where this value sits among similar councils, with its direction (which way is better).
const char* quartile_words(const AppState& s, const budget::Kpi& k, budget::Milli v) {
    int quarter = v <= k.comparator_lower_quartile ? 0 : v <= k.comparator_median ? 1 : v <= k.comparator_upper_quartile ? 2 : 3;
    if (k.polarity == budget::Polarity::HigherIsBetter) quarter = 3 - quarter;  // 0: the best quarter
    static const char* const words[] = {N_("better than three quarters of similar councils"), N_("better than half of similar councils"),
                                        N_("worse than half of similar councils"), N_("worse than three quarters of similar councils")};
    return s.tr(words[quarter]);
}

// The values over the years as a line with a dot for each year, and the target (when there is one)
// as a dashed level line, so the two differ by more than colour. Every year is named beneath its point,
// and the scale is labelled (its top, middle and bottom at the left) and chosen by one rule, so a small change never fills the chart: it spans the
// years shown, the target and the middle half of similar councils, and is at least a fifth of the
// largest of those values wide (widened about its middle, within the indicator's bounds).
// Returns the scale's bottom and top in words.
std::pair<std::string, std::string> trend_chart(const budget::Kpi& k, float height, const budget::KpiWords& units) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float width = ImGui::GetContentRegionAvail().x, text = ImGui::GetFontSize();
    const ImVec2 min = ImGui::GetCursorScreenPos(), max(min.x + width, min.y + height);
    ImGui::Dummy(ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, ImGui::GetColorU32(ImGuiCol_FrameBg), style.FrameRounding);
    draw->AddRect(min, max, ImGui::GetColorU32(ImGuiCol_Border), style.FrameRounding);
    // The scale, in exact milli-units.
    budget::Milli lo = std::min(k.comparator_lower_quartile, k.comparator_upper_quartile), hi = std::max(k.comparator_lower_quartile, k.comparator_upper_quartile);
    for (const auto& y : k.history) { lo = std::min(lo, y.value); hi = std::max(hi, y.value); }
    if (k.target) { lo = std::min(lo, *k.target); hi = std::max(hi, *k.target); }
    const budget::Milli least = std::max<budget::Milli>(std::max(hi < 0 ? -hi : hi, lo < 0 ? -lo : lo) / 5, 1);
    if (hi - lo < least) {
        const budget::Milli grow = least - (hi - lo);
        lo -= grow / 2;
        hi += grow - grow / 2;
    }
    if (k.floor && lo < *k.floor) { hi += *k.floor - lo; lo = *k.floor; }
    if (k.ceiling && hi > *k.ceiling) { lo -= hi - *k.ceiling; hi = *k.ceiling; }
    if (k.floor) lo = std::max(lo, *k.floor);
    const std::string top_words = budget::format_kpi_value(k, hi, units), bottom_words = budget::format_kpi_value(k, lo, units);
    const budget::Milli middle = lo + (hi - lo) / 2;
    const std::string middle_words = budget::format_kpi_value(k, middle, units);
    float axis = 0;
    for (const std::string* w : {&top_words, &middle_words, &bottom_words}) axis = std::max(axis, ImGui::CalcTextSize(w->c_str()).x);
    axis += 12.0f;
    const float pad = 10.0f, left = min.x + pad + axis, right = max.x - pad;
    // Every year is named beneath its point: "2023/24", or "23/24" where the full names would not fit
    // side by side, and on two staggered lines where even those would touch.
    const std::size_t n = k.history.size();
    const auto names_width = [&](bool short_form) {
        float w = 0;
        for (const auto& y : k.history) w += ImGui::CalcTextSize(short_form && y.year.size() == 7 ? y.year.c_str() + 2 : y.year.c_str()).x + text * 0.5f;
        return w;
    };
    const bool short_names = names_width(false) > right - left;
    const bool staggered = n > 1 && names_width(true) > right - left;
    const float top = min.y + pad + text * 0.5f, bottom = max.y - pad - text * (staggered ? 2.5f : 1.5f);
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text), line = ImGui::GetColorU32(ImGuiCol_SliderGrab);
    // Drawing only (floats are fine here): every figure shown in words is exact.
    const auto y_of = [&](budget::Milli v) {
        return bottom - static_cast<float>(static_cast<double>(v - lo) / static_cast<double>(hi - lo)) * (bottom - top);
    };
    // The scale: its top, middle and bottom labelled, each with a tick on the axis.
    draw->AddLine(ImVec2(left - 4, top), ImVec2(left - 4, bottom), ink, 1.0f);
    for (const auto& [value, words] : {std::pair<budget::Milli, const std::string*>{hi, &top_words}, {middle, &middle_words}, {lo, &bottom_words}}) {
        const float y = y_of(value);
        draw->AddLine(ImVec2(left - 10, y), ImVec2(left - 4, y), ink, 1.0f);
        draw->AddText(ImVec2(left - 12 - ImGui::CalcTextSize(words->c_str()).x, y - text * 0.5f), ink, words->c_str());
    }
    const auto x_of = [&](std::size_t i) {
        if (n < 2) return (left + right) * 0.5f;
        return left + 6 + (right - left - 12) * static_cast<float>(i) / static_cast<float>(n - 1);
    };
    if (k.target) {
        const float y = y_of(*k.target);
        for (float x = left; x < right; x += 12.0f) draw->AddLine(ImVec2(x, y), ImVec2(std::min(x + 6.0f, right), y), ink, 1.5f);
    }
    std::vector<ImVec2> points;
    for (std::size_t i = 0; i < n; ++i) points.emplace_back(x_of(i), y_of(k.history[i].value));
    draw->AddPolyline(points.data(), static_cast<int>(points.size()), line, ImDrawFlags_None, 3.0f);
    for (const ImVec2& p : points) draw->AddCircleFilled(p, 4.5f, line);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string& year = k.history[i].year;
        const std::string name = short_names && year.size() == 7 ? year.substr(2) : year;
        const float w = ImGui::CalcTextSize(name.c_str()).x;
        const float x = std::clamp(x_of(i) - w * 0.5f, left - 4, max.x - pad * 0.5f - w);
        const float y = bottom + text * 0.4f + (staggered && i % 2 == 1 ? text : 0.0f);
        draw->AddText(ImVec2(x, y), ink, name.c_str());
    }
    return {bottom_words, top_words};
}

// The neighbours' figures as short lines on one scale, their median dashed and this council's a tall
// thick line: a strip, never a rank. Drawing only; every figure is in the words beside it.
void barcode(const budget::AccountabilityDigest::Comparison& c, budget::Milli own, budget::Milli lo, budget::Milli hi) {
    const float width = ImGui::GetContentRegionAvail().x, em = ImGui::GetFontSize(), height = em * 2.0f;
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text), own_colour = ImGui::GetColorU32(ImGuiCol_SliderGrab);
    const float left = min.x + em * 0.5f, right = min.x + width - em * 0.5f, middle = min.y + height * 0.5f;
    const auto x_of = [&](budget::Milli v) {
        return hi == lo ? (left + right) * 0.5f : left + static_cast<float>(static_cast<double>(v - lo) / static_cast<double>(hi - lo)) * (right - left);
    };
    draw->AddLine(ImVec2(left, middle), ImVec2(right, middle), ink, 1.0f);
    for (const auto& v : c.figures)
        if (v) draw->AddLine(ImVec2(x_of(*v), middle - height * 0.22f), ImVec2(x_of(*v), middle + height * 0.22f), ink, 2.0f);
    for (float y = min.y + 2; y < min.y + height - 2; y += 6.0f)
        draw->AddLine(ImVec2(x_of(c.median), y), ImVec2(x_of(c.median), std::min(y + 3.0f, min.y + height - 2)), ink, 2.0f);
    draw->AddLine(ImVec2(x_of(own), min.y), ImVec2(x_of(own), min.y + height), own_colour, 5.0f);
}

// An indicator beside the profile's named similar councils: the core's words, both figures with
// their years, the strip, and every council's figure by name behind a disclosure.
void beside_similar_councils(AppState& s, const budget::Kpi& k, const budget::AccountabilityDigest& d,
                             const budget::AccountabilityDigest::Comparison& c, const budget::KpiWords& units) {
    const budget::Milli own = k.history.back().value;
    const auto shown = [&](budget::Milli v) { return budget::format_kpi_value(k, v, units); };
    std::string words = std::string(s.tr("Beside similar councils")) + " (" + d.neighbour_group + ")";
    if (!s.text(c.words).empty()) words += ": " + s.text(c.words);
    words += std::string(". ") + s.tr("This council") + ": " + shown(own) + " (" + c.own_year + "); " + s.tr("their median") + ": " +
             shown(c.median) + " (" + c.year + ").";
    paragraph(s, words, "similar:" + k.id);
    budget::Milli lo = std::min(own, c.median), hi = std::max(own, c.median);
    for (const auto& v : c.figures)
        if (v) { lo = std::min(lo, *v); hi = std::max(hi, *v); }
    barcode(c, own, lo, hi);
    note(s, std::string(s.tr("Short lines: the similar councils, from ")) + shown(lo) + s.tr(" to ") + shown(hi) +
                s.tr("; dashed: their median; the tall thick line: this council."));
    if (expander(s, s.tr("The similar councils' figures"), "similar-figures:" + k.id, false)) {
        for (std::size_t i = 0; i < d.neighbours.size() && i < c.figures.size(); ++i)
            paragraph(s, d.neighbours[i] + ": " + (c.figures[i] ? shown(*c.figures[i]) : std::string(s.tr("not published"))) + " (" + c.year + ")",
                      "similar-council:" + k.id + ":" + std::to_string(i));
        if (c.national_median)
            paragraph(s, std::string(s.tr("National median")) + ": " + shown(*c.national_median) + " (" + c.year + ")", "similar-national:" + k.id);
    }
}

const budget::AccountabilityDigest::Comparison* comparison_of(const AppState& s, const std::string& kpi) {
    if (!s.budget.accountability) return nullptr;
    for (const auto& c : s.budget.accountability->comparisons)
        if (c.kpi == kpi) return &c;
    return nullptr;
}

void card(AppState& s, const budget::Kpi& k, float width) {
    const float em = ImGui::GetFontSize();  // the card grows with the type (projector mode)
    const budget::KpiWords units = kpi_words(s);
    const budget::AccountabilityDigest::Comparison* similar = comparison_of(s, k.id);
    // Named similar councils take more room, and their list opens: such a card grows to fit.
    ImGui::BeginChild(k.id.c_str(), ImVec2(width, similar ? 0.0f : em * 18.5f),
                      ImGuiChildFlags_Border | (similar ? ImGuiChildFlags_AutoResizeY : 0), ImGuiWindowFlags_NavFlattened);
    heading(s, s.text(k.name), 3);
    const budget::Milli current = k.history.back().value;
    const budget::Rag rag = budget::rag_of(k, current);
    const std::string now = budget::format_kpi_value(k, current, units) + "  (" + rag_word(s, rag) + ")";
    coloured_text(s, now, rag_colour(rag, s.high_contrast));
    const auto [scale_bottom, scale_top] = trend_chart(k, em * 6.0f, units);
    std::string trend = std::string(s.tr("Trend: "));
    for (const auto& y : k.history) trend += y.year + " " + budget::format_kpi_value(k, y.value, units) + (&y == &k.history.back() ? "." : "; ");
    trend += std::string(s.tr(" The chart's scale runs from ")) + scale_bottom + s.tr(" to ") + scale_top + ".";
    described(s, trend, "trend:" + k.id);
    // RAG bands and the target are set apart, so a green figure may still miss its target: say so.
    const bool higher_better = k.polarity == budget::Polarity::HigherIsBetter;
    std::string target = higher_better ? s.tr("Higher is better.") : s.tr("Lower is better.");
    if (k.target) {
        const budget::Milli shown = budget::round_kpi(k, current), aim = budget::round_kpi(k, *k.target);
        const bool met = higher_better ? shown >= aim : shown <= aim;
        target += std::string(" ") + s.tr("Target (dashed line): ") + budget::format_kpi_value(k, *k.target, units) + " (" +
                  (met ? s.tr("met") : shown < aim ? s.tr("not met: below its target") : s.tr("not met: above its target")) + ").";
    }
    paragraph(s, target, "target:" + k.id);
    if (similar) beside_similar_councils(s, k, *s.budget.accountability, *similar, units);
    else paragraph(s, std::string(s.tr("Similar councils: median ")) +
              budget::format_kpi_value(k, k.comparator_median, units) + s.tr("; middle half ") +
              budget::format_kpi_value(k, k.comparator_lower_quartile, units) + "\xE2\x80\x93" + budget::format_kpi_value(k, k.comparator_upper_quartile, units) +
              ". " + s.tr("This council is ") + quartile_words(s, k, current) + ".");
    ImGui::EndChild();
}

// The figures a year at a time, then the warning signs, or that there are none, and what could not
// be judged: the same judgement and words as /report/ID.
void finances_and_signs(AppState& s, const budget::AccountabilityDigest& d) {
    if (!d.rows.empty()) {
        heading(s, s.tr("The council at a glance"), 2);
        if (d.illustrative) note(s, s.tr("Illustrative figures."));
        for (const auto& row : d.rows) {
            heading(s, s.text(row.label), 3);
            std::string years;
            for (std::size_t i = 0; i < row.values.size() && i < d.years.size(); ++i)
                years += d.years[i] + " " + s.text(row.values[i]) + (i + 1 < row.values.size() ? "; " : ".");
            if (!s.text(row.change).empty()) years += " " + s.text(row.change) + ".";
            paragraph(s, years, "glance:" + row.label.en);
        }
    }
    heading(s, s.tr("Warning signs"), 2);
    note(s, std::string(s.tr("Warning signs judged on")) + " " + s.text(d.judged_on) + ".");
    if (d.signs.empty()) paragraph(s, s.tr("No warning signs in the figures we hold."), "signs:none");
    for (const auto& sign : d.signs) {
        const budget::Rag rag = sign.red ? budget::Rag::Red : budget::Rag::Amber;
        coloured_text(s, std::string(rag_word(s, rag)) + ": " + s.text(sign.title), rag_colour(rag, s.high_contrast), "sign:" + sign.id);
        paragraph(s, s.text(sign.words), "sign-words:" + sign.id);
    }
    if (!d.unknown.empty()) {
        heading(s, s.tr("What we could not judge"), 3);
        paragraph(s, s.tr("A figure we do not hold is never counted as zero. These signs need figures the council has not given us:"), "unknown:intro");
        for (const auto& u : d.unknown)
            paragraph(s, s.text(u.title) + ": " + s.tr("needs") + " " + s.text(u.needs) + ".", "unknown:" + u.title.en);
    }
    if (!d.self_assessment.empty()) {
        heading(s, s.tr("How the council rates its services"), 2);
        for (const auto& own : d.self_assessment) {
            std::string group = own.group;
            for (const auto& g : s.budget.groups)
                if (g.id == own.group) group = s.text(g.name);
            heading(s, group, 3);
            paragraph(s, s.text(own.rating) + ". " + s.text(own.summary) + " (" + s.tr("assessed on") + " " + s.text(own.assessed_on) + ")",
                      "self:" + own.group);
            if (s.resident_shares_known) paragraph(s, residents_line(s, own.group), "residents:" + own.group);
        }
        if (!s.resident_shares_known)
            note(s, s.tr("Residents' own ratings, once 10 have rated a service, are beside these on the full annual report."));
    }
    heading(s, s.tr("Why there is no overall score"), 3);
    paragraph(s, s.tr("Each sign is one figure against a line, with its source. We give no score, rank or league table: councils differ in kind and size, and a single number would hide which figure matters. The lines, and why we drew them there, are in our accountability notes."),
              "signs:why");
    // The full report, with every figure's source, is a page of its own that prints and needs no script.
    // Full width on a phone: the longer words once made it wider than the screen, out of a thumb's reach.
    if (wide_button(s, s.tr("Read the full annual report"), "FullReport", true, false))
        web::open_link("report/" + s.budget.profile + (s.language == "cy" ? "?lang=cy" : ""));
}

}  // namespace

void draw_annual_report(AppState& s) {
    if (button(s, s.tr("Back to the simulator"), "Back")) s.screen = Screen::Simulator;
    if (s.budget.accountability) finances_and_signs(s, *s.budget.accountability);
    const float width = ImGui::GetContentRegionAvail().x;
    const int columns = width >= 1200 ? 3 : width >= 700 ? 2 : 1;
    const float card_width = (width - static_cast<float>(columns - 1) * ImGui::GetStyle().ItemSpacing.x) / static_cast<float>(columns);
    const std::pair<budget::KpiGroup, const char*> groups[] = {
        {budget::KpiGroup::Perception, s.tr("What residents think")},
        {budget::KpiGroup::Cost, s.tr("Cost and productivity")},
        {budget::KpiGroup::Outcome, s.tr("Outcomes")}};
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
