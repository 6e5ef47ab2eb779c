// The console's results pages: the consultations, each one's dashboard (figures, groups, across versions),
// the report and exports.
#include "console.h"

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include "across_versions.h"
#include "aggregation.h"
#include "tax_bands.h"
#include "breakdown.h"
#include "charts.h"
#include "choices_codec.h"
#include "csv.h"
#include "exports.h"
#include "forms.h"
#include "page.h"
#include "profiles.h"
#include "log.h"
#include "qr_svg.h"
#include "voter_code.h"
#include "utc_time.h"

namespace server::console {

#define N_(english) english

namespace {

// bp as a signed percentage with no trailing zeros: -250 -> "-2.5%", 0 -> "0%", 199 -> "+1.99%".
std::string percent_text(std::int64_t value, int decimals) {
    std::string s = budget::format_fixed(value, decimals);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s != "0" && s.front() != '-') s = "+" + s;
    if (s.front() == '-') s = "\u2212" + s.substr(1);  // a true minus sign
    return s + "%";
}

std::string bp_text(std::int64_t bp) { return percent_text(bp, 2); }
std::string qbp_text(std::int64_t qbp) { return percent_text(qbp * 25, 4); }

// Bins of a histogram over a step grid, trimmed to those between the lowest and highest chosen
// (always keeping today's level, 0).
BarChart histogram_chart(std::string id, std::string title, std::string label_heading, std::string value_heading,
                         const std::vector<std::uint64_t>& hist, std::int64_t min_bp, std::int64_t step_bp, std::uint64_t total) {
    BarChart chart{std::move(id), std::move(title), std::move(label_heading), std::move(value_heading), {}};
    std::size_t first = hist.size(), last = 0;
    for (std::size_t k = 0; k < hist.size(); ++k) {
        const std::int64_t v = min_bp + static_cast<std::int64_t>(k) * step_bp;
        if (hist[k] || v == 0) {
            first = std::min(first, k);
            last = std::max(last, k);
        }
    }
    // A fine grid (council tax moves in hundredths of a percent) shows only the steps chosen.
    constexpr std::size_t kMostBins = 60;
    const bool sparse = last >= first && last - first + 1 > kMostBins;
    for (std::size_t k = first; k <= last && k < hist.size(); ++k) {
        const std::int64_t v = min_bp + static_cast<std::int64_t>(k) * step_bp;
        if (sparse && hist[k] == 0 && v != 0) continue;
        chart.bars.push_back({bp_text(v), hist[k], count_and_share(hist[k], total), v == 0});
    }
    return chart;
}

// Cut, kept or increased: how many chose each for service i.
struct Direction {
    std::uint64_t cut = 0, kept = 0, increased = 0;
};
Direction direction(const budget::Budget& b, const budget::Aggregator& agg, std::size_t i) {
    Direction d;
    const auto& s = b.services[i];
    const auto& hist = agg.service_histogram(i);
    for (std::size_t k = 0; k < hist.size(); ++k) {
        const std::int64_t v = s.min_bp + static_cast<std::int64_t>(k) * s.step_bp;
        (v < 0 ? d.cut : v == 0 ? d.kept : d.increased) += hist[k];
    }
    return d;
}

}  // namespace

std::string Console::versions_line(const Context& c, const Tally& t, const budget::Budget& b) const {
    if (t.per_version.empty() || (t.per_version.size() == 1 && t.per_version.begin()->first == b.version)) return "";
    std::uint64_t all = 0;
    std::string list;
    for (const auto& [version, count] : t.per_version) {
        all += count;
        list += (list.empty() ? "" : ", ") + fill(tr(c, "{count} to version {version}"), {{"count", std::to_string(count)}, {"version", std::to_string(version)}});
    }
    return fill(tr(c, "{all} responses in all, to {versions} versions: {list}. The figures here are for version {version}."),
                {{"all", std::to_string(all)}, {"versions", std::to_string(t.per_version.size())}, {"list", list}, {"version", std::to_string(b.version)}});
}

std::string Console::state_words(Context& c, const std::optional<std::int64_t>& opens, const std::optional<std::int64_t>& closes) const {
    const std::int64_t now = now_seconds();
    if (opens && now < *opens) return tr(c, "Not open yet");
    if (closes && now >= *closes) return tr(c, "Closed");
    return tr(c, "Open");
}

