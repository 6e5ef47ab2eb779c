// Overview panel: the budget at a glance (core/budget/overview.h). The net budget; where the money comes
// from and where it goes, as bars sized by money that follow the levers (fixed spending hatched and
// named as fixed); cost per resident and per Band D household; and the household's council tax
// split by service, before and after the resident's choices. Screen readers get the same in words.
#include <algorithm>

#include "council_tax.h"
#include "money.h"
#include "overview.h"
#include "ui.h"

namespace app {

namespace {

// Fills with 3:1 or more against the page (WCAG 1.4.11); neighbours are told apart by a white gap
// and by the legend's order, not by colour alone.
const ImU32 kPalette[] = {IM_COL32(11, 79, 138, 255), IM_COL32(0, 112, 60, 255), IM_COL32(111, 61, 152, 255),
                          IM_COL32(160, 75, 0, 255), IM_COL32(80, 90, 95, 255), IM_COL32(29, 112, 184, 255),
                          IM_COL32(0, 94, 93, 255), IM_COL32(148, 37, 86, 255), IM_COL32(91, 70, 0, 255)};
constexpr int kPaletteSize = sizeof kPalette / sizeof kPalette[0];

std::string share_words(budget::Pence part, budget::Pence whole) {
    if (whole <= 0) return "";
    const auto bp = static_cast<budget::BasisPoints>(budget::divide_round(static_cast<__int128>(part) * 1000, whole) * 10);
    return budget::format_bp_as_percent(bp) + "%";  // to a tenth of a percent
}

// Diagonal lines over a rectangle: the mark for fixed (locked) spending.
void hatch(ImDrawList* draw, ImVec2 min, ImVec2 max, ImU32 colour) {
    draw->PushClipRect(min, max, true);
    const float h = max.y - min.y;
    for (float x = min.x - h; x < max.x; x += 7.0f) draw->AddLine(ImVec2(x, max.y), ImVec2(x + h, min.y), colour, 2.0f);
    draw->PopClipRect();
}

struct Segment { budget::Pence amount; ImU32 colour; bool fixed; };

// One bar, `width` wide, split into segments by amount, each with a 2 px white gap after it.
void stacked_bar(const std::vector<Segment>& segments, float width, float height) {
    budget::Pence total = 0;
    for (const auto& s : segments) total += std::max<budget::Pence>(s.amount, 0);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(width > 1 ? width : 1, height));
    if (total <= 0 || width < 1) return;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    float x = min.x;
    budget::Pence sum = 0;
    for (const auto& s : segments) {
        if (s.amount <= 0) continue;
        sum += s.amount;
        const float right = min.x + width * static_cast<float>(static_cast<double>(sum) / static_cast<double>(total));
        if (right - x >= 1.0f) {
            draw->AddRectFilled(ImVec2(x, min.y), ImVec2(right, min.y + height), s.colour);
            if (s.fixed) hatch(draw, ImVec2(x, min.y), ImVec2(right, min.y + height), IM_COL32(255, 255, 255, 200));
            if (right < min.x + width - 1) draw->AddRectFilled(ImVec2(right - 2, min.y), ImVec2(right, min.y + height), IM_COL32_WHITE);
        }
        x = right;
    }
}

// A legend line: the segment's swatch (hatched when fixed), then its words.
void legend(AppState& s, const std::string& words, ImU32 colour, bool fixed) {
    const float size = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(at.x, at.y + size * 0.15f), ImVec2(at.x + size, at.y + size * 1.15f), colour);
    if (fixed) hatch(draw, ImVec2(at.x, at.y + size * 0.15f), ImVec2(at.x + size, at.y + size * 1.15f), IM_COL32(255, 255, 255, 200));
    ImGui::Indent(size * 1.5f);
    paragraph(s, words);
    ImGui::Unindent(size * 1.5f);
}

}  // namespace

