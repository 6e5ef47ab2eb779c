// The officers' results workbook: see results_workbook.h.
#include "results_workbook.h"

#include <xlsxwriter.h>

#include <functional>
#include <map>
#include <vector>

#include "aggregation.h"
#include "tax_bands.h"
#include "choices_codec.h"
#include "money.h"
#include "submission.h"

namespace budget::workbook {

namespace {

double percent_value(std::int64_t bp) { return static_cast<double>(bp) / 10000.0; }          // 0.0425 shows as 4.25%
double quarter_bp_value(std::int64_t qbp) { return static_cast<double>(qbp) / 40000.0; }
double pounds_value(budget::Pence p) { return static_cast<double>(p) / 100.0; }

// Counts and shares as exact integers first; a cell holds the nearest double (Excel has no other number).
double share_value(std::uint64_t n, std::uint64_t total) { return total ? static_cast<double>(n) / static_cast<double>(total) : 0.0; }

class Writer {
public:
    explicit Writer(lxw_workbook* wb) : wb_(wb) {
        bold_ = workbook_add_format(wb_);
        format_set_bold(bold_);
        format_set_text_wrap(bold_);
        format_set_align(bold_, LXW_ALIGN_VERTICAL_TOP);
        percent_ = workbook_add_format(wb_);
        format_set_num_format(percent_, "0.00%");
        pounds_ = workbook_add_format(wb_);
        format_set_num_format(pounds_, "\xC2\xA3#,##0.00;-\xC2\xA3#,##0.00");
        wrap_ = workbook_add_format(wb_);
        format_set_text_wrap(wrap_);
        format_set_align(wrap_, LXW_ALIGN_VERTICAL_TOP);
    }
    lxw_worksheet* sheet(const std::string& wanted) {
        std::string name = safe_sheet_name(wanted);
        // Excel compares names without case: add a number until it is new.
        for (int n = 2; used(name); ++n) name = safe_sheet_name(wanted.substr(0, 24) + " (" + std::to_string(n) + ")");
        names_.push_back(name);
        return workbook_add_worksheet(wb_, name.c_str());
    }
    const std::string& last_name() const { return names_.back(); }
    void text(lxw_worksheet* ws, int row, int col, const std::string& s, lxw_format* f = nullptr) {
        check(worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), s.c_str(), f ? f : wrap_));
    }
    void number(lxw_worksheet* ws, int row, int col, double v, lxw_format* f = nullptr) {
        check(worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v, f));
    }
    void header(lxw_worksheet* ws, int row, const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) text(ws, row, static_cast<int>(i), cells[i], bold_);
    }
    // What a chart's value axis shows: a share of responses (0 to 100%), a count (from 0), or a
    // change that may be negative (percent, where it starts is the data's).
    enum class Values { Share, Count, Change };
    // A bar (or column) chart of rows first..last: categories in column `cat` (text, so every program
    // labels them as written), values in `val`; both axes named, shares and counts from zero.
    void chart(lxw_worksheet* ws, const std::string& sheet_name, uint8_t type, const std::string& title, int first, int last,
               int cat, int val, int at_row, int at_col, Values values, const char* category_name, const char* value_name) {
        if (last < first) return;
        lxw_chart* c = workbook_add_chart(wb_, type);
        lxw_chart_series* s = chart_add_series(c, nullptr, nullptr);
        chart_series_set_categories(s, sheet_name.c_str(), static_cast<lxw_row_t>(first), static_cast<lxw_col_t>(cat),
                                    static_cast<lxw_row_t>(last), static_cast<lxw_col_t>(cat));
        chart_series_set_values(s, sheet_name.c_str(), static_cast<lxw_row_t>(first), static_cast<lxw_col_t>(val),
                                static_cast<lxw_row_t>(last), static_cast<lxw_col_t>(val));
        chart_title_set_name(c, title.c_str());
        chart_legend_set_position(c, LXW_CHART_LEGEND_NONE);
        // A bar chart lies on its side: its value axis is x.
        lxw_chart_axis* value_axis = type == LXW_CHART_BAR ? c->x_axis : c->y_axis;
        lxw_chart_axis* category_axis = type == LXW_CHART_BAR ? c->y_axis : c->x_axis;
        chart_axis_set_name(value_axis, value_name);
        chart_axis_set_name(category_axis, category_name);
        // Labels at the low end, clear of bars that go below zero.
        chart_axis_set_label_position(category_axis, LXW_CHART_AXIS_LABEL_POSITION_LOW);
        if (values != Values::Count) chart_axis_set_num_format(value_axis, "0%");
        if (values == Values::Share) {
            chart_axis_set_min(value_axis, 0);
            chart_axis_set_max(value_axis, 1);
        }
        if (values == Values::Count) chart_axis_set_min(value_axis, 0);
        const int categories = last - first + 1;
        if (type == LXW_CHART_COLUMN && categories > 12) {
            // Many columns: every nth label, on a slant, so none overlaps.
            chart_axis_set_interval_unit(category_axis, static_cast<uint16_t>((categories + 11) / 12));
            lxw_chart_font slant{};
            slant.rotation = -45;
            chart_axis_set_num_font(category_axis, &slant);
        }
        lxw_chart_options options{};
        options.x_scale = 1.6;
        options.y_scale = type == LXW_CHART_BAR ? std::max(1.0, categories / 6.0) : 1.2;  // room for every bar's label
        check(worksheet_insert_chart_opt(ws, static_cast<lxw_row_t>(at_row), static_cast<lxw_col_t>(at_col), c, &options));
    }
    lxw_format* bold() const { return bold_; }
    lxw_format* percent() const { return percent_; }
    lxw_format* pounds() const { return pounds_; }
    lxw_error first_error() const { return error_; }