std::string Console::dates_words(Context& c, const std::optional<std::int64_t>& opens, const std::optional<std::int64_t>& closes) const {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    if (!opens && !closes) return tr(c, "No dates set");
    std::string words;
    if (opens) words = fill(tr(c, "Opens {time}"), {{"time", budget::describe_uk(*opens, language)}});
    if (closes) words += (words.empty() ? "" : "; ") + fill(tr(c, "closes {time}"), {{"time", budget::describe_uk(*closes, language)}});
    return words;
}

Response Console::home(Context& c, const StartRetry* retry, int status) {
    Page page(templates_, c, "home.tpl", tr(c, "Consultations"));
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    std::vector<storage::ScheduledPublish> scheduled;
    std::vector<storage::StartedConsultation> started;
    std::string store_error;
    if (!officers_.scheduled_publishes(scheduled, store_error) || !officers_.started_consultations(started, store_error)) return unavailable(c);
    const auto schedule_of = [&](const std::string& id) -> const storage::ScheduledPublish* {
        for (const auto& s : scheduled)
            if (s.budget_id == id) return &s;
        return nullptr;
    };
    for (const auto& [id, edition] : c.budgets->current) {
        const budget::Budget& b = *edition.budget;
        Tally t{budget::Aggregator(b), {}, {}};
        std::string error;
        if (!tally(b, t, error))
            return unavailable(c);
        const budget::Aggregator& agg = t.agg;
        auto* row = page.body().AddSectionDictionary("BUDGET");
        row->SetValue("ID", id);
        row->SetValue("COUNCIL", b.council_name.in(language));
        row->SetIntValue("VERSION", static_cast<long>(b.version));
        row->SetValue("YEAR", b.financial_year);
        const ConsultationWindow w = window_of(b);
        row->SetValue("STATE", state_words(c, w.opens_at, w.closes_at));
        row->SetValue("DATES", dates_words(c, w.opens_at, w.closes_at));
        if (const auto* s = schedule_of(id))
            row->AddSectionDictionary("SCHEDULED")->SetValue("TEXT", fill(tr(c, "A new version is to be published on {time}"), {{"time", budget::describe_uk(s->publish_at, language)}}));
        // Every version's responses first; this version's beside them where they differ.
        std::uint64_t all = 0;
        for (const auto& [version, count] : t.per_version) all += count;
        row->SetValue("COUNT", std::to_string(all));
        if (all != agg.count())
            row->AddSectionDictionary("THIS_VERSION")->SetValue("TEXT", fill(tr(c, "{count} to this version"), {{"count", std::to_string(agg.count())}}));
        // Where balancing is required to send, every response balanced: say so, not "100%".
        row->SetValue("BALANCED", b.balance_rule == budget::BalanceRule::MustBalance ? tr(c, "required") : share(agg.balanced(), agg.count()));
        row->SetValue("PUBLIC", b.results_public ? tr(c, "Public") : tr(c, "Officers only"));
    }
    // Started here and not yet published: drafts only, nothing residents can see.
    for (const auto& s : started) {
        if (c.budgets->find(s.id)) continue;
        auto* row = page.body().AddSectionDictionary("STARTED");
        row->SetValue("ID", s.id);
        row->SetValue("STARTED", fill(tr(c, "Started by {officer} on {time}"), {{"officer", s.created_by}, {"time", uk_time(c, s.created_at)}}));
        if (const auto* sc = schedule_of(s.id))
            row->AddSectionDictionary("SCHEDULED")->SetValue("TEXT", fill(tr(c, "Version 1 is to be published on {time}"), {{"time", budget::describe_uk(sc->publish_at, language)}}));
    }
    if (c.budgets->current.empty() && started.empty()) page.body().ShowSection("NO_BUDGETS");
    fill_start_form(c, page.body(), retry);
    if (const auto held = config_.profiles ? config_.profiles->get() : nullptr; held && !held->profiles.empty()) {
        auto* profiles = page.body().AddSectionDictionary("PROFILES");
        for (const auto& [id, p] : held->profiles) {
            auto* row = profiles->AddSectionDictionary("PROFILE");
            row->SetValue("ID", id);
            row->SetValue("COUNCIL", p.name.in(language));
            row->SetValue("VERSION", std::to_string(held->sources.at(id).version));
            row->SetValue("AS_OF", budget::describe_date(p.as_of, language));
        }
    }
    if (config_.ballots && !config_.ballots->by_id.empty()) {
        auto* ballots = page.body().AddSectionDictionary("BALLOTS");
        for (const auto& [id, edition] : config_.ballots->by_id) {
            const budget::Ballot& b = *edition.ballot;
            std::uint64_t votes = 0;
            std::string error;
            if (!storage_.scan(id, false, [&](const storage::StoredRow&) { ++votes; }, error)) return unavailable(c);
            auto* row = ballots->AddSectionDictionary("BALLOT");
            row->SetValue("ID", id);
            row->SetValue("TITLE", b.title.in(language));
            row->SetValue("STATE", state_words(c, b.opens_at, b.closes_at));
            row->SetValue("DATES", dates_words(c, b.opens_at, b.closes_at));
            row->SetValue("COUNT", std::to_string(votes));
            row->SetValue("PUBLIC", b.results_public ? tr(c, "Public") : tr(c, "Officers only"));
        }
    }
    return page.render(status);
}

