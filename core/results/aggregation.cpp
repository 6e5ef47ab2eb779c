// Streaming aggregation and the officers' summary reports.
#include "aggregation.h"

#include "council_tax.h"
#include "csv.h"

namespace budget {

using nlohmann::json;

std::int64_t histogram_quantile_qbp(const std::vector<std::uint64_t>& hist, BasisPoints min, BasisPoints step,
                                    std::uint64_t count, int quarter) {
    if (count == 0) return 0;
    const std::uint64_t position = (count - 1) * static_cast<std::uint64_t>(quarter);  // in quarters
    const std::uint64_t lo_rank = position / 4, frac = position % 4;
    auto value_at = [&](std::uint64_t rank) -> std::int64_t {
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < hist.size(); ++i) {
            seen += hist[i];
            if (rank < seen) return min + static_cast<std::int64_t>(i) * step;
        }
        return min + static_cast<std::int64_t>(hist.size() - 1) * step;
    };
    const std::int64_t lo = value_at(lo_rank);
    const std::int64_t hi = frac ? value_at(lo_rank + 1) : lo;
    return 4 * lo + static_cast<std::int64_t>(frac) * (hi - lo);
}

namespace {
std::size_t grid_size(BasisPoints min, BasisPoints max, BasisPoints step) {
    return static_cast<std::size_t>((max - min) / step) + 1;
}
std::size_t grid_index(BasisPoints v, BasisPoints min, BasisPoints step) { return static_cast<std::size_t>((v - min) / step); }
}  // namespace

Aggregator::Aggregator(const Budget& b) : b_(b) {
    for (const auto& s : b.services) service_hist_.emplace_back(grid_size(s.min_bp, s.max_bp, s.step_bp), 0);
    service_sum_bp_.assign(b.services.size(), 0);
    efficiency_uptake_.assign(b.efficiencies.size(), 0);
    income_uptake_.assign(b.incomes.size(), 0);
    const CouncilTax& ct = b.council_tax;
    council_tax_hist_.assign(grid_size(ct.lever_min_bp, ct.lever_max_bp, ct.lever_step_bp), 0);
    for (const auto& q : b.demographics) demographics_.emplace_back(q.options.size(), 0);
    ratings_.groups.resize(b.groups.size());
    ratings_.perception.resize(perception_questions().size());
}

void Aggregator::add_ratings(const Ratings& r) {
    if (r.empty()) return;
    ++ratings_.residents;
    for (const auto& [group, point] : r.services) ratings_.groups[group].add(point);
    for (const auto& [question, point] : r.perception) ratings_.perception[question].add(point);
}

void Aggregator::add(const Submission& s, const Outcome& o) {
    add(s.choices, o.balanced, !s.overall_comment.empty() || !s.service_comments.empty());
    for (const auto& [q, opt] : s.demographics) add_demographic(q, opt);
    add_ratings(s.ratings);
}

void Aggregator::add(const Choices& c, bool balanced, bool has_comments) {
    ++count_;
    if (balanced) ++balanced_;
    if (has_comments) ++with_comments_;
    for (std::size_t i = 0; i < b_.services.size(); ++i) {
        const Service& svc = b_.services[i];
        const BasisPoints v = c.service_bp[i];
        ++service_hist_[i][grid_index(v, svc.min_bp, svc.step_bp)];
        service_sum_bp_[i] += v;
    }
    for (std::size_t i = 0; i < efficiency_uptake_.size(); ++i) efficiency_uptake_[i] += c.efficiency_on[i] ? 1u : 0u;
    for (std::size_t i = 0; i < income_uptake_.size(); ++i) income_uptake_[i] += c.income_on[i] ? 1u : 0u;
    const CouncilTax& ct = b_.council_tax;
    ++council_tax_hist_[grid_index(c.council_tax_bp, ct.lever_min_bp, ct.lever_step_bp)];
    council_tax_sum_bp_ += c.council_tax_bp;
}

LeverSummary Aggregator::summarise(const std::vector<std::uint64_t>& hist, std::int64_t sum, BasisPoints min,
                                   BasisPoints step) const {
    LeverSummary out;
    out.count = count_;
    if (count_ == 0) return out;
    out.mean_centi_bp = divide_round(static_cast<__int128>(sum) * 100, static_cast<std::int64_t>(count_));
    out.lower_quartile_qbp = histogram_quantile_qbp(hist, min, step, count_, 1);
    out.median_qbp = histogram_quantile_qbp(hist, min, step, count_, 2);
    out.upper_quartile_qbp = histogram_quantile_qbp(hist, min, step, count_, 3);
    bool first = true;
    for (std::size_t i = 0; i < hist.size(); ++i) {
        if (!hist[i]) continue;
        const std::int64_t v = min + static_cast<std::int64_t>(i) * step;
        if (first) out.min_bp = v;
        out.max_bp = v;
        first = false;
    }
    return out;
}

