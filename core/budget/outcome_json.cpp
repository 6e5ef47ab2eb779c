// Outcome serialisation.
#include "outcome_json.h"

#include <nlohmann/json.hpp>

#include "council_tax.h"
#include "overview.h"

namespace budget {

using nlohmann::json;

std::string outcome_to_json(const Budget& b, const Choices& c, const Outcome& o, const std::string& language, char receipt_band) {
    json services = json::array();
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        const Service& s = b.services[i];
        json item = {{"id", s.id},
                     {"change_bp", c.service_bp[i]},
                     {"baseline_pence", s.baseline},
                     {"change_pence", o.services[i].change},
                     {"spend_pence", o.services[i].spend},
                     {"locked", s.locked}};
        if (!s.consequences.empty()) item["consequence"] = s.consequences[o.services[i].consequence].text.in(language);
        services.push_back(item);
    }
    json bills = json::object();
    std::size_t band_index = 3;
    for (std::size_t i = 0; i < b.council_tax.bands.size(); ++i) {
        bills[std::string(1, b.council_tax.bands[i].letter)] = o.bills[i];
        if (b.council_tax.bands[i].letter == receipt_band) band_index = i;
    }
    std::vector<Pence> receipt;
    tax_receipt(b, o, band_index, receipt);
    json receipt_json = json::array();
    for (std::size_t i = 0; i < b.services.size(); ++i)
        if (receipt[i] != 0) receipt_json.push_back({{"id", b.services[i].id}, {"pence", receipt[i]}});
    json kpis = json::array();
    for (std::size_t k = 0; k < b.kpis.size(); ++k) {
        const KpiOutcome& ko = o.kpis[k];
        kpis.push_back({{"id", b.kpis[k].id},
                        {"current_milli", ko.current},
                        {"projected_milli", ko.projected},
                        {"moved_milli", ko.moved},
                        {"current_rag", rag_id(ko.current_rag)},
                        {"projected_rag", rag_id(ko.projected_rag)}});
    }
    const Overview v = overview(b, o);
    json groups = json::array(), funding = json::array();
    for (std::size_t g = 0; g < b.groups.size(); ++g)
        groups.push_back({{"id", b.groups[g].id}, {"spend_pence", v.groups[g].spend}, {"locked_pence", v.groups[g].locked}});
    for (std::size_t f = 0; f < b.funding.size(); ++f) funding.push_back({{"id", b.funding[f].id}, {"pence", v.funding[f]}});
    json doc = {{"budget", {{"id", b.id}, {"version", b.version}}},
                {"totals",
                 {{"service_spend_pence", o.service_spend},
                  {"efficiency_savings_pence", o.efficiency_savings},
                  {"unlinked_savings_pence", o.unlinked_savings},
                  {"one_off_costs_pence", o.one_off_costs},
                  {"high_risk_savings_pence", o.high_risk_savings},
                  {"spend_total_pence", o.spend_total},
                  {"council_tax_income_pence", o.council_tax_income},
                  {"council_tax_change_pence", o.council_tax_change},
                  {"income_options_pence", o.income_options},
                  {"funding_total_pence", o.funding_total},
                  {"gap_to_close_pence", b.gap_to_close},
                  {"remaining_gap_pence", o.remaining_gap},
                  {"balanced", o.balanced}}},
                {"council_tax",
                 {{"change_bp", c.council_tax_bp},
                  {"band_d_pence", o.band_d},
                  {"within_cap", within_cap(b.council_tax, c.council_tax_bp)},
                  {"bills_pence", bills},
                  {"receipt_band", std::string(1, receipt_band)},
                  {"receipt_pence", receipt_json}}},
                {"overview",
                 {{"net_budget_pence", v.net_budget},
                  {"funding", funding},
                  {"council_tax_pence", v.council_tax},
                  {"other_income_pence", v.other_income},
                  {"groups", groups},
                  {"per_resident_pence", v.per_resident},
                  {"per_band_d_pence", v.per_band_d}}},
                {"services", services},
                {"kpis", kpis}};
    return doc.dump(2, ' ', false, json::error_handler_t::replace);
}

}  // namespace budget