bool Console::tally(const budget::Budget& b, Tally& t, std::string& error) {
    budget::Choices choices;
    return storage_.scan(b.id, false, [&](const storage::StoredRow& row) {
        ++t.per_version[row.budget_version];
        if (row.budget_version != b.version) return;  // results are per version
        const auto received = budget::parse_utc(row.received_at);  // counted by the UK day it arrived
        ++t.days[received ? budget::format_date(budget::uk_date(*received)) : row.received_at.substr(0, 10)];
        if (!budget::decode_choices(b, row.choices, choices)) return t.agg.reject();
        t.agg.add(choices, row.balanced, row.has_comments);
        if (const auto ratings = budget::ratings_from_codes(b, row.ratings)) t.agg.add_ratings(*ratings);
    }, error);
}

void Console::fill_figures(Context& c, Page& page, const budget::Budget& b, const Tally& t) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    const budget::Aggregator& agg = t.agg;
    const std::uint64_t n = agg.count();
    if (n == 0) return;
    auto* f = page.body().AddIncludeDictionary("FIGURES");
    f->SetFilename(Templates::name("figures.tpl", c.lang));

    BarChart per_day{"days", tr(c, "Responses per day (UK time)"), tr(c, "Day"), tr(c, "Responses"), {}};
    for (const auto& [day, count] : t.days) per_day.bars.push_back({day, count, std::to_string(count), false});
    page.chart(*f, "DAYS", per_day);

    // The average response against the gap, in pounds: each resident's own amounts, averaged.
    const budget::AverageClosing closing = agg.average_closing();
    const auto gap_row = [&](const char* label, budget::Pence amount) {
        auto* row = f->AddSectionDictionary("GAP_ROW");
        row->SetValue("LABEL", tr(c, label));
        row->SetValue("AMOUNT", (amount > 0 ? "+" : "") + budget::format_pounds(amount));
    };
    gap_row(N_("Services (cuts less increases)"), closing.services);
    gap_row(N_("Savings options (less one-off costs)"), closing.savings);
    gap_row(N_("Income options"), closing.income);
    gap_row(N_("Council tax"), closing.council_tax);
    gap_row(N_("All together"), closing.total);
    const std::string gap = budget::format_pounds(b.gap_to_close);
    if (b.gap_to_close <= 0)
        f->SetValue("GAP_SENTENCE", fill(tr(c, "There is no gap to close; the average response changes the balance by {amount}."),
                                         {{"amount", (closing.total > 0 ? "+" : "") + budget::format_pounds(closing.total)}}));
    else if (closing.total >= 0)
        f->SetValue("GAP_SENTENCE", fill(tr(c, "The average response closes {amount} of the {gap} gap ({share})."),
                                         {{"amount", budget::format_pounds(closing.total)}, {"gap", gap},
                                          {"share", budget::format_fixed(budget::divide_round(static_cast<__int128>(closing.total) * 1000, b.gap_to_close), 1) + "%"}}));
    else
        f->SetValue("GAP_SENTENCE", fill(tr(c, "The average response widens the {gap} gap by {amount}."),
                                         {{"amount", budget::format_pounds(-closing.total)}, {"gap", gap}}));

    for (std::size_t i = 0; i < b.services.size(); ++i) {
        const auto& s = b.services[i];
        if (s.locked) continue;
        const Direction d = direction(b, agg, i);
        const budget::LeverSummary sum = agg.service(i);
        auto* row = f->AddSectionDictionary("SERVICE");
        row->SetValue("SERVICE_ID", s.id);
        row->SetValue("NAME", s.name.in(language));
        row->SetValue("CUT", share(d.cut, n));
        row->SetValue("KEPT", share(d.kept, n));
        row->SetValue("INCREASED", share(d.increased, n));
        row->SetValue("LOWER", qbp_text(sum.lower_quartile_qbp));
        row->SetValue("MEDIAN", qbp_text(sum.median_qbp));
        row->SetValue("UPPER", qbp_text(sum.upper_quartile_qbp));
        // The median change in pounds a year: the baseline times the median percentage, to the penny.
        const budget::Pence median_pounds = budget::divide_round(static_cast<__int128>(s.baseline) * sum.median_qbp, 40000);
        row->SetValue("MEDIAN_POUNDS", (median_pounds > 0 ? "+" : "") + budget::format_pounds_short(median_pounds));
        row->SetValue("SPREAD", fill(tr(c, "Median {median}; half chose between {lower} and {upper}."),
                                     {{"median", qbp_text(sum.median_qbp)}, {"lower", qbp_text(sum.lower_quartile_qbp)},
                                      {"upper", qbp_text(sum.upper_quartile_qbp)}}));
        page.columns(*row, "CHART", histogram_chart("service-chart-" + s.id, fill(tr(c, "{service}: the change chosen"), {{"service", s.name.in(language)}}),
                                                  tr(c, "Change"), tr(c, "Responses"), agg.service_histogram(i), s.min_bp, s.step_bp, n),
                     tr(c, "The table leaves out the steps nobody chose."));
    }

    BarChart options{"options", tr(c, "Savings and income options chosen"), tr(c, "Option"), tr(c, "Responses"), {}};
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
        options.bars.push_back({b.efficiencies[i].name.in(language), agg.efficiency_uptake(i), count_and_share(agg.efficiency_uptake(i), n), false});
    for (std::size_t i = 0; i < b.incomes.size(); ++i)
        options.bars.push_back({b.incomes[i].name.in(language), agg.income_uptake(i), count_and_share(agg.income_uptake(i), n), false});
    page.chart(*f, "OPTIONS", options);

    const auto& ct = b.council_tax;
    f->SetValue("TAX_MEDIAN", fill(tr(c, "The median rise chosen is {median}."), {{"median", qbp_text(agg.council_tax().median_qbp)}}) + " " +
                                  tr(c, "Each band holds the changes above its lower end and up to its upper end."));
    // In bands a cabinet can read (core/results/tax_bands.h), each with what it means on Band D a year.
    BarChart tax{"tax", tr(c, "Council tax change chosen, in bands, with the most each means on Band D a year"), tr(c, "Change"),
                 tr(c, "Responses"), {}};
    const auto pounds = [](budget::Pence p) { return (p > 0 ? "+" : "") + budget::format_pounds(p); };
    const auto percent = [](budget::BasisPoints bp) { return budget::format_bp_as_percent(bp) + "%"; };
    for (const budget::TaxBand& band : budget::council_tax_bands(ct, agg.council_tax_histogram())) {
        std::string label;
        switch (band.kind) {
            case budget::TaxBand::Kind::Cut:
                label = fill(tr(c, "A cut: down to {pounds}"), {{"pounds", pounds(band.band_d_low)}});
                break;
            case budget::TaxBand::Kind::Freeze: label = tr(c, "No change"); break;
            case budget::TaxBand::Kind::Rise:
                label = fill(tr(c, "Over {low} up to {high}: {pounds}"),
                             {{"low", percent(band.low_bp)}, {"high", percent(band.high_bp)}, {"pounds", pounds(band.band_d_high)}});
                break;
            case budget::TaxBand::Kind::Limit:
                label = fill(tr(c, "{limit}, the referendum limit: {pounds}"),
                             {{"limit", percent(band.high_bp)}, {"pounds", pounds(band.band_d_high)}});
                break;
        }
        tax.bars.push_back({label, band.count, count_and_share(band.count, n), band.kind == budget::TaxBand::Kind::Freeze});
    }
    page.chart(*f, "TAX", tax);  // bars across, so each band's words have room

    // Residents' ratings: every share for officers, marked where the public sees none (fewer than 10).
    f->SetValue("RATED", std::to_string(agg.ratings().residents));
    const auto rating_row = [&](const std::string& about, const budget::RatingCount& count, budget::RatingScale scale) {
        auto* row = f->AddSectionDictionary("RATING");
        row->SetValue("ABOUT", about);
        row->SetValue("RATED_N", std::to_string(count.rated()));
        row->SetValue("DONT_KNOW", std::to_string(count.dont_know));
        row->SetValue("POSITIVE", tr(c, budget::positive_words(scale)));
        if (count.rated() == 0) {
            row->SetValue("SHARE", "");
        } else {
            const budget::RatingShare s = budget::wilson_share(count.positive(), count.rated());
            row->SetValue("SHARE", fill(tr(c, "{share} ({low} to {high})"),
                                        {{"share", budget::format_fixed(s.share_tenths, 1) + "%"}, {"low", budget::format_fixed(s.low_tenths, 1) + "%"},
                                         {"high", budget::format_fixed(s.high_tenths, 1) + "%"}}));
        }
        row->SetValue("PUBLISHED", count.rated() >= budget::kFewestRatingsShown ? tr(c, "yes") : tr(c, "no: fewer than 10"));
    };
    for (std::size_t g = 0; g < b.groups.size(); ++g) rating_row(b.groups[g].name.in(language), agg.ratings().groups[g], budget::RatingScale::Satisfaction);
    for (std::size_t q = 0; q < budget::perception_questions().size(); ++q)
        rating_row(tr(c, budget::perception_questions()[q].question), agg.ratings().perception[q], budget::perception_questions()[q].scale);
}