LeverSummary Aggregator::service(std::size_t i) const {
    const Service& s = b_.services[i];
    return summarise(service_hist_[i], service_sum_bp_[i], s.min_bp, s.step_bp);
}

// Each submission's change is percent_of(baseline, bp), so summing over the histogram's bins gives
// exactly the sum over submissions, with no need to keep outcomes.
Pence Aggregator::service_mean_change(std::size_t i) const {
    if (!count_) return 0;
    const Service& s = b_.services[i];
    __int128 total = 0;
    for (std::size_t k = 0; k < service_hist_[i].size(); ++k)
        if (service_hist_[i][k])
            total += static_cast<__int128>(service_hist_[i][k]) *
                     percent_of(s.baseline, static_cast<BasisPoints>(s.min_bp + static_cast<std::int64_t>(k) * s.step_bp));
    return divide_round(total, static_cast<std::int64_t>(count_));
}

AverageClosing Aggregator::average_closing() const {
    AverageClosing a;
    if (!count_) return a;
    __int128 services = 0, savings = 0, income = 0, tax = 0;
    for (std::size_t i = 0; i < b_.services.size(); ++i) {
        const Service& s = b_.services[i];
        for (std::size_t k = 0; k < service_hist_[i].size(); ++k)
            if (service_hist_[i][k])
                services -= static_cast<__int128>(service_hist_[i][k]) *
                            percent_of(s.baseline, static_cast<BasisPoints>(s.min_bp + static_cast<std::int64_t>(k) * s.step_bp));
    }
    for (std::size_t i = 0; i < b_.efficiencies.size(); ++i)
        savings += static_cast<__int128>(efficiency_uptake_[i]) * (b_.efficiencies[i].saving - b_.efficiencies[i].one_off_cost);
    for (std::size_t i = 0; i < b_.incomes.size(); ++i) income += static_cast<__int128>(income_uptake_[i]) * b_.incomes[i].yield;
    const CouncilTax& ct = b_.council_tax;
    const Pence baseline_tax = b_.baseline_council_tax_income();
    for (std::size_t k = 0; k < council_tax_hist_.size(); ++k)
        if (council_tax_hist_[k]) {
            const BasisPoints bp = static_cast<BasisPoints>(ct.lever_min_bp + static_cast<std::int64_t>(k) * ct.lever_step_bp);
            tax += static_cast<__int128>(council_tax_hist_[k]) * (council_tax_income(ct, band_d_after(ct, bp)) - baseline_tax);
        }
    const auto n = static_cast<std::int64_t>(count_);
    a.services = divide_round(services, n);
    a.savings = divide_round(savings, n);
    a.income = divide_round(income, n);
    a.council_tax = divide_round(tax, n);
    a.total = divide_round(services + savings + income + tax, n);
    return a;
}

LeverSummary Aggregator::council_tax() const {
    const CouncilTax& ct = b_.council_tax;
    return summarise(council_tax_hist_, council_tax_sum_bp_, ct.lever_min_bp, ct.lever_step_bp);
}

namespace {
// Percent strings: centi-bp and quarter-bp both become exact 4-decimal percentages.
std::string pct_centi(std::int64_t centi_bp) { return format_fixed(centi_bp, 4); }
std::string pct_quarter(std::int64_t qbp) { return format_fixed(qbp * 25, 4); }
std::string pct_bp(std::int64_t bp) { return format_fixed(bp, 2); }
std::string share(std::uint64_t n, std::uint64_t of) {  // percentage with one decimal
    return of ? format_fixed(divide_round(static_cast<__int128>(n) * 1000, static_cast<std::int64_t>(of)), 1) : "0.0";
}
json lever_json(const LeverSummary& s) {
    return {{"mean_percent", pct_centi(s.mean_centi_bp)},       {"median_percent", pct_quarter(s.median_qbp)},
            {"lower_quartile_percent", pct_quarter(s.lower_quartile_qbp)}, {"upper_quartile_percent", pct_quarter(s.upper_quartile_qbp)},
            {"min_percent", pct_bp(s.min_bp)},                  {"max_percent", pct_bp(s.max_bp)}};
}
}  // namespace

