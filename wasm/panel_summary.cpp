// Always in view: the gap against the target, the household bill for a chosen band, and the
// indicators the choices move (with RAG status in colour and in words).
#include "council_tax.h"
#include "kpi_format.h"
#include "money.h"
#include "overview.h"
#include "ui.h"

namespace app {

void gap_bar(AppState& s) {
    const budget::Outcome& o = s.outcome;
    const double target = static_cast<double>(s.budget.gap_to_close);
    const double closed = target - static_cast<double>(o.remaining_gap);
    const float fraction = target > 0 ? static_cast<float>(closed / target) : 1.0f;
    const std::string label = o.balanced ? std::string(s.tr("Balanced: surplus ")) +
                                               budget::format_pounds_short(-o.remaining_gap)
                                         : std::string(s.tr("Gap still to close: ")) +
                                               budget::format_pounds_short(o.remaining_gap) + s.tr(" of ") +
                                               budget::format_pounds_short(s.budget.gap_to_close);
    // The council's colour for the part closed, where white words on it reach 4.5:1 (checked at load).
    const budget::Brand& brand = s.budget.brand;
    const ImU32 closing = brand.colour && brand.colour_for_text && !s.high_contrast
                              ? IM_COL32((*brand.colour >> 16) & 0xFF, (*brand.colour >> 8) & 0xFF, *brand.colour & 0xFF, 255)
                              : IM_COL32(13, 79, 140, 255);
    fill_bar(fraction, label, o.balanced ? IM_COL32(0, 112, 59, 255) : closing);
    described(s, label, "Gap");
    s.mirror.announce = label;  // said when it changes, so a screen reader hears what a lever did
}

std::string surplus_words(const AppState& s) {
    if (!s.outcome.balanced || s.outcome.remaining_gap == 0) return "";
    std::string words = std::string(s.tr("Your budget has a surplus of ")) +
                        budget::format_pounds_short(-s.outcome.remaining_gap) + ". ";
    if (s.lower_tax) {
        words += std::string(s.tr("Council tax could change by ")) + (s.lower_tax->council_tax_bp > 0 ? "+" : "") +
                 budget::format_bp_as_percent(s.lower_tax->council_tax_bp) + s.tr("% instead of ") + (s.choices.council_tax_bp > 0 ? "+" : "") +
                 budget::format_bp_as_percent(s.choices.council_tax_bp) + s.tr("% and still balance (Band D ") +
                 budget::format_pounds(s.lower_tax->band_d) + s.tr(" instead of ") + budget::format_pounds(s.outcome.band_d) + ").";
    } else {
        words += s.tr("It is too small to lower council tax by a step; it would go to the council's reserves.");
    }
    return words;
}

void panel_summary(AppState& s, bool compact) {
    const budget::Budget& b = s.budget;
    const budget::Outcome& o = s.outcome;
    const auto& bands = b.council_tax.bands;
    // The household bill for a chosen band.
    heading(s, s.tr("Your council tax bill"), 2);
    std::vector<std::string> band_names, letters;  // "Band" is the same word in Welsh
    for (const auto& band : bands) {
        band_names.push_back(std::string("Band ") + band.letter);
        letters.emplace_back(1, band.letter);
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Band:");  // the radio group says it for screen readers
    ImGui::SameLine();
    const int chosen = select(s, s.tr("Council tax band"), "band", band_names,
                              static_cast<int>(s.receipt_band), &letters);
    if (chosen >= 0) s.receipt_band = static_cast<std::size_t>(chosen);
    const budget::Pence before = budget::band_charge(b.council_tax.band_d, bands[s.receipt_band].ninths);
    const budget::Pence bill = o.bills[s.receipt_band];
    const std::string change = bill == before ? std::string(s.tr("no change"))
                                              : (bill > before ? "+" : "-") + budget::format_pounds(bill > before ? bill - before : before - bill) +
                                                    s.tr(" a year");
    paragraph(s, band_names[s.receipt_band] + ": " + budget::format_pounds(bill) + s.tr(" a year (") + change + ")");
    if (const std::string surplus = surplus_words(s); !surplus.empty()) paragraph(s, surplus, "surplus");
    if (compact) {
        ImGui::Separator();
        return;
    }
    ImGui::Separator();
    heading(s, s.tr("What your choices do to performance"), 2);
    bool any = false;
    for (std::size_t k = 0; k < b.kpis.size(); ++k) {
        const budget::Kpi& kpi = b.kpis[k];
        const budget::KpiOutcome& ko = o.kpis[k];
        if (ko.moved == 0) continue;
        any = true;
        ImGui::PushID(static_cast<int>(k));
        const bool higher_better = kpi.polarity == budget::Polarity::HigherIsBetter;
        paragraph(s, s.text(kpi.name) + " (" + (higher_better ? s.tr("higher is better") : s.tr("lower is better")) + ")");
        // The change between the figures as shown, so it never contradicts them ("56% to 56%" is
        // "about the same"), and whether it is for the better.
        const budget::KpiWords units = kpi_words(s);
        const std::string now = budget::format_kpi_value(kpi, ko.current, units), then = budget::format_kpi_value(kpi, ko.projected, units);
        const budget::Milli shown = budget::round_kpi(kpi, ko.projected) - budget::round_kpi(kpi, ko.current);
        const std::string moved = shown == 0 ? s.tr("about the same")
                                             : budget::format_kpi_change(kpi, shown, units) + ", " +
                                                   ((shown > 0) == higher_better ? s.tr("better") : s.tr("worse"));
        const std::string line = std::string(rag_word(s, ko.projected_rag)) + ": " + now + s.tr(" to ") + then + " (" + moved + ")";
        coloured_text(s, line, rag_colour(ko.projected_rag, s.high_contrast), "kpi:" + kpi.id);
        ImGui::PopID();
    }
    if (!any) paragraph(s, s.tr("Move a slider or choose an option to see its effect."));
}

}  // namespace app