Response Console::dashboard(Context& c, const budget::Budget& b, const WindowRetry* retry) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Tally t{budget::Aggregator(b), {}, {}};
    std::string error;
    if (!tally(b, t, error))
        return unavailable(c);
    Page page(templates_, c, "dashboard.tpl", b.council_name.in(language));
    page.council(b);
    if (c.admin() && config_.erased) page.body().ShowSection("CAN_ERASE");
    if (c.query["done"] == "erased_whole")
        page.body().AddSectionDictionary("NOTICE")->SetValue("MESSAGE", tr(c, "The response is erased: it is gone from every table, export and result. A device that sends it again is told so, and nothing is stored."));
    if (c.query["done"] == "erased_comments")
        page.body().AddSectionDictionary("NOTICE")->SetValue("MESSAGE", tr(c, "The response's comments and personal answers are erased; its choices still count."));
    auto& d = page.body();
    d.SetValue("ID", b.id);
    d.SetValue("COUNCIL", b.council_name.in(language));
    d.SetValue("YEAR", b.financial_year);
    if (!b.profile.empty()) d.SetValueAndShowSection("PROFILE_ID", b.profile, "PROFILE");
    const std::uint64_t n = t.agg.count();
    d.SetValue("COUNT", std::to_string(n));
    if (const std::string line = versions_line(c, t, b); !line.empty()) d.AddSectionDictionary("ALL_VERSIONS")->SetValue("TEXT", line);
    if (b.balance_rule != budget::BalanceRule::MustBalance)
        d.AddSectionDictionary("BALANCE_OPTIONAL")->SetValue("BALANCED_SHARE", share(t.agg.balanced(), n));
    d.SetValue("COMMENTED", std::to_string(t.agg.with_comments()));
    // The comments page counts comments (a response may leave several), of every version: say both.
    storage::CommentCounts comments;
    std::vector<storage::LikelyDuplicate> duplicates;
    if (!officers_.comment_counts(b.id, comments, error) || !officers_.likely_duplicates(b.id, duplicates, error))
        return unavailable(c);
    d.SetValue("COMMENT_SUMMARY", comment_summary(c, b, comments));
    if (const std::int64_t waiting = comments.waiting(); checks_comments_first(b) && waiting > 0)
        d.AddSectionDictionary("WAITING")->SetValue("WAITING_TEXT", fill(tr(c, "Check the comments waiting to be published: {count}"),
                                                                         {{"count", std::to_string(waiting)}}));
    d.SetValue("DUPLICATE_TEXT", fill(tr(c, "Flagged: {count}"), {{"count", std::to_string(duplicates.size())}}));
    if (n == 0) d.ShowSection("EMPTY");
    if (c.query.count("done"))
        d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", c.query["done"] == "threshold" ? tr(c, "The threshold is saved.")
                                                                                            : tr(c, "The dates are saved."));
    const BudgetEdition* current = c.budgets->find(b.id);
    const bool earlier = current && current->budget->version != b.version;
    d.AddSectionDictionary(earlier ? "EARLIER_VERSION" : "CURRENT_VERSION")->SetValue("VERSION", std::to_string(b.version));
    d.SetValue("VERSION_QUERY", earlier ? "?version=" + std::to_string(b.version) : "");
    fill_window(c, d, b, retry);
    fill_threshold(c, d, b);
    fill_figures(c, page, b, t);
    if (!fill_breakdown(c, d, b))
        return unavailable(c);
    if (!earlier && !fill_across_versions(c, d, b))
        return unavailable(c);
    return page.render(retry ? 400 : 200);
}