std::string Aggregator::to_json() const {
    json services = json::array();
    for (std::size_t i = 0; i < b_.services.size(); ++i) {
        json s = lever_json(service(i));
        s["id"] = b_.services[i].id;
        s["name"] = b_.services[i].name.en;
        s["baseline_pence"] = b_.services[i].baseline;
        s["mean_change_pence"] = service_mean_change(i);
        services.push_back(s);
    }
    auto uptake = [&](const auto& options, const std::vector<std::uint64_t>& counts) {
        json out = json::array();
        for (std::size_t i = 0; i < options.size(); ++i)
            out.push_back({{"id", options[i].id}, {"name", options[i].name.en}, {"count", counts[i]}, {"percent", share(counts[i], count_)}});
        return out;
    };
    json ct = lever_json(council_tax());
    json dist = json::array();
    const CouncilTax& t = b_.council_tax;
    for (std::size_t i = 0; i < council_tax_hist_.size(); ++i)
        if (council_tax_hist_[i])
            dist.push_back({{"percent", pct_bp(t.lever_min_bp + static_cast<std::int64_t>(i) * t.lever_step_bp)}, {"count", council_tax_hist_[i]}});
    ct["distribution"] = dist;
    json demo = json::array();
    for (std::size_t q = 0; q < b_.demographics.size(); ++q) {
        json answers = json::array();
        for (std::size_t o = 0; o < b_.demographics[q].options.size(); ++o)
            answers.push_back({{"id", b_.demographics[q].options[o].first}, {"count", demographics_[q][o]}});
        demo.push_back({{"id", b_.demographics[q].id}, {"answers", answers}});
    }
    // Residents' ratings: each question's count at each point, and the share positive where shown.
    const auto rating_json = [](const RatingCount& c, RatingScale scale) {
        json counts = json::object();
        for (std::size_t p = 0; p < scale_point_ids(scale).size(); ++p) counts[scale_point_ids(scale)[p]] = c.points[p];
        counts["dont_know"] = c.dont_know;
        json out = {{"counts", counts}, {"rated", c.rated()}};
        if (const auto share = published_share(c))
            out["share_positive"] = {{"percent", format_fixed(share->share_tenths, 1)},
                                     {"low_percent", format_fixed(share->low_tenths, 1)},
                                     {"high_percent", format_fixed(share->high_tenths, 1)}};
        else
            out["share_positive"] = nullptr;
        return out;
    };
    json rated_groups = json::array(), rated_council = json::array();
    for (std::size_t g = 0; g < b_.groups.size(); ++g) {
        json r = rating_json(ratings_.groups[g], RatingScale::Satisfaction);
        r["id"] = b_.groups[g].id;
        rated_groups.push_back(r);
    }
    for (std::size_t q = 0; q < perception_questions().size(); ++q) {
        json r = rating_json(ratings_.perception[q], perception_questions()[q].scale);
        r["id"] = perception_questions()[q].id;
        rated_council.push_back(r);
    }
    const AverageClosing closing = average_closing();
    json doc = {{"budget", {{"id", b_.id}, {"version", b_.version}}},
                {"count", count_},
                {"average_closing_pence", {{"services", closing.services}, {"savings", closing.savings}, {"income", closing.income},
                                           {"council_tax", closing.council_tax}, {"total", closing.total}, {"gap", b_.gap_to_close}}},
                {"rejected", rejected_},
                {"balanced", balanced_},
                {"with_comments", with_comments_},
                {"services", services},
                {"efficiencies", uptake(b_.efficiencies, efficiency_uptake_)},
                {"income", uptake(b_.incomes, income_uptake_)},
                {"council_tax", ct},
                {"demographics", demo},
                {"ratings", {{"residents", ratings_.residents}, {"services", rated_groups}, {"council", rated_council}}}};
    return doc.dump(2, ' ', false, json::error_handler_t::replace);
}

