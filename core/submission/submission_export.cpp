// Per-submission CSV export, one version or several.
#include "submission_export.h"

#include <algorithm>

#include "csv.h"
#include "money.h"
#include "resident_ratings.h"

namespace budget {

namespace {

// Adds `id` once; its name is the newest version's.
void add_once(std::vector<std::string>& ids, std::vector<std::string>& names, const std::string& id, const std::string& name) {
    const auto at = std::find(ids.begin(), ids.end(), id);
    if (at == ids.end()) {
        ids.push_back(id);
        names.push_back(name);
    } else {
        names[static_cast<std::size_t>(at - ids.begin())] = name;
    }
}

template <class Items>
std::optional<std::size_t> index_of(const Items& items, const std::string& id) {
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].id == id) return i;
    return std::nullopt;
}

}  // namespace

ExportColumns export_columns(const std::vector<const Budget*>& versions) {
    ExportColumns c;
    for (const Budget* b : versions) {
        for (const auto& s : b->services)
            if (!s.locked) add_once(c.services, c.service_names, s.id, s.name.en);
        for (const auto& e : b->efficiencies) add_once(c.efficiencies, c.efficiency_names, e.id, e.name.en);
        for (const auto& i : b->incomes) add_once(c.incomes, c.income_names, i.id, i.name.en);
        for (const auto& g : b->groups) add_once(c.groups, c.group_names, g.id, g.name.en);
    }
    for (const Budget* b : versions) {
        ExportColumns::Positions p;
        p.version = b->version;
        for (const auto& id : c.services) {
            const auto i = index_of(b->services, id);
            p.services.push_back(i && !b->services[*i].locked ? i : std::nullopt);
        }
        for (const auto& id : c.efficiencies) p.efficiencies.push_back(index_of(b->efficiencies, id));
        for (const auto& id : c.incomes) p.incomes.push_back(index_of(b->incomes, id));
        for (const auto& id : c.groups) p.groups.push_back(index_of(b->groups, id));
        c.positions.push_back(std::move(p));
    }
    return c;
}

std::string export_csv_header(const ExportColumns& c, bool names) {
    std::vector<std::string> cells = names ? std::vector<std::string>{"Submission", "Received (UTC)", "Version", "Language"}
                                           : std::vector<std::string>{"submission_id", "received_at", "version", "language"};
    for (std::size_t i = 0; i < c.services.size(); ++i)
        cells.push_back(csv_text(names ? c.service_names[i] + " (%)" : "service:" + c.services[i] + " (%)"));
    for (std::size_t i = 0; i < c.efficiencies.size(); ++i)
        cells.push_back(csv_text(names ? "Saving: " + c.efficiency_names[i] : "efficiency:" + c.efficiencies[i]));
    for (std::size_t i = 0; i < c.incomes.size(); ++i)
        cells.push_back(csv_text(names ? "Income: " + c.income_names[i] : "income:" + c.incomes[i]));
    if (names)
        cells.insert(cells.end(), {"Council tax change (%)", "Band D (GBP)", "Gap remaining (GBP)", "Balanced", "Comment",
                                   "Comments on services"});
    else
        cells.insert(cells.end(), {"council_tax_change (%)", "band_d (GBP)", "remaining_gap (GBP)", "balanced", "comment",
                                   "service_comments"});
    for (std::size_t i = 0; i < c.groups.size(); ++i)
        cells.push_back(csv_text(names ? "Rating: " + c.group_names[i] : "rating:" + c.groups[i]));
    for (const auto& q : perception_questions())
        cells.push_back(csv_text(names ? std::string("Rating: ") + q.question : std::string("rating:council:") + q.id));
    return "\xEF\xBB\xBF" + csv_row(cells);
}

std::string export_csv_row(const ExportColumns& c, const Budget& b, const Submission& s, const Outcome& o, std::string_view received_at) {
    std::vector<std::string> cells = {csv_text(s.submission_id), csv_text(received_at), std::to_string(b.version), csv_text(s.language)};
    const auto p = std::find_if(c.positions.begin(), c.positions.end(), [&](const ExportColumns::Positions& x) { return x.version == b.version; });
    if (p == c.positions.end()) return "";  // not one of the versions the columns were made from
    for (const auto& i : p->services) cells.push_back(i ? format_fixed(s.choices.service_bp[*i], 2) : "");
    for (const auto& i : p->efficiencies) cells.push_back(i ? (s.choices.efficiency_on[*i] ? "1" : "0") : "");
    for (const auto& i : p->incomes) cells.push_back(i ? (s.choices.income_on[*i] ? "1" : "0") : "");
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
    for (const auto& i : p->groups) {
        std::string cell;
        for (const auto& [g, point] : s.ratings.services)
            if (i && g == *i) cell = point_id(RatingScale::Satisfaction, point);
        cells.push_back(cell);
    }
    const auto& questions = perception_questions();
    for (std::size_t q = 0; q < questions.size(); ++q) {
        std::string cell;
        for (const auto& [asked, point] : s.ratings.perception)
            if (asked == q) cell = point_id(questions[q].scale, point);
        cells.push_back(cell);
    }
    return csv_row(cells);
}

std::string export_csv_header(const Budget& b) { return export_csv_header(export_columns({&b})); }

std::string export_csv_row(const Budget& b, const Submission& s, const Outcome& o, std::string_view received_at) {
    return export_csv_row(export_columns({&b}), b, s, o, received_at);
}

}  // namespace budget