// The current version's results with earlier versions' added where a lever kept its meaning.
bool Console::fill_across_versions(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b) {
    const auto versions = c.budgets->versions.find(b.id);
    if (versions == c.budgets->versions.end() || versions->second.size() < 2) return true;
    std::vector<std::unique_ptr<Tally>> tallies;
    std::vector<budget::VersionResults> results;
    std::string error;
    for (const auto& [number, edition] : versions->second) {  // oldest first; the current one is the newest
        tallies.push_back(std::make_unique<Tally>(Tally{budget::Aggregator(*edition.budget), {}, {}}));
        if (!tally(*edition.budget, *tallies.back(), error)) return false;
        results.push_back({edition.budget.get(), &tallies.back()->agg});
    }
    const budget::AcrossVersions across = budget::across_versions(results);
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    auto versions_text = [](const std::vector<std::int64_t>& vs) {
        std::string out;
        for (auto v : vs) out += (out.empty() ? "" : ", ") + std::to_string(v);
        return out;
    };
    auto* s = d.AddSectionDictionary("ACROSS");
    auto lever = [&](const std::string& name, const budget::LeverAcrossVersions& l) {
        auto* row = s->AddSectionDictionary("ACROSS_LEVER");
        row->SetValue("NAME", name);
        row->SetValue("VERSIONS", versions_text(l.versions));
        row->SetValue("COUNT", std::to_string(l.summary.count));
        row->SetValue("LOWER", l.summary.count ? qbp_text(l.summary.lower_quartile_qbp) : "\u2013");
        row->SetValue("MEDIAN", l.summary.count ? qbp_text(l.summary.median_qbp) : "\u2013");
        row->SetValue("UPPER", l.summary.count ? qbp_text(l.summary.upper_quartile_qbp) : "\u2013");
    };
    for (const auto& l : across.services) lever(b.services[l.index].name.in(language), l);
    lever(tr(c, "Council tax"), across.council_tax);
    auto option = [&](const std::string& name, const budget::OptionAcrossVersions& o) {
        auto* row = s->AddSectionDictionary("ACROSS_OPTION");
        row->SetValue("NAME", name);
        row->SetValue("VERSIONS", versions_text(o.versions));
        row->SetValue("TAKEN", count_and_share(o.taken, o.responses));
    };
    for (const auto& o : across.efficiencies) option(b.efficiencies[o.index].name.in(language), o);
    for (const auto& o : across.incomes) option(b.incomes[o.index].name.in(language), o);
    return true;
}

