// Rendering the annual report: the profile judged by the core at today's date, the indicators of the
// budget that names the profile, all through ctemplate (every value HTML-escaped).
#include "annual_report.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <set>

#include "api.h"
#include "console/forms.h"
#include "http_rules.h"
#include "kpi_format.h"
#include "neighbours.h"
#include "simulation.h"
#include "utc_time.h"
#include "warning_signs.h"

extern const EmbeddedFile kReportFiles[];
extern const unsigned kReportFiles_count;

namespace server::report {

namespace {

using budget::FinanceField;

// Marks words for the catalogue (po/cy.po); tr() translates them where they are shown.
constexpr const char* N_(const char* english) { return english; }
using console::Lang;

// The rows of "the council at a glance", in the reader's words (English: the catalogue's msgids).
struct GlanceRow {
    const char* label;
    std::vector<FinanceField> sum;  // the row is the sum of these figures (all must be known)
};
const std::vector<GlanceRow>& glance_rows() {
    static const std::vector<GlanceRow> rows = {
        {N_("Net spending on services"), {FinanceField::NetRevenueExpenditure}},
        {N_("Raised from council tax"), {FinanceField::CouncilTaxRequirement}},
        {N_("Fees and charges"), {FinanceField::FeesAndCharges}},
        {N_("Spent on social care"), {FinanceField::SocialCareSpend}},
        {N_("Usable reserves (unallocated and earmarked)"), {FinanceField::UsableReservesUnallocated, FinanceField::UsableReservesEarmarked}},
        {N_("Unallocated reserves, for emergencies"), {FinanceField::UsableReservesUnallocated}},
        {N_("Borrowing (gross external debt)"), {FinanceField::GrossExternalDebt}},
        {N_("Interest and debt repayment"), {FinanceField::FinancingCosts}},
        {N_("Overspend (underspend below zero)"), {FinanceField::OutturnVariance}},
    };
    return rows;
}

// Each sign's title, and each figure's name, in the reader's words.
const char* sign_title(const std::string& id) {
    static const std::pair<const char*, const char*> titles[] = {
        {"reserves.runway", N_("How long reserves would last")},
        {"reserves.level", N_("Reserves set aside for emergencies")},
        {"reserves.falling", N_("Reserves falling")},
        {"debt.to_spending", N_("Borrowing against spending")},
        {"debt.financing_costs", N_("The cost of borrowing")},
        {"budget.overspend", N_("Spending more than the budget")},
        {"budget.savings_delivery", N_("Savings delivered")},
        {"audit.accounts_late", N_("Accounts published late")},
        {"audit.opinion", N_("The auditor's opinion on the accounts")},
        {"audit.vfm", N_("The auditor's view of value for money")},
        {"governance.s114", N_("Section 114 notices")},
        {"governance.efs", N_("Exceptional financial support")},
        {"governance.intervention", N_("Government intervention")},
        {"inspection.rating", N_("Inspections")},
        {"leadership.churn", N_("Changes of chief executive and chief finance officer")},
        {"performance.red_worsening", N_("Indicators red and getting worse")},
    };
    for (const auto& [sign, title] : titles)
        if (id == sign) return title;
    return "";
}
const char* need_label(const std::string& need) {
    static const std::pair<const char*, const char*> labels[] = {
        {"net_revenue_expenditure", N_("net spending on services")},
        {"usable_reserves_unallocated", N_("unallocated reserves")},
        {"usable_reserves_earmarked", N_("earmarked reserves")},
        {"gross_external_debt", N_("borrowing")},
        {"financing_costs", N_("interest and debt repayment")},
        {"savings_planned", N_("savings planned")},
        {"savings_delivered", N_("savings delivered")},
        {"outturn_variance", N_("the outturn against the budget")},
        {"governance", N_("the council's governance events")},
        {"accounts_published", N_("when the accounts were published")},
        {"audit_opinion", N_("the auditor's opinion")},
        {"inspection", N_("inspection ratings")},
        {"indicators", N_("the council's indicators")},
    };
    for (const auto& [name, label] : labels)
        if (need.rfind(name, 0) == 0) return label;
    return nullptr;
}

budget::CalendarDate today() {
    const auto now = std::chrono::system_clock::now();
    return budget::utc_date(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

std::string grouped(std::int64_t n) {  // 786400 -> "786,400"
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

bool is_link(const std::string& source) { return source.rfind("https://", 0) == 0 || source.rfind("http://", 0) == 0; }

using Translate = std::function<std::string(std::string_view)>;

// One row of "the council at a glance": a cell per year (nullopt: not known) and the change from
// the first known year to the latest.
struct GlanceLine {
    std::string label;
    std::vector<std::optional<std::string>> cells;
    std::string change;
};
std::vector<GlanceLine> glance(const budget::CouncilProfile& p, const Translate& tr) {
    std::vector<GlanceLine> out;
    for (const GlanceRow& row : glance_rows()) {
        GlanceLine& line = out.emplace_back();
        line.label = tr(row.label);
        std::optional<budget::Pence> first, latest;
        std::string first_year, latest_year;
        for (const budget::FinanceYear& y : p.finance) {
            std::optional<budget::Pence> v = 0;
            for (FinanceField f : row.sum) v = v && y[f] ? std::optional<budget::Pence>(*v + *y[f]) : std::nullopt;
            if (!v) {
                line.cells.emplace_back();
                continue;
            }
            line.cells.emplace_back(budget::format_pounds_short(*v));
            if (!first) { first = v; first_year = y.year; }
            latest = v;
            latest_year = y.year;
        }
        if (first && latest && latest_year != first_year && *first > 0) {
            const __int128 change = static_cast<__int128>(*latest - *first) * 1000 / *first;  // tenths of a percent
            line.change = (change > 0 ? "+" : "") + budget::format_fixed(static_cast<std::int64_t>(change), 1) + "% " + tr("since") + " " + first_year;
        }
    }
    return out;
}

std::int64_t milli_of(const budget::Fraction& x) { return x.times(budget::kMilli).rounded().to_int64().value_or(0); }

// The profile's similar councils beside a budget, as the core's benchmark finds them, in both
// languages: for the report page and, packed in the digest, for the app.
void add_neighbours(budget::AccountabilityDigest& d, const budget::CouncilProfile& p, const budget::Budget& b,
                    const std::function<budget::LocalText(const char*)>& both) {
    if (!p.neighbours) return;
    d.neighbour_group = p.neighbours->group;
    d.neighbours = p.neighbours->councils;
    const budget::Benchmark bench = budget::benchmark(p, b);
    for (const budget::IndicatorBenchmark& i : bench.indicators) {
        if (!i.comparison) continue;
        const budget::NeighbourFigures& f = p.neighbours->indicators.at(i.id);
        budget::AccountabilityDigest::Comparison& c = d.comparisons.emplace_back();
        c.kpi = i.id;
        c.year = i.year;
        c.own_year = i.own_year;
        if (i.comparison->standing) c.words = both(budget::standing_words(*i.comparison->standing));
        c.median = milli_of(i.comparison->median);
        c.figures = f.values;
        c.national_median = f.national_median;
    }
    for (const budget::ServiceBenchmark& sb : bench.services)
        d.service_costs.push_back({sb.id, sb.year, milli_of(sb.per_resident), sb.median ? std::optional(milli_of(*sb.median)) : std::nullopt});
}

// An indicator beside similar councils (each figure with its year): the words, a strip of their
// figures with the council and the median marked (never a rank), and the figures by name.
void fill_neighbours(ctemplate::TemplateDictionary& ind, const budget::AccountabilityDigest& d, const budget::AccountabilityDigest::Comparison& c,
                     const budget::Kpi& k, const std::string& language, const Translate& tr, const budget::KpiWords& units) {
    const std::int64_t own = k.history.back().value;
    auto* n = ind.AddSectionDictionary("NEIGHBOURS");
    n->SetValue("GROUP", d.neighbour_group);
    n->SetValue("YEAR", c.year);
    n->SetValue("OWN_YEAR", c.own_year);
    n->SetValue("VALUE", budget::format_kpi_value(k, own, units));
    n->SetValue("MEDIAN", budget::format_kpi_value(k, c.median, units));
    if (!c.words.en.empty()) n->AddSectionDictionary("WORDS")->SetValue("TEXT", c.words.in(language));
    // The strip: every figure on one scale, 600 wide inside a margin of 20.
    std::int64_t lo = std::min(own, c.median), hi = std::max(own, c.median);
    for (const auto& v : c.figures)
        if (v) { lo = std::min(lo, *v); hi = std::max(hi, *v); }
    const auto x_of = [&](std::int64_t v) {
        return hi == lo ? 320 : 20 + static_cast<int>((600 * (static_cast<double>(v - lo))) / static_cast<double>(hi - lo) + 0.5);
    };
    for (const auto& v : c.figures)
        if (v) n->AddSectionDictionary("TICK")->SetIntValue("X", x_of(*v));
    n->SetIntValue("MEDIAN_X", x_of(c.median));
    n->SetIntValue("OWN_X", x_of(own));
    n->SetValue("LOW", budget::format_kpi_value(k, lo, units));
    n->SetValue("HIGH", budget::format_kpi_value(k, hi, units));
    for (std::size_t i = 0; i < d.neighbours.size() && i < c.figures.size(); ++i) {
        auto* row = n->AddSectionDictionary("COUNCIL");
        row->SetValue("COUNCIL_NAME", d.neighbours[i]);
        row->SetValue("FIGURE", c.figures[i] ? budget::format_kpi_value(k, *c.figures[i], units) : tr("not published"));
    }
    if (c.national_median) n->AddSectionDictionary("NATIONAL")->SetValue("FIGURE", budget::format_kpi_value(k, *c.national_median, units));
}

// What an unknown sign would need, each figure named once.
std::string needs_words(const budget::UnknownSignal& u, const Translate& tr) {
    std::string needs;
    std::set<std::string> said;
    for (const std::string& n : u.needs) {
        const char* label = need_label(n);
        const std::string words = label ? tr(label) : n;
        if (!said.insert(words).second) continue;
        needs += (needs.empty() ? "" : ", ") + words;
    }
    return needs;
}

}  // namespace

TrendChart trend_chart(const std::vector<std::pair<std::string, std::int64_t>>& values, int decimals, const std::string& unit,
                       std::optional<std::int64_t> target, const budget::KpiWords& words) {
    TrendChart c;
    c.right = c.width - 8;
    c.top = 16;
    c.bottom = c.height - 44;
    if (values.empty()) return c;
    std::int64_t lo = values.front().second, hi = lo;
    for (const auto& [year, v] : values) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    if (target) {
        lo = std::min(lo, *target);
        hi = std::max(hi, *target);
    }
    // A scale of four steps on round numbers that holds every value.
    std::int64_t step = 1;  // 1, 2, 5, 10, 20, 50, ... thousandths
    for (std::int64_t base = 1;; base *= 10) {
        if ((hi - lo) <= base * 4) { step = base; break; }
        if ((hi - lo) <= base * 2 * 4) { step = base * 2; break; }
        if ((hi - lo) <= base * 5 * 4) { step = base * 5; break; }
    }
    std::int64_t first = (lo >= 0 ? lo / step : -((-lo + step - 1) / step)) * step;
    if (first == lo && lo > 0) first -= step;  // room below the lowest value, so no point sits on the axis
    std::int64_t last = first + step * 4;
    while (last <= hi) last += step;
    const auto y_of = [&](std::int64_t v) {
        return c.bottom - static_cast<int>((static_cast<__int128>(v - first) * (c.bottom - c.top)) / (last == first ? 1 : last - first));
    };
    budget::Kpi shape;
    shape.unit = unit;
    shape.decimals = decimals;
    std::size_t widest = 0;
    for (std::int64_t t = first; t <= last; t += step) {
        c.ticks.push_back({budget::format_kpi_value(shape, t, words), y_of(t)});
        widest = std::max(widest, c.ticks.back().label.size());
    }
    c.left = 16 + static_cast<int>(widest) * 11;  // about 0.58 em a character at 19 units
    if (target) c.target_y = y_of(*target);
    const int n = static_cast<int>(values.size());
    // Every year is named: "2023/24", or "23/24" when the full names would not fit side by side.
    const bool short_names = n * 7 * 11 + (n - 1) * 8 > c.right - c.left;
    for (int i = 0; i < n; ++i) {
        const int inset = short_names ? 28 : 40;  // half a label: the first and last stay clear of the scale and the edge
        const int x = n == 1 ? (c.left + c.right) / 2 : c.left + inset + (c.right - c.left - 2 * inset) * i / (n - 1);
        const std::string& year = values[static_cast<std::size_t>(i)].first;
        c.points.push_back({year, short_names && year.size() == 7 ? year.substr(2) : year,
                            budget::format_kpi_value(shape, values[static_cast<std::size_t>(i)].second, words), x,
                            y_of(values[static_cast<std::size_t>(i)].second)});
        c.path += (i ? " L " : "M ") + std::to_string(x) + " " + std::to_string(c.points.back().y);
    }
    return c;
}

AnnualReports::AnnualReports(const ProfileRegistry& profiles, const BudgetRegistry& budgets, std::string frame_ancestors)
    : profiles_(profiles), budgets_(budgets), frame_ancestors_(std::move(frame_ancestors)), templates_(kReportFiles, kReportFiles_count) {}

bool AnnualReports::load(std::string& error) { return templates_.load(error); }

std::optional<std::string> AnnualReports::page(const std::string& id, Lang lang) const {
    const auto held = profiles_.get();
    const auto found = held->profiles.find(id);
    if (found == held->profiles.end()) return std::nullopt;
    return page_of(found->second, lang);
}

std::string AnnualReports::page_of(const budget::CouncilProfile& p, Lang lang, const std::string& preview_of) const {
    const std::string& id = p.id;
    const std::string language = lang == Lang::Cy ? "cy" : "en";
    const auto tr = [&](std::string_view english) { return std::string(templates_.translate(lang, english)); };
    const auto set = budgets_.get();
    const budget::Budget* budget = nullptr;  // the newest budget that names this profile
    for (const auto& [budget_id, edition] : set->current)
        if (edition.budget->profile == id && (!budget || edition.budget->financial_year > budget->financial_year)) budget = edition.budget.get();
    const budget::CalendarDate on = std::min(today(), p.as_of);
    const budget::Judgement j = budget::judge(p, on, budget);

    ctemplate::TemplateDictionary d("report");
    d.SetValue("LANG", language);
    d.SetValue("OTHER_LANG", lang == Lang::Cy ? "en" : "cy");
    d.SetValue("OTHER_LANG_NAME", lang == Lang::Cy ? "English" : "Cymraeg");
    d.SetValue("ID", p.id);
    d.SetValue("COUNCIL", p.name.in(language));
    d.SetValue("AS_OF", budget::describe_date(p.as_of, language));
    d.SetValue("JUDGED_ON", budget::describe_date(on, language));
    if (!preview_of.empty()) d.AddSectionDictionary("PREVIEW")->SetValue("DRAFT", preview_of);
    if (p.illustrative) d.ShowSection("ILLUSTRATIVE");
    if (p.population) {
        d.ShowSection("HAS_POPULATION");
        d.SetValue("POPULATION", grouped(*p.population));
    }

    // The council at a glance: every year, every row; a figure not held is said to be unknown.
    for (const budget::FinanceYear& y : p.finance) {
        auto* year = d.AddSectionDictionary("YEAR");
        year->SetValue("YEAR", y.year);
        const budget::CalendarDate year_end{y.start_year + 1, 3, 31};
        if (year_end >= p.as_of) year->ShowSection("FORECAST");  // not closed before the figures were taken
    }
    for (const GlanceLine& line : glance(p, tr)) {
        auto* r = d.AddSectionDictionary("ROW");
        r->SetValue("LABEL", line.label);
        for (const auto& value : line.cells) {
            auto* cell = r->AddSectionDictionary("CELL");
            cell->SetValue("TEXT", value ? *value : tr("not known"));
            if (!value) cell->ShowSection("UNKNOWN");
        }
        r->SetValue("CHANGE", line.change);
    }
    if (p.finance.empty()) d.ShowSection("NO_FINANCE");
    else d.ShowSection("FINANCE");

    // Warning signs first, with the figures and events each one used.
    if (j.signals.empty()) d.ShowSection("NO_SIGNS");
    const auto translate = [](std::string_view english, const void* context) {
        return static_cast<const console::Templates*>(context)->translate(Lang::Cy, english);
    };
    for (const budget::Signal& s : j.signals) {
        auto* sign = d.AddSectionDictionary("SIGN");
        sign->SetValue("LEVEL", budget::signal_level_name(s.level));
        sign->SetValue("LEVEL_WORD", s.level == budget::SignalLevel::Red ? tr("Red") : tr("Amber"));
        sign->SetValue("TITLE", tr(sign_title(s.id)));
        sign->SetValue("ID", s.id);
        sign->SetValue("WORDS", lang == Lang::Cy ? budget::signal_words(s, "cy", translate, &templates_) : budget::signal_words(s));
        for (const budget::UsedFigure& f : s.figures) {
            auto* fig = sign->AddSectionDictionary("FIGURE");
            const char* label = need_label(f.name);
            fig->SetValue("NAME", label ? tr(label) : f.name);
            fig->SetValue("YEAR", f.year);
            fig->SetValue("VALUE", f.source == "the council's budget" ? budget::format_fixed(f.amount, 3) : budget::format_pounds(f.amount));
            fig->SetValue("SOURCE", f.source == "the council's budget" ? tr("the council's budget") : f.source);
        }
        for (const budget::UsedEvent& e : s.events) {
            auto* ev = sign->AddSectionDictionary("EVENT");
            ev->SetValue("DATE", e.date ? budget::describe_date(*e.date, language) : tr("not yet"));
            ev->SetValue("DETAIL", (e.year.empty() ? "" : e.year + (e.detail.empty() ? "" : ": ")) + e.detail);
            ev->SetValue("SOURCE", e.source);
        }
    }
    for (const budget::UnknownSignal& u : j.unknown) {
        auto* unknown = d.AddSectionDictionary("UNKNOWN_SIGN");
        unknown->SetValue("TITLE", tr(sign_title(u.id)));
        unknown->SetValue("NEEDS", needs_words(u, tr));
    }
    if (!j.unknown.empty()) d.ShowSection("HAS_UNKNOWN");

    // Indicators, from the budget that names this profile: every year on a labelled scale.
    if (budget) {
        d.ShowSection("INDICATORS");
        d.SetValue("BUDGET_YEAR", budget->financial_year);
        const budget::KpiWords units{tr(" points"), tr(" days"), tr(" weeks"), tr(" kg"), tr(" per ")};
        budget::AccountabilityDigest similar;
        add_neighbours(similar, p, *budget, [&](const char* english) { return budget::LocalText{english, tr(english)}; });
        int n = 0;
        for (const budget::Kpi& k : budget->kpis) {
            if (k.history.empty()) continue;
            auto* ind = d.AddSectionDictionary("INDICATOR");
            ind->SetValue("N", std::to_string(++n));
            ind->SetValue("NAME", k.name.in(language));
            ind->SetValue("DESCRIPTION", k.description.in(language));
            std::vector<std::pair<std::string, std::int64_t>> values;
            for (const budget::KpiYear& y : k.history) values.emplace_back(y.year, y.value);
            const TrendChart c = trend_chart(values, k.decimals, k.unit, k.target, units);
            if (c.target_y) {
                auto* target = ind->AddSectionDictionary("TARGET_LINE");
                target->SetIntValue("Y", *c.target_y);
                target->SetIntValue("TEXT_Y", *c.target_y - 8);
            }
            ind->SetIntValue("W", c.width);
            ind->SetIntValue("H", c.height);
            ind->SetIntValue("LEFT", c.left);
            ind->SetIntValue("RIGHT", c.right);
            ind->SetIntValue("TOP", c.top);
            ind->SetIntValue("BOTTOM", c.bottom);
            ind->SetIntValue("LABEL_X", c.left - 8);
            ind->SetIntValue("YEAR_Y", c.bottom + 28);
            ind->SetValue("PATH", c.path);
            for (const TrendTick& t : c.ticks) {
                auto* tick = ind->AddSectionDictionary("TICK");
                tick->SetValue("LABEL", t.label);
                tick->SetIntValue("Y", t.y);
                tick->SetIntValue("TEXT_Y", t.y + 6);
            }
            for (std::size_t i = 0; i < c.points.size(); ++i) {
                auto* pt = ind->AddSectionDictionary("POINT");
                pt->SetValue("YEAR", c.points[i].year);
                pt->SetValue("YEAR_LABEL", c.points[i].label);
                pt->SetValue("VALUE", budget::format_kpi_value(k, k.history[i].value, units));
                pt->SetValue("RAG", budget::rag_id(budget::rag_of(k, k.history[i].value)));
                pt->SetIntValue("X", c.points[i].x);
                pt->SetIntValue("Y", c.points[i].y);
            }
            const budget::Rag rag = budget::rag_of(k, k.history.back().value);
            ind->SetValue("RAG_WORD", rag == budget::Rag::Red ? tr("Red") : rag == budget::Rag::Amber ? tr("Amber") : tr("Green"));
            ind->SetValue("RAG", budget::rag_id(rag));
            if (k.target) ind->SetValue("TARGET", budget::format_kpi_value(k, *k.target, units));
            else ind->SetValue("TARGET", tr("none set"));
            for (const auto& compared : similar.comparisons)
                if (compared.kpi == k.id) fill_neighbours(*ind, similar, compared, k, language, tr, units);
        }
    }

    // Residents' ratings of each service group beside the council's own, and of the council as a whole.
    if (budget) {
        const auto tally = ratings_ ? ratings_(budget->id) : nullptr;
        if (tally || !p.self_assessment.empty()) {
            d.ShowSection("RATINGS");
            d.SetValue("BUDGET_NAME", budget->council_name.in(language) + " " + budget->financial_year);
            d.SetValue("RESIDENTS", std::to_string(tally ? tally->residents : 0));
            const auto percent = [](std::int64_t tenths) { return std::to_string(budget::divide_round(tenths, 10)) + "%"; };
            const auto fill_share = [&](ctemplate::TemplateDictionary* row, const budget::RatingCount* count, const std::string& positive) {
                const auto share = count ? budget::published_share(*count) : std::nullopt;
                if (!share) return row->ShowSection("SUPPRESSED");
                auto* s = row->AddSectionDictionary("SHARE");
                s->SetValue("POSITIVE", positive);
                s->SetValue("PERCENT", percent(share->share_tenths));
                s->SetValue("LOW", percent(share->low_tenths));
                s->SetValue("HIGH", percent(share->high_tenths));
                s->SetValue("RATED", std::to_string(share->rated));
            };
            for (std::size_t g = 0; g < budget->groups.size(); ++g) {
                auto* row = d.AddSectionDictionary("GROUP");
                row->SetValue("NAME", budget->groups[g].name.in(language));
                fill_share(row, tally && g < tally->groups.size() ? &tally->groups[g] : nullptr, tr("satisfied"));
                const auto self = p.self_assessment.find(budget->groups[g].id);
                if (self == p.self_assessment.end()) {
                    row->ShowSection("NO_SELF");
                    continue;
                }
                auto* own = row->AddSectionDictionary("SELF");
                own->SetValue("RATING", tr(budget::self_rating_words(self->second.rating)));
                own->SetValue("SUMMARY", self->second.summary.in(language));
                own->SetValue("ON", budget::describe_date(self->second.assessed_on, language));
            }
            for (std::size_t q = 0; q < budget::perception_questions().size(); ++q) {
                const budget::PerceptionQuestion& question = budget::perception_questions()[q];
                auto* row = d.AddSectionDictionary("QUESTION");
                row->SetValue("TEXT", tr(question.question));
                fill_share(row, tally && q < tally->perception.size() ? &tally->perception[q] : nullptr, tr(budget::positive_words(question.scale)));
            }
        }
    }

    if (p.you_said_we_did) {
        const budget::YouSaidWeDid& y = *p.you_said_we_did;
        d.ShowSection("YOU_SAID");
        d.SetValue("CONSULTATION", y.consultation.in(language));
        d.SetValue("DECIDED_ON", budget::describe_date(y.decided_on, language));
        d.SetValue("DECISION_SOURCE", y.source);
        for (const auto& t : y.you_said) d.AddSectionDictionary("SAID")->SetValue("TEXT", t.in(language));
        for (const auto& t : y.we_did) d.AddSectionDictionary("DID")->SetValue("TEXT", t.in(language));
    }

    // Every source once, in the order the page uses them, with what it is for and any notes on it.
    struct Cited { std::string source, what; std::vector<std::string> notes; };
    std::vector<Cited> sources;
    const auto cite = [&](const std::string& source, const std::string& what, const std::string& note = {}) {
        if (source.empty()) return;
        auto it = std::find_if(sources.begin(), sources.end(), [&](const Cited& c) { return c.source == source; });
        if (it == sources.end()) it = sources.insert(sources.end(), Cited{source, what, {}});
        else if (it->what.find(what) == std::string::npos) it->what += "; " + what;
        if (!note.empty()) it->notes.push_back(note);
    };
    for (const budget::FinanceYear& y : p.finance) cite(y.source, tr("Finances") + " " + y.year, y.note);
    for (const budget::GovernanceEvent& e : p.governance)
        cite(e.source, e.date ? budget::describe_date(*e.date, language) : e.year);
    if (p.you_said_we_did) cite(p.you_said_we_did->source, tr("You said, we did"));
    if (budget) cite(budget->council_name.in(language) + " " + budget->financial_year, tr("Indicators"));
    if (budget && p.neighbours) cite(p.neighbours->source, tr("Similar councils"));
    for (const auto& [source, what, notes] : sources) {
        auto* s = d.AddSectionDictionary("SOURCE");
        s->SetValue("WHAT", what);
        for (const auto& note : notes) {  // notes are in English: marked so on a Welsh page
            auto* n = s->AddSectionDictionary("NOTE");
            n->SetValue("TEXT", note);
            if (language != "en") n->ShowSection("IN_ENGLISH");
        }
        if (is_link(source)) {
            s->ShowSection("LINK");
            s->SetValue("URL", source);
        } else {
            s->ShowSection("DOCUMENT");
        }
        s->SetValue("TEXT", source);
    }
    return templates_.expand("annual_report.tpl", lang, d);
}

void AnnualReports::attach_digest(budget::Budget& b) const {
    b.accountability.reset();
    const auto held = profiles_.get();
    const auto found = b.profile.empty() ? held->profiles.end() : held->profiles.find(b.profile);
    if (found == held->profiles.end()) return;
    const budget::CouncilProfile& p = found->second;
    const budget::CalendarDate on = std::min(today(), p.as_of);
    const budget::Judgement j = budget::judge(p, on, &b);
    const Translate en = [](std::string_view english) { return std::string(english); };
    const Translate cy = [this](std::string_view english) { return std::string(templates_.translate(Lang::Cy, english)); };
    const auto both = [&](const char* english) { return budget::LocalText{en(english), cy(english)}; };
    const auto translate = [](std::string_view english, const void* context) {
        return static_cast<const console::Templates*>(context)->translate(Lang::Cy, english);
    };
    budget::AccountabilityDigest d;
    d.judged_on = {budget::describe_date(on, "en"), budget::describe_date(on, "cy")};
    d.illustrative = p.illustrative;
    for (const budget::FinanceYear& y : p.finance) d.years.push_back(y.year);
    if (!p.finance.empty()) {
        const auto lines_en = glance(p, en), lines_cy = glance(p, cy);
        for (std::size_t i = 0; i < lines_en.size(); ++i) {
            budget::AccountabilityDigest::Row& row = d.rows.emplace_back();
            row.label = {lines_en[i].label, lines_cy[i].label};
            for (const auto& value : lines_en[i].cells) row.values.push_back(value ? budget::LocalText{*value, *value} : both(N_("not known")));
            row.change = {lines_en[i].change, lines_cy[i].change};
        }
    }
    for (const budget::Signal& s : j.signals)
        d.signs.push_back({s.id, s.level == budget::SignalLevel::Red, both(sign_title(s.id)),
                           {budget::signal_words(s), budget::signal_words(s, "cy", translate, &templates_)}});
    for (const budget::UnknownSignal& u : j.unknown) d.unknown.push_back({both(sign_title(u.id)), {needs_words(u, en), needs_words(u, cy)}});
    add_neighbours(d, p, b, both);
    for (const budget::Group& g : b.groups) {
        const auto own = p.self_assessment.find(g.id);
        if (own == p.self_assessment.end()) continue;
        d.self_assessment.push_back({g.id, both(budget::self_rating_words(own->second.rating)), own->second.summary,
                                     {budget::describe_date(own->second.assessed_on, "en"), budget::describe_date(own->second.assessed_on, "cy")}});
    }
    b.accountability = std::move(d);
}

Response AnnualReports::handle(const Request& request) const {
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.headers.emplace_back("Content-Security-Policy",
                           "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors " +
                               frame_ancestors_);
    r.headers.emplace_back("Cache-Control", "no-cache");
    if (request.method != "GET") {
        r.status = 405;
        r.headers.emplace_back("Allow", "GET, HEAD");
        r.body = "<!DOCTYPE html><html lang=\"en\"><title>Method not allowed</title><h1>Method not allowed</h1></html>\n";
        return r;
    }
    const std::string& target = request.target;
    const auto q = target.find('?');
    const std::string path = target.substr(0, q);
    Lang lang = Lang::En;
    if (q != std::string::npos) {
        const auto query = console::parse_form(std::string_view(target).substr(q + 1));
        if (query)
            for (const auto& [name, value] : *query)
                if (name == "lang" && value == "cy") lang = Lang::Cy;
    }
    const std::string id = path.substr(std::string("/report/").size());
    if (id == "report.css") {
        r.content_type = "text/css; charset=utf-8";
        r.body = templates_.asset("report.css") ? templates_.asset("report.css") : "";
        return r;
    }
    if (auto page = this->page(id, lang)) {
        r.body = std::move(*page);
        return r;
    }
    r.status = 404;
    ctemplate::TemplateDictionary d("missing");
    d.SetValue("LANG", lang == Lang::Cy ? "cy" : "en");
    r.body = templates_.expand("report_missing.tpl", lang, d);
    return r;
}

}  // namespace server::report