private:
    bool used(const std::string& name) const {
        auto fold = [](std::string s) {
            for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            return s;
        };
        for (const auto& n : names_)
            if (fold(n) == fold(name)) return true;
        return false;
    }
    void check(lxw_error e) {
        if (e != LXW_NO_ERROR && error_ == LXW_NO_ERROR) error_ = e;
    }
    lxw_workbook* wb_;
    lxw_format *bold_, *percent_, *pounds_, *wrap_;
    std::vector<std::string> names_;
    lxw_error error_ = LXW_NO_ERROR;
};

}  // namespace

std::string safe_sheet_name(const std::string& wanted) {
    std::string out;
    std::size_t characters = 0;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        const char c = wanted[i];
        const bool continuation = (static_cast<unsigned char>(c) & 0xC0) == 0x80;
        if (!continuation && characters == 31) break;  // a 32nd character starts here
        if (!continuation) ++characters;
        if (c == '[' || c == ']' || c == ':' || c == '*' || c == '?' || c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20)
            out += ' ';
        else out += c;
    }
    while (!out.empty() && (out.front() == '\'' || out.front() == ' ')) out.erase(0, 1);
    while (!out.empty() && (out.back() == '\'' || out.back() == ' ')) out.pop_back();
    return out.empty() ? "Sheet" : out;
}

