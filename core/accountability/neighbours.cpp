// The bands are the commentary's: under 0.5 deviations broadly similar, to 1.5 slightly, to 3 plain,
// to 7.5 much; every comparison is between exact fractions.
#include "neighbours.h"

#include <algorithm>

#include "catalogue_mark.h"
#include "json_writer.h"

namespace budget {

const char* standing_words(Standing s) {
    switch (s) {
        case Standing::Same: return N_("the same as similar councils");
        case Standing::BroadlySimilar: return N_("broadly similar");
        case Standing::SlightlyBetter: return N_("slightly better");
        case Standing::SlightlyWorse: return N_("slightly worse");
        case Standing::SlightlyHigher: return N_("slightly higher");
        case Standing::SlightlyLower: return N_("slightly lower");
        case Standing::Better: return N_("better");
        case Standing::Worse: return N_("worse");
        case Standing::Higher: return N_("higher");
        case Standing::Lower: return N_("lower");
        case Standing::MuchBetter: return N_("much better");
        case Standing::MuchWorse: return N_("much worse");
        case Standing::MuchHigher: return N_("much higher");
        case Standing::MuchLower: return N_("much lower");
    }
    return "";
}

Fraction median_of(std::vector<Fraction> values) {
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    if (n % 2 == 1) return values[n / 2];
    return (values[n / 2 - 1] + values[n / 2]).over(2);
}

namespace {

Fraction absolute(const Fraction& f) { return f < Fraction(0) ? Fraction(0) - f : f; }

// The band of a distance (0: slightly, 1: plain, 2: much), or nullopt under half or beyond 7.5.
std::optional<int> band(const Fraction& distance) {
    if (distance < Fraction(1).over(2)) return std::nullopt;
    if (distance < Fraction(3).over(2)) return 0;
    if (distance < Fraction(3)) return 1;
    if (distance <= Fraction(15).over(2)) return 2;
    return std::nullopt;
}

Standing away(int band_index, bool above, std::optional<Polarity> polarity) {
    static constexpr Standing kBetter[] = {Standing::SlightlyBetter, Standing::Better, Standing::MuchBetter};
    static constexpr Standing kWorse[] = {Standing::SlightlyWorse, Standing::Worse, Standing::MuchWorse};
    static constexpr Standing kHigher[] = {Standing::SlightlyHigher, Standing::Higher, Standing::MuchHigher};
    static constexpr Standing kLower[] = {Standing::SlightlyLower, Standing::Lower, Standing::MuchLower};
    const auto i = static_cast<std::size_t>(band_index);
    if (!polarity) return above ? kHigher[i] : kLower[i];
    const bool better = above == (*polarity == Polarity::HigherIsBetter);
    return better ? kBetter[i] : kWorse[i];
}

}  // namespace

std::optional<NeighbourComparison> compare_with_neighbours(const Fraction& value, const std::vector<std::optional<Fraction>>& neighbours,
                                                           std::optional<Polarity> polarity) {
    std::vector<Fraction> published;
    for (const auto& v : neighbours)
        if (v) published.push_back(*v);
    if (published.empty()) return std::nullopt;
    NeighbourComparison c;
    c.value = value;
    c.published = published.size();
    c.median = median_of(published);
    std::vector<Fraction> deviations;
    deviations.reserve(published.size());
    for (const auto& v : published) deviations.push_back(absolute(v - c.median));
    c.mad = median_of(std::move(deviations));
    const Fraction gap = absolute(value - c.median);
    if (c.mad == Fraction(0)) {
        if (gap == Fraction(0)) c.standing = Standing::Same;
        return c;
    }
    c.distance = gap / c.mad;
    if (*c.distance < Fraction(1).over(2)) {
        c.standing = Standing::BroadlySimilar;
    } else if (const auto b = band(*c.distance)) {
        c.standing = away(*b, c.median < value, polarity);
    }
    return c;
}

std::string fixed_decimal(const Fraction& f, int places) {
    std::int64_t scale = 1;
    for (int i = 0; i < places; ++i) scale *= 10;
    const BigInt scaled = f.times(scale).rounded();
    std::string digits = scaled.to_string();
    const bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.erase(0, 1);
    if (places > 0) {
        if (digits.size() <= static_cast<std::size_t>(places)) digits.insert(0, static_cast<std::size_t>(places) + 1 - digits.size(), '0');
        digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
    }
    return (negative ? "-" : "") + digits;
}

std::string exact_decimal(const Fraction& f) {
    std::string text = fixed_decimal(f, 6);
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text == "-0" ? "0" : text;
}

namespace {

Fraction thousandths(Milli m) { return Fraction(m).over(kMilli); }

std::vector<std::optional<Fraction>> as_fractions(const std::vector<std::optional<Milli>>& values) {
    std::vector<std::optional<Fraction>> out;
    out.reserve(values.size());
    for (const auto& v : values) out.push_back(v ? std::optional<Fraction>(thousandths(*v)) : std::nullopt);
    return out;
}

}  // namespace

Benchmark benchmark(const CouncilProfile& profile, const Budget& budget) {
    Benchmark out;
    if (!profile.neighbours) return out;
    for (const auto& entry : profile.neighbours->indicators) {
        const std::string& id = entry.first;
        const NeighbourFigures& figures = entry.second;
        const auto kpi = std::find_if(budget.kpis.begin(), budget.kpis.end(), [&](const Kpi& k) { return k.id == id; });
        if (kpi == budget.kpis.end() || kpi->history.empty()) continue;
        IndicatorBenchmark b;
        b.id = id;
        b.year = figures.year;
        b.own_year = kpi->history.back().year;
        b.value = thousandths(kpi->history.back().value);
        b.comparison = compare_with_neighbours(b.value, as_fractions(figures.values), kpi->polarity);
        out.indicators.push_back(std::move(b));
    }
    for (const auto& entry : profile.neighbours->service_costs) {
        const std::string& id = entry.first;
        const NeighbourCosts& costs = entry.second;
        if (std::none_of(budget.services.begin(), budget.services.end(), [&](const Service& s) { return s.id == id; })) continue;
        ServiceBenchmark b;
        b.id = id;
        b.year = costs.year;
        b.per_resident = thousandths(costs.council);
        std::vector<Fraction> published;
        for (const auto& v : costs.values)
            if (v) published.push_back(thousandths(*v));
        if (!published.empty()) b.median = median_of(std::move(published));
        out.services.push_back(std::move(b));
    }
    return out;
}

std::string benchmark_json(const Benchmark& b) {
    JsonWriter w;
    w.begin_object().key("indicators").begin_array();
    for (const auto& i : b.indicators) {
        w.begin_object().key("id").string(i.id).key("year").string(i.year).key("own_year").string(i.own_year).key("value").string(exact_decimal(i.value));
        if (i.comparison) {
            const NeighbourComparison& c = *i.comparison;
            w.key("median").string(exact_decimal(c.median)).key("mad").string(exact_decimal(c.mad));
            w.key("distance");
            if (c.distance) w.string(fixed_decimal(*c.distance, 3));
            else w.null();
            w.key("words");
            if (c.standing) w.string(standing_words(*c.standing));
            else w.null();
        } else {
            w.key("median").null().key("mad").null().key("distance").null().key("words").null();
        }
        w.end_object();
    }
    w.end_array().key("services").begin_array();
    for (const auto& s : b.services) {
        w.begin_object().key("id").string(s.id).key("year").string(s.year).key("per_resident").string(exact_decimal(s.per_resident));
        w.key("median");
        if (s.median) w.string(exact_decimal(*s.median));
        else w.null();
        w.end_object();
    }
    w.end_array().end_object();
    return w.text();
}

}  // namespace budget
