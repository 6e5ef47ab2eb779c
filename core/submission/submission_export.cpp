// Per-submission CSV export.
#include "submission_export.h"

#include "money.h"
#include "csv.h"

namespace budget {

std::string export_csv_header(const Budget& b) {
    std::vector<std::string> cells = {"submission_id", "received_at", "language"};
    for (const auto& s : b.services)
        if (!s.locked) cells.push_back(csv_text("service:" + s.id + " (%)"));
    for (const auto& e : b.efficiencies) cells.push_back(csv_text("efficiency:" + e.id));
    for (const auto& i : b.incomes) cells.push_back(csv_text("income:" + i.id));
    cells.insert(cells.end(), {"council_tax_change (%)", "band_d (GBP)", "remaining_gap (GBP)", "balanced", "comment",
                               "service_comments"});
    return "\xEF\xBB\xBF" + csv_row(cells);
}

std::string export_csv_row(const Budget& b, const Submission& s, const Outcome& o, std::string_view received_at) {
    std::vector<std::string> cells = {csv_text(s.submission_id), csv_text(received_at), csv_text(s.language)};
    for (std::size_t i = 0; i < b.services.size(); ++i)
        if (!b.services[i].locked) cells.push_back(format_fixed(s.choices.service_bp[i], 2));
    for (char on : s.choices.efficiency_on) cells.push_back(on ? "1" : "0");
    for (char on : s.choices.income_on) cells.push_back(on ? "1" : "0");
    cells.push_back(format_fixed(s.choices.council_tax_bp, 2));
    cells.push_back(pounds_decimal(o.band_d));
    cells.push_back(pounds_decimal(o.remaining_gap));
    cells.push_back(o.balanced ? "yes" : "no");
    cells.push_back(csv_text(s.overall_comment));
    std::string per_service;
    for (const auto& [svc, text] : s.service_comments) {
        if (!per_service.empty()) per_service += "\n";
        per_service += b.services[svc].id + ": " + text;
    }
    cells.push_back(csv_text(per_service));
    return csv_row(cells);
}

}  // namespace budget