std::string Aggregator::to_csv() const {
    std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM so Excel reads the £ and Welsh letters
    out += csv_row({"section", "id", "name", "count", "mean_percent", "median_percent", "lower_quartile_percent",
                    "upper_quartile_percent", "mean_change_pounds", "uptake_percent"});
    out += csv_row({"summary", "submissions", "", std::to_string(count_), "", "", "", "", "", ""});
    out += csv_row({"summary", "balanced", "", std::to_string(balanced_), "", "", "", "", "", share(balanced_, count_)});
    out += csv_row({"summary", "rejected", "", std::to_string(rejected_), "", "", "", "", "", ""});
    for (std::size_t i = 0; i < b_.services.size(); ++i) {
        const LeverSummary s = service(i);
        out += csv_row({"service", csv_text(b_.services[i].id), csv_text(b_.services[i].name.en), std::to_string(s.count),
                        pct_centi(s.mean_centi_bp), pct_quarter(s.median_qbp), pct_quarter(s.lower_quartile_qbp),
                        pct_quarter(s.upper_quartile_qbp), pounds_decimal(service_mean_change(i)), ""});
    }
    const LeverSummary ct = council_tax();
    out += csv_row({"council_tax", "band_d_change", "Council tax change", std::to_string(ct.count), pct_centi(ct.mean_centi_bp),
                    pct_quarter(ct.median_qbp), pct_quarter(ct.lower_quartile_qbp), pct_quarter(ct.upper_quartile_qbp), "", ""});
    for (std::size_t i = 0; i < b_.efficiencies.size(); ++i)
        out += csv_row({"efficiency", csv_text(b_.efficiencies[i].id), csv_text(b_.efficiencies[i].name.en),
                        std::to_string(efficiency_uptake_[i]), "", "", "", "", "", share(efficiency_uptake_[i], count_)});
    for (std::size_t i = 0; i < b_.incomes.size(); ++i)
        out += csv_row({"income", csv_text(b_.incomes[i].id), csv_text(b_.incomes[i].name.en), std::to_string(income_uptake_[i]),
                        "", "", "", "", "", share(income_uptake_[i], count_)});
    // Residents' ratings, a table of their own after a blank line: each question's counts and its share
    // positive with the 95% Wilson range (officers see every share; the public only from 10 rated).
    out += "\r\n" + csv_row({"section", "id", "name", "rated", "dont_know", "positive", "share_positive_percent", "low_percent",
                             "high_percent", "public"});
    const auto rating_row = [&](const char* section, const std::string& id, const std::string& name, const RatingCount& c) {
        std::string percent, low, high;
        if (c.rated() > 0) {
            const RatingShare r = wilson_share(c.positive(), c.rated());
            percent = format_fixed(r.share_tenths, 1), low = format_fixed(r.low_tenths, 1), high = format_fixed(r.high_tenths, 1);
        }
        out += csv_row({section, csv_text(id), csv_text(name), std::to_string(c.rated()), std::to_string(c.dont_know), std::to_string(c.positive()),
                        percent, low, high, c.rated() >= kFewestRatingsShown ? "yes" : "no"});
    };
    for (std::size_t g = 0; g < b_.groups.size(); ++g) rating_row("rating", b_.groups[g].id, b_.groups[g].name.en, ratings_.groups[g]);
    for (std::size_t q = 0; q < perception_questions().size(); ++q)
        rating_row("rating_council", perception_questions()[q].id, perception_questions()[q].question, ratings_.perception[q]);
    return out;
}

}  // namespace budget

namespace budget {

std::string comments_csv_header() { return csv_row({"submission_id", "about", "comment"}); }

std::string comment_csv_row(const std::string& submission_id, const std::string& about, const std::string& text) {
    return csv_row({csv_text(submission_id), csv_text(about), csv_text(text)});
}

std::string comment_json_item(const std::string& submission_id, const std::string& about, const std::string& text) {
    const json j = {{"submission_id", submission_id}, {"about", about}, {"comment", text}};
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string comments_csv_rows(const Budget& b, const Submission& s) {
    std::string out;
    if (!s.overall_comment.empty()) out += comment_csv_row(s.submission_id, "overall", s.overall_comment);
    for (const auto& [svc, text] : s.service_comments) out += comment_csv_row(s.submission_id, b.services[svc].id, text);
    return out;
}

std::string comments_json_items(const Budget& b, const Submission& s) {
    std::string out;
    auto item = [&](const std::string& about, const std::string& text) {
        if (!out.empty()) out += ",";
        out += comment_json_item(s.submission_id, about, text);
    };
    if (!s.overall_comment.empty()) item("overall", s.overall_comment);
    for (const auto& [svc, text] : s.service_comments) item(b.services[svc].id, text);
    return out;
}

}  // namespace budget