void panel_overview(AppState& s) {
    const budget::Budget& b = s.budget;
    const budget::Overview now = budget::overview(b, s.outcome), before = budget::overview(b, s.baseline);
    const float width = ImGui::GetContentRegionAvail().x, bar = ImGui::GetFontSize() * 1.6f;
    heading(s, s.tr("The budget at a glance"), 2);
    std::string total = std::string(s.tr("The council's net budget: ")) + budget::format_pounds_short(now.net_budget);
    if (now.net_budget != before.net_budget)
        total += std::string(s.tr(" with your choices (")) + budget::format_pounds_short(before.net_budget) +
                 s.tr(" before)");
    paragraph(s, total + ".", "overview:total");
    paragraph(s, std::string(s.tr("That is ")) + budget::format_pounds(now.per_resident) +
                     s.tr(" a year for each resident, or ") + budget::format_pounds(now.per_band_d) +
                     s.tr(" for each Band D household."),
              "overview:per-head");

    heading(s, s.tr("Where the money comes from"), 3);
    std::vector<Segment> sources;
    std::vector<std::string> source_words;
    const budget::Pence funding_total = s.outcome.funding_total;
    for (std::size_t f = 0; f < b.funding.size(); ++f) {
        sources.push_back({now.funding[f], kPalette[f % kPaletteSize], false});
        source_words.push_back(s.text(b.funding[f].name) + ": " + budget::format_pounds_short(now.funding[f]));
    }
    sources.push_back({now.council_tax, kPalette[b.funding.size() % kPaletteSize], false});
    source_words.push_back(std::string(s.tr("Council tax")) + ": " + budget::format_pounds_short(now.council_tax));
    if (now.other_income > 0) {
        sources.push_back({now.other_income, kPalette[(b.funding.size() + 1) % kPaletteSize], false});
        source_words.push_back(std::string(s.tr("Fees, charges and other income")) + ": " +
                               budget::format_pounds_short(now.other_income));
    }
    stacked_bar(sources, width, bar);
    described(s, std::string(s.tr("A bar of the council's funding, ")) + budget::format_pounds_short(funding_total) +
                     s.tr(", by source."));
    for (std::size_t i = 0; i < sources.size(); ++i)
        legend(s, source_words[i] + " (" + share_words(sources[i].amount, funding_total) + ")", sources[i].colour, false);

    heading(s, s.tr("Where it goes"), 3);
    budget::Pence largest = 0, spend_total = 0;
    for (const auto& g : now.groups) { largest = std::max(largest, g.spend); spend_total += std::max<budget::Pence>(g.spend, 0); }
    for (std::size_t g = 0; g < b.groups.size(); ++g) {
        const budget::GroupSpend& gs = now.groups[g];
        ImGui::PushID(static_cast<int>(g));
        std::string words = s.text(b.groups[g].name) + ": " + budget::format_pounds_short(gs.spend) + " (" + share_words(gs.spend, spend_total) + ")";
        if (gs.spend != before.groups[g].spend)
            words += std::string(s.tr(", was ")) + budget::format_pounds_short(before.groups[g].spend);
        if (gs.locked > 0) words += std::string(s.tr("; fixed: ")) + budget::format_pounds_short(gs.locked);
        paragraph(s, words, "overview:group:" + b.groups[g].id);
        // Bars share one scale (the largest group fills the width), so their lengths compare.
        const float w = largest > 0 ? width * static_cast<float>(static_cast<double>(std::max<budget::Pence>(gs.spend, 0)) / static_cast<double>(largest)) : 0;
        const ImU32 colour = kPalette[g % kPaletteSize];
        stacked_bar({{gs.spend - gs.locked, colour, false}, {gs.locked, colour, true}}, w, bar * 0.75f);
        ImGui::PopID();
    }
    legend(s, s.tr("Hatched: fixed spending the budget cannot change (such as ring-fenced grants)"),
           kPalette[4], true);
    if (now.unlinked_savings > 0 || now.one_off_costs > 0)
        paragraph(s, std::string(s.tr("Also: council-wide savings of ")) +
                         budget::format_pounds_short(now.unlinked_savings) + s.tr(" and one-off costs of ") +
                         budget::format_pounds_short(now.one_off_costs) + ".");

    // The household's council tax receipt, before and after the choices.
    const auto& bands = b.council_tax.bands;
    heading(s, std::string(s.tr("Your council tax, service by service (Band ")) +
                   bands[s.receipt_band].letter + ")",
            3);
    std::vector<budget::Pence> after_lines, before_lines;
    budget::tax_receipt(b, s.outcome, s.receipt_band, after_lines);
    budget::tax_receipt(b, s.baseline, s.receipt_band, before_lines);
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (after_lines[i] == 0 && before_lines[i] == 0) continue;
        std::string line = s.text(b.services[i].name) + ": " + budget::format_pounds(after_lines[i]);
        if (after_lines[i] != before_lines[i]) line += std::string(s.tr(" (was ")) + budget::format_pounds(before_lines[i]) + ")";
        paragraph(s, line);
    }
    paragraph(s, std::string(s.tr("Total: ")) + budget::format_pounds(s.outcome.bills[s.receipt_band]) +
                     s.tr(" a year (was ") + budget::format_pounds(s.baseline.bills[s.receipt_band]) + ").",
              "overview:receipt-total");
    note(s, s.tr("Locked lines are paid for by grants, not council tax. Choose the band in the summary."));
}

}  // namespace app