// The "results by group" choice for the dashboard (?by=), and its table.
bool Console::fill_breakdown(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b) {
    if (b.demographics.empty()) return true;
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    auto* section = d.AddSectionDictionary("HAS_QUESTIONS");
    section->SetValue("ID", b.id);
    const std::string& by = c.query["by"];
    std::optional<std::size_t> chosen;
    for (std::size_t q = 0; q < b.demographics.size(); ++q) {
        auto* option = section->AddSectionDictionary("QUESTION");
        option->SetValue("VALUE", b.demographics[q].id);
        option->SetValue("TEXT", b.demographics[q].label.in(language));
        if (b.demographics[q].id == by) {
            option->ShowSection("SELECTED");
            chosen = q;
        }
    }
    return !chosen || fill_group_table(c, *section, b, *chosen);
}

// A breakdown.tpl table for one question: every figure of a group with fewer than kSmallestGroup
// responses is replaced by "fewer than 10".
bool Console::fill_group_table(Context& c, ctemplate::TemplateDictionary& parent, const budget::Budget& b, std::size_t question) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    std::vector<budget::AnswerGroup> groups;
    std::string error;
    if (!storage::breakdown(storage_, b, question, groups, error)) return false;
    auto* table = parent.AddIncludeDictionary("BREAKDOWN");
    table->SetFilename(Templates::name("breakdown.tpl", c.lang));
    table->SetValue("TABLE_ID", "groups-" + b.demographics[question].id);
    table->SetValue("CAPTION", fill(tr(c, "Results by answer to: {question}"), {{"question", b.demographics[question].label.in(language)}}));
    const std::string few = fill(tr(c, "fewer than {n}"), {{"n", std::to_string(budget::kSmallestGroup)}});
    const std::string with_few = tr(c, "hidden with it");
    const std::vector<budget::GroupShown> shown = budget::group_visibility(groups);
    for (const auto& g : groups) table->AddSectionDictionary("GROUP")->SetValue("NAME", g.option_id.empty() ? tr(c, "No answer") : g.label.in(language));
    if (std::find(shown.begin(), shown.end(), budget::GroupShown::WithSmall) != shown.end())
        table->ShowSection("SECONDARY");
    auto row = [&](const std::string& label, const std::function<std::string(const budget::Aggregator&)>& figure) {
        auto* r = table->AddSectionDictionary("ROW");
        r->SetValue("LABEL", label);
        for (std::size_t g = 0; g < groups.size(); ++g)
            r->AddSectionDictionary("CELL")->SetValue("VALUE", shown[g] == budget::GroupShown::Small       ? few
                                                               : shown[g] == budget::GroupShown::WithSmall ? with_few
                                                                                                           : figure(groups[g].aggregate));
    };
    row(tr(c, "Responses"), [](const budget::Aggregator& a) { return std::to_string(a.count()); });
    if (b.balance_rule != budget::BalanceRule::MustBalance)
        row(tr(c, "Balanced the budget"), [](const budget::Aggregator& a) { return share(a.balanced(), a.count()); });
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (b.services[i].locked) continue;
        row(fill(tr(c, "{service}: median change"), {{"service", b.services[i].name.in(language)}}),
            [i](const budget::Aggregator& a) { return qbp_text(a.service(i).median_qbp); });
    }
    row(tr(c, "Council tax: median rise"), [](const budget::Aggregator& a) { return qbp_text(a.council_tax().median_qbp); });
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
        row(fill(tr(c, "{option}: chosen by"), {{"option", b.efficiencies[i].name.in(language)}}),
            [i](const budget::Aggregator& a) { return share(a.efficiency_uptake(i), a.count()); });
    for (std::size_t i = 0; i < b.incomes.size(); ++i)
        row(fill(tr(c, "{option}: chosen by"), {{"option", b.incomes[i].name.in(language)}}),
            [i](const budget::Aggregator& a) { return share(a.income_uptake(i), a.count()); });
    return true;
}