bool write_results_workbook(const budget::Budget& b, const ResultsSource& source, const std::string& path, std::string& error) {
    budget::Aggregator agg(b);
    if (!source.aggregate(agg, error)) return false;
    lxw_workbook_options options{};
    options.constant_memory = 1;  // rows go straight to disk: memory stays flat for any number of responses
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    if (!wb) {
        error = "cannot create " + path;
        return false;
    }
    Writer w(wb);
    const std::uint64_t n = agg.count();

    // Summary: the headline figures, then each service's spread.
    lxw_worksheet* summary = w.sheet("Summary");
    const std::string summary_name = w.last_name();
    worksheet_set_column(summary, 0, 0, 36, nullptr);
    worksheet_set_column(summary, 1, 1, 30, nullptr);  // the budget's id and version, the export's time: never cut
    worksheet_set_column(summary, 2, 8, 14, nullptr);
    w.text(summary, 0, 0, b.council_name.en, w.bold());
    w.text(summary, 1, 0, "Budget");
    w.text(summary, 1, 1, b.id + " v" + std::to_string(b.version));
    w.text(summary, 2, 0, "Financial year");
    w.text(summary, 2, 1, b.financial_year);
    w.text(summary, 3, 0, "Responses");
    w.number(summary, 3, 1, static_cast<double>(n));
    w.text(summary, 4, 0, "Balanced the budget");
    if (b.balance_rule == budget::BalanceRule::MustBalance) w.text(summary, 4, 1, "required to send");
    else w.number(summary, 4, 1, share_value(agg.balanced(), n), w.percent());
    w.text(summary, 5, 0, "Responses with comments");
    w.number(summary, 5, 1, static_cast<double>(agg.with_comments()));
    w.text(summary, 6, 0, "Exported (UTC)");
    w.text(summary, 6, 1, source.written_at);
    const int table = 8;
    w.header(summary, table, {"Service", "Cut", "Kept", "Increased", "Lower quartile", "Median", "Upper quartile", "Mean"});
    int row = table + 1;
    std::vector<std::size_t> levers;
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        const auto& s = b.services[i];
        if (s.locked) continue;
        levers.push_back(i);
        const auto& hist = agg.service_histogram(i);
        std::uint64_t cut = 0, kept = 0, up = 0;
        for (std::size_t k = 0; k < hist.size(); ++k) {
            const std::int64_t v = s.min_bp + static_cast<std::int64_t>(k) * s.step_bp;
            (v < 0 ? cut : v == 0 ? kept : up) += hist[k];
        }
        const budget::LeverSummary sum = agg.service(i);
        w.text(summary, row, 0, s.name.en);
        w.number(summary, row, 1, share_value(cut, n), w.percent());
        w.number(summary, row, 2, share_value(kept, n), w.percent());
        w.number(summary, row, 3, share_value(up, n), w.percent());
        w.number(summary, row, 4, quarter_bp_value(sum.lower_quartile_qbp), w.percent());
        w.number(summary, row, 5, quarter_bp_value(sum.median_qbp), w.percent());
        w.number(summary, row, 6, quarter_bp_value(sum.upper_quartile_qbp), w.percent());
        w.number(summary, row, 7, static_cast<double>(sum.mean_centi_bp) / 1000000.0, w.percent());
        ++row;
    }
    worksheet_freeze_panes(summary, table + 1, 1);
    w.chart(summary, summary_name, LXW_CHART_BAR, "Median change chosen, by service", table + 1, row - 1, 0, 5, row + 1, 0, Writer::Values::Change,
            "Service", "Median change chosen");

    // Options: uptake of each saving and income option.
    lxw_worksheet* opts = w.sheet("Options");
    const std::string opts_name = w.last_name();
    worksheet_set_column(opts, 0, 0, 40, nullptr);
    worksheet_set_column(opts, 1, 4, 14, nullptr);
    w.header(opts, 0, {"Option", "Kind", "Id", "Chosen by", "Share"});
    worksheet_freeze_panes(opts, 1, 0);
    row = 1;
    auto option_row = [&](const std::string& name, const char* kind, const std::string& id, std::uint64_t count) {
        w.text(opts, row, 0, name);
        w.text(opts, row, 1, kind);
        w.text(opts, row, 2, id);
        w.number(opts, row, 3, static_cast<double>(count));
        w.number(opts, row, 4, share_value(count, n), w.percent());
        ++row;
    };
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i) option_row(b.efficiencies[i].name.en, "saving", b.efficiencies[i].id, agg.efficiency_uptake(i));
    for (std::size_t i = 0; i < b.incomes.size(); ++i) option_row(b.incomes[i].name.en, "income", b.incomes[i].id, agg.income_uptake(i));
    w.chart(opts, opts_name, LXW_CHART_BAR, "Share choosing each option", 1, row - 1, 0, 4, row + 1, 0, Writer::Values::Share, "Option",
            "Share of responses");

    // Council tax: the changes chosen in bands (a cut, none, each whole percent up to the referendum
    // limit, the limit), each with what it means on Band D; then every step chosen, for analysts.
    lxw_worksheet* tax = w.sheet("Council tax");
    const std::string tax_name = w.last_name();
    worksheet_set_column(tax, 0, 0, 34, nullptr);
    worksheet_set_column(tax, 1, 6, 16, nullptr);
    w.header(tax, 0, {"Change", "Above", "Up to", "Responses", "Share", "Band D a year, up to"});
    worksheet_freeze_panes(tax, 1, 0);
    row = 1;
    const auto& ct = b.council_tax;
    for (const budget::TaxBand& band : budget::council_tax_bands(ct, agg.council_tax_histogram())) {
        const auto pct = [](budget::BasisPoints bp) { return budget::format_bp_as_percent(bp) + "%"; };
        const std::string label = band.kind == budget::TaxBand::Kind::Cut      ? "A cut"
                                  : band.kind == budget::TaxBand::Kind::Freeze ? "No change"
                                  : band.kind == budget::TaxBand::Kind::Limit  ? pct(band.high_bp) + ", the referendum limit"
                                                                               : "Over " + pct(band.low_bp) + " up to " + pct(band.high_bp);
        w.text(tax, row, 0, label);
        if (band.kind == budget::TaxBand::Kind::Rise) w.number(tax, row, 1, percent_value(band.low_bp), w.percent());
        if (band.kind == budget::TaxBand::Kind::Cut) w.number(tax, row, 1, percent_value(band.low_bp), w.percent());
        w.number(tax, row, 2, percent_value(band.kind == budget::TaxBand::Kind::Cut ? 0 : band.high_bp), w.percent());
        w.number(tax, row, 3, static_cast<double>(band.count));
        w.number(tax, row, 4, share_value(band.count, n), w.percent());
        w.number(tax, row, 5, pounds_value(band.kind == budget::TaxBand::Kind::Cut ? band.band_d_low : band.band_d_high), w.pounds());
        ++row;
    }
    const int bands_end = row - 1;
    w.chart(tax, tax_name, LXW_CHART_BAR, "Council tax change chosen, in bands", 1, bands_end, 0, 4, 1, 7, Writer::Values::Share, "Change",
            "Share of responses");
    row += 1;
    w.header(tax, row++, {"Every step chosen", "Responses"});
    const auto& tax_hist = agg.council_tax_histogram();
    for (std::size_t k = 0; k < tax_hist.size(); ++k) {
        if (!tax_hist[k]) continue;
        w.number(tax, row, 0, percent_value(ct.lever_min_bp + static_cast<std::int64_t>(k) * ct.lever_step_bp), w.percent());
        w.number(tax, row, 1, static_cast<double>(tax_hist[k]));
        ++row;
    }

    // Ratings: residents' answers to "How are we doing?", each question's share positive with its
    // 95% Wilson range (published only from 10 ratings), then every answer's count.
    lxw_worksheet* rated = w.sheet("Ratings");
    worksheet_set_column(rated, 0, 0, 60, nullptr);
    worksheet_set_column(rated, 1, 7, 16, nullptr);
    w.text(rated, 0, 0, "Residents who rated anything");
    w.number(rated, 0, 1, static_cast<double>(agg.ratings().residents));
    w.header(rated, 2, {"Asked about", "Rated (not don't know)", "Don't know", "Share positive", "95% range from", "95% range to",
                        "Positive means", "Published"});
    worksheet_freeze_panes(rated, 3, 1);
    row = 3;
    struct Asked { std::string about; const budget::RatingCount* count; budget::RatingScale scale; };
    std::vector<Asked> asked;
    for (std::size_t g = 0; g < b.groups.size(); ++g) asked.push_back({b.groups[g].name.en, &agg.ratings().groups[g], budget::RatingScale::Satisfaction});
    for (std::size_t q = 0; q < budget::perception_questions().size(); ++q)
        asked.push_back({budget::perception_questions()[q].question, &agg.ratings().perception[q], budget::perception_questions()[q].scale});
    for (const Asked& a : asked) {
        w.text(rated, row, 0, a.about);
        w.number(rated, row, 1, static_cast<double>(a.count->rated()));
        w.number(rated, row, 2, static_cast<double>(a.count->dont_know));
        if (a.count->rated() > 0) {
            const budget::RatingShare share = budget::wilson_share(a.count->positive(), a.count->rated());
            w.number(rated, row, 3, static_cast<double>(share.share_tenths) / 1000.0, w.percent());
            w.number(rated, row, 4, static_cast<double>(share.low_tenths) / 1000.0, w.percent());
            w.number(rated, row, 5, static_cast<double>(share.high_tenths) / 1000.0, w.percent());
        }
        w.text(rated, row, 6, budget::positive_words(a.scale));
        w.text(rated, row, 7, a.count->rated() >= budget::kFewestRatingsShown ? "yes" : "no: fewer than 10 rated");
        ++row;
    }
    row += 1;
    w.header(rated, row++, {"Asked about", "Answer", "Residents"});
    for (const Asked& a : asked) {
        const auto& words = budget::scale_point_words(a.scale);
        for (std::size_t p = 0; p < words.size(); ++p) {
            w.text(rated, row, 0, a.about);
            w.text(rated, row, 1, words[p]);
            w.number(rated, row++, 2, static_cast<double>(a.count->points[p]));
        }
        w.text(rated, row, 0, a.about);
        w.text(rated, row, 1, "Don't know");
        w.number(rated, row++, 2, static_cast<double>(a.count->dont_know));
    }

    // A sheet per service: the histogram on its step grid, and its chart.
    int number = 1;
    for (std::size_t i : levers) {
        const auto& s = b.services[i];
        char prefix[16];
        std::snprintf(prefix, sizeof prefix, "S%02d ", number++);
        lxw_worksheet* ws = w.sheet(prefix + s.name.en);
        const std::string ws_name = w.last_name();
        w.text(ws, 0, 0, s.name.en, w.bold());
        w.text(ws, 1, 0, "Today's net budget");
        w.number(ws, 1, 1, pounds_value(s.baseline), w.pounds());
        w.header(ws, 3, {"Change", "Responses", "Share", "Label"});
        const auto& hist = agg.service_histogram(i);
        row = 4;
        for (std::size_t k = 0; k < hist.size(); ++k) {
            const std::int64_t bp = s.min_bp + static_cast<std::int64_t>(k) * s.step_bp;
            w.number(ws, row, 0, percent_value(bp), w.percent());
            w.number(ws, row, 1, static_cast<double>(hist[k]));
            w.number(ws, row, 2, share_value(hist[k], n), w.percent());
            // The chart's label, as text ("-15%", "+5%"): programs that ignore a category's number format still read it right.
            w.text(ws, row, 3, (bp > 0 ? "+" : "") + budget::format_bp_as_percent(static_cast<budget::BasisPoints>(bp)) + "%");
            ++row;
        }
        worksheet_set_column(ws, 0, 3, 16, nullptr);
        w.chart(ws, ws_name, LXW_CHART_COLUMN, s.name.en + ": change chosen", 4, row - 1, 3, 1, 3, 5, Writer::Values::Count, "Change",
                "Responses");
    }

    // A sheet per demographic question: the same figures by answer, groups under 10 suppressed.
    for (std::size_t q = 0; q < b.demographics.size(); ++q) {
        std::vector<budget::AnswerGroup> groups;
        if (!source.groups(q, groups, error)) {
            workbook_close(wb);
            return false;
        }
        lxw_worksheet* ws = w.sheet("By " + b.demographics[q].label.en);
        w.text(ws, 0, 0, "Results by answer to: " + b.demographics[q].label.en, w.bold());
        w.text(ws, 1, 0, "A group with fewer than " + std::to_string(kSmallestGroup) +
                             " responses shows no figures; where only one does, the next smallest is hidden with it, so neither can be "
                             "worked out from the totals.");
        const std::vector<budget::GroupShown> shown = budget::group_visibility(groups);
        std::vector<std::string> head = {"Figure"};
        for (const auto& g : groups) head.push_back(g.option_id.empty() ? "No answer" : g.label.en);
        w.header(ws, 3, head);
        worksheet_set_column(ws, 0, 0, 40, nullptr);
        worksheet_set_column(ws, 1, static_cast<lxw_col_t>(groups.size()), 14, nullptr);
        int r = 4;
        auto figure_row = [&](const std::string& label, const std::function<void(int col, const budget::Aggregator&)>& cell) {
            w.text(ws, r, 0, label);
            for (std::size_t g = 0; g < groups.size(); ++g) {
                const int col = static_cast<int>(g) + 1;
                if (shown[g] == budget::GroupShown::Small) w.text(ws, r, col, "fewer than " + std::to_string(kSmallestGroup));
                else if (shown[g] == budget::GroupShown::WithSmall) w.text(ws, r, col, "hidden with it");
                else cell(col, groups[g].aggregate);
            }
            ++r;
        };
        figure_row("Responses", [&](int col, const budget::Aggregator& a) { w.number(ws, r, col, static_cast<double>(a.count())); });
        if (b.balance_rule != budget::BalanceRule::MustBalance)
            figure_row("Balanced the budget",
                       [&](int col, const budget::Aggregator& a) { w.number(ws, r, col, share_value(a.balanced(), a.count()), w.percent()); });
        for (std::size_t i : levers)
            figure_row(b.services[i].name.en + ": median change", [&](int col, const budget::Aggregator& a) {
                w.number(ws, r, col, quarter_bp_value(a.service(i).median_qbp), w.percent());
            });
        figure_row("Council tax: median rise", [&](int col, const budget::Aggregator& a) {
            w.number(ws, r, col, quarter_bp_value(a.council_tax().median_qbp), w.percent());
        });
        for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
            figure_row(b.efficiencies[i].name.en + ": chosen by", [&](int col, const budget::Aggregator& a) {
                w.number(ws, r, col, share_value(a.efficiency_uptake(i), a.count()), w.percent());
            });
        for (std::size_t i = 0; i < b.incomes.size(); ++i)
            figure_row(b.incomes[i].name.en + ": chosen by", [&](int col, const budget::Aggregator& a) {
                w.number(ws, r, col, share_value(a.income_uptake(i), a.count()), w.percent());
            });
        worksheet_freeze_panes(ws, 4, 1);
    }

    // Responses: one row per submission (streamed from the source, re-simulated by the core).
    lxw_worksheet* responses = w.sheet("Responses");
    std::vector<std::string> head = {"Submission", "Received (UTC)", "Language"};
    for (std::size_t i : levers) head.push_back(b.services[i].name.en);
    for (const auto& e : b.efficiencies) head.push_back("Saving: " + e.name.en);
    for (const auto& inc : b.incomes) head.push_back("Income: " + inc.name.en);
    head.insert(head.end(), {"Council tax rise", "Band D", "Gap left", "Balanced", "Comment", "Likely duplicate of"});
    w.header(responses, 0, head);
    worksheet_freeze_panes(responses, 1, 1);
    row = 1;
    bool ok = source.responses([&](const StoredResponse& stored) {
        if (stored.budget_version != b.version) return;  // results are per version
        const budget::SubmissionCheck c = budget::validate_submission(b, stored.document);
        if (!c.ok) return;
        int col = 0;
        w.text(responses, row, col++, c.submission.submission_id);
        w.text(responses, row, col++, stored.received_at);
        w.text(responses, row, col++, c.submission.language);
        for (std::size_t i : levers) w.number(responses, row, col++, percent_value(c.submission.choices.service_bp[i]), w.percent());
        for (char on : c.submission.choices.efficiency_on) w.number(responses, row, col++, on ? 1 : 0);
        for (char on : c.submission.choices.income_on) w.number(responses, row, col++, on ? 1 : 0);
        w.number(responses, row, col++, percent_value(c.submission.choices.council_tax_bp), w.percent());
        w.number(responses, row, col++, pounds_value(c.outcome.band_d), w.pounds());
        w.number(responses, row, col++, pounds_value(c.outcome.remaining_gap), w.pounds());
        w.text(responses, row, col++, c.outcome.balanced ? "yes" : "no");
        w.text(responses, row, col++, c.submission.overall_comment);
        if (!stored.duplicate_of.empty()) w.text(responses, row, col, stored.duplicate_of);
        ++row;
    }, error);

    // Comments, each with whether it is hidden from public outputs and why.
    lxw_worksheet* comments = w.sheet("Comments");
    w.header(comments, 0, {"Submission", "About", "Comment", "Hidden from public", "Reason", "Hidden by", "Hidden at (UTC)"});
    worksheet_set_column(comments, 2, 2, 60, nullptr);
    worksheet_set_column(comments, 3, 6, 18, nullptr);
    worksheet_freeze_panes(comments, 1, 0);
    row = 1;
    if (ok)
        ok = source.comments([&](const CommentForWorkbook& c) {
            w.text(comments, row, 0, c.submission_id);
            w.text(comments, row, 1, c.about);
            w.text(comments, row, 2, c.text);
            w.text(comments, row, 3, c.hidden ? "yes" : "no");
            if (c.hidden) {
                w.text(comments, row, 4, c.reason);
                w.text(comments, row, 5, c.hidden_by);
                w.text(comments, row, 6, c.hidden_at);
            }
            ++row;
        }, error);

    const lxw_error closed = workbook_close(wb);
    if (ok && w.first_error() != LXW_NO_ERROR) {
        error = std::string("the workbook could not be written: ") + lxw_strerror(w.first_error());
        ok = false;
    }
    if (ok && closed != LXW_NO_ERROR) {
        error = std::string("the workbook could not be written: ") + lxw_strerror(closed);
        ok = false;
    }
    return ok;
}

}  // namespace budget::workbook