Response Console::report(Context& c, const budget::Budget& b) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Tally t{budget::Aggregator(b), {}, {}};
    std::string error;
    if (!tally(b, t, error))
        return unavailable(c);
    const budget::Aggregator& agg = t.agg;
    const std::uint64_t n = agg.count();
    const std::string title = fill(tr(c, "{council}: budget consultation {year}, results"),
                                   {{"council", b.council_name.in(language)}, {"year", b.financial_year}});
    Page page(templates_, c, "report.tpl", title);
    page.council(b);
    auto& d = page.body();
    d.SetValue("ID", b.id);
    d.SetValue("TITLE", title);
    d.SetValue("COUNCIL", b.council_name.in(language));
    d.SetValue("YEAR", b.financial_year);
    d.SetValue("COUNT", std::to_string(n));
    if (const std::string line = versions_line(c, t, b); !line.empty()) d.AddSectionDictionary("ALL_VERSIONS")->SetValue("TEXT", line);
    d.SetValue("MADE", storage::utc_now().substr(0, 10));
    const ConsultationWindow w = window_of(b);
    d.SetValue("WINDOW", fill(tr(c, "From {opens} to {closes}"),
                              {{"opens", w.opens_at ? budget::describe_uk(*w.opens_at, language) : tr(c, "no start date")},
                               {"closes", w.closes_at ? budget::describe_uk(*w.closes_at, language) : tr(c, "no closing date")}}));
    d.SetValue("PERIOD", t.days.empty() ? tr(c, "None yet")
                                        : fill(tr(c, "{first} to {last}"), {{"first", t.days.begin()->first}, {"last", t.days.rbegin()->first}}));
    d.SetValue("SUPPRESSION", b.demographics.empty()
                                  ? tr(c, "This report has no breakdown by demographic group, so no figure in it comes from fewer than 10 responses except the totals above.")
                                  : tr(c, "In the results by group, a group with fewer than 10 responses shows \"fewer than 10\" in place of each figure, so that nobody can be picked out."));
    if (!b.demographics.empty() && n > 0) {
        auto* groups = d.AddSectionDictionary("HAS_GROUPS");
        for (std::size_t q = 0; q < b.demographics.size(); ++q)
            if (!fill_group_table(c, *groups->AddSectionDictionary("GROUPS"), b, q))
                return unavailable(c);
    }
    if (n == 0) d.ShowSection("EMPTY");
    auto finding = [&](const std::string& text) { d.AddSectionDictionary("FINDING")->SetValue("TEXT", text); };
    if (n > 0) {
        if (b.balance_rule == budget::BalanceRule::MustBalance)
            finding(tr(c, "Every response balanced the budget, as the consultation required."));
        else
            finding(fill(tr(c, "{share} of responses balanced the budget."), {{"share", share(agg.balanced(), n)}}));
        std::size_t most_cut = b.services.size(), most_raised = b.services.size();
        std::uint64_t cut_count = 0, raised_count = 0;
        for (std::size_t i = 0; i < b.services.size(); ++i) {
            if (b.services[i].locked) continue;
            const Direction dir = direction(b, agg, i);
            if (dir.cut > cut_count) cut_count = dir.cut, most_cut = i;
            if (dir.increased > raised_count) raised_count = dir.increased, most_raised = i;
        }
        if (most_cut < b.services.size())
            finding(fill(tr(c, "{service} was the service cut most often: by {share} of responses."),
                         {{"service", b.services[most_cut].name.in(language)}, {"share", share(cut_count, n)}}));
        if (most_raised < b.services.size())
            finding(fill(tr(c, "{service} was the service increased most often: by {share} of responses."),
                         {{"service", b.services[most_raised].name.in(language)}, {"share", share(raised_count, n)}}));
        finding(fill(tr(c, "The median council tax rise chosen was {median}."), {{"median", qbp_text(agg.council_tax().median_qbp)}}));
        std::string top;
        std::uint64_t top_count = 0;
        for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
            if (agg.efficiency_uptake(i) > top_count) top_count = agg.efficiency_uptake(i), top = b.efficiencies[i].name.in(language);
        for (std::size_t i = 0; i < b.incomes.size(); ++i)
            if (agg.income_uptake(i) > top_count) top_count = agg.income_uptake(i), top = b.incomes[i].name.in(language);
        if (top_count > 0)
            finding(fill(tr(c, "The option chosen most often was {option}, by {share} of responses."),
                         {{"option", top}, {"share", share(top_count, n)}}));
    }
    fill_figures(c, page, b, t);
    return page.render(200);
}

Response Console::export_file(Context& c, const budget::Budget& b, const std::string& what) {
    static std::atomic<unsigned> counter{0};
    const std::string path = config_.export_dir + "/console-export-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tmp";
    std::string error;
    if (!write_officer_file(storage_, &officers_, b, what, path, error)) {
        std::remove(path.c_str());
        log_line("console: export failed: " + error);
        return message(c, 503, tr(c, "The console is unavailable"), tr(c, "The export could not be made just now. Try again in a minute."));
    }
    audit(c, "export", b.id, what);
    Response r;
    r.file = path;
    r.content_type = export_content_type(what);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + b.id + "-" + what + "\"");
    return r;
}

}  // namespace server::console
