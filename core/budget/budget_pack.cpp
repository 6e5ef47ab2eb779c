// Budget <-> pack bytes. One field list (`fields`) drives both directions, so they cannot drift.
#include "budget_pack.h"

#include <limits>
#include <utility>

#include "pack_io.h"

namespace budget {

namespace {

using namespace pack_io;

constexpr std::string_view kMagic = "BPK";

template <class IO>
bool kpi_effects(IO& io, std::vector<KpiEffect>& effects, std::size_t kpis) {
    return io.list(effects, [&](KpiEffect& e) { return io.index(e.kpi, kpis) && io.num(e.change, kI64Min, kI64Max); });
}

// The brand: whether there is a colour, the colour (0 without one), the logo. Where the colour may
// be used is decided again from it on reading, never taken from the bytes.
template <class IO>
bool brand(IO& io, Brand& br) {
    bool has = br.colour.has_value();
    std::int64_t rgb = br.colour.value_or(0);
    if (!io.flag(has) || !io.num(rgb, 0, 0xFFFFFF) || (!has && rgb != 0) || !io.str(br.logo)) return false;
    if (has) br.set_colour(static_cast<std::uint32_t>(rgb));
    return true;
}

// Every field of a budget, in pack order. Things referred to by index come before their users.
template <class IO>
bool fields(IO& io, Budget& b) {
    bool ok = io.str(b.id) && io.num(b.version, kI64Min, kI64Max) && io.flag(b.illustrative) && local(io, b.notice) &&
              io.list(b.languages, [&](std::string& l) { return io.str(l); }) && local(io, b.council_name) &&
              io.choice(b.kind, 6) && io.str(b.financial_year) && io.num(b.population, 0, kI64Max) &&
              brand(io, b.brand);
    CouncilTax& ct = b.council_tax;
    ok = ok && io.num(ct.tax_base_hundredths, 1, kI64Max) && io.num(ct.band_d, 0, kMoneyLimit) &&
         io.list(ct.bands, [&](Band& band) {
             return io.num(band.letter, 'A', 'Z') && io.num(band.ninths, 1, 90);
         }) &&
         io.flag(ct.cap.capped) && io.num(ct.cap.core_limit_bp, kI32Min, kI32Max) &&
         io.num(ct.cap.core_limit_pounds_alternative, 0, kMoneyLimit) &&
         io.num(ct.cap.adult_social_care_bp, kI32Min, kI32Max) && io.num(ct.lever_min_bp, kI32Min, kI32Max) &&
         io.num(ct.lever_max_bp, kI32Min, kI32Max) && io.num(ct.lever_step_bp, 1, kI32Max) &&
         io.num(ct.lever_default_bp, kI32Min, kI32Max) &&
         io.list(ct.lever_stops, [&](BasisPoints& stop) { return io.num(stop, kI32Min, kI32Max); });
    ok = ok && io.list(b.funding, [&](FundingLine& f) {
        return io.str(f.id) && local(io, f.name) && io.choice(f.kind, 4) && io.num(f.amount, -kMoneyLimit, kMoneyLimit);
    });
    ok = ok && io.num(b.total_net_budget, -kMoneyLimit, kMoneyLimit) && io.num(b.gap_to_close, -kMoneyLimit, kMoneyLimit) &&
         io.choice(b.balance_rule, 2) && io.flag(b.results_public) && io.flag(b.codes_required) &&
         local(io, b.privacy_notice_url);
    ok = ok && io.list(b.groups, [&](Group& g) { return io.str(g.id) && local(io, g.name); });
    ok = ok && io.list(b.services, [&](Service& s) {
        return io.str(s.id) && io.str(s.group_id) && io.index(s.group, b.groups.size()) && local(io, s.name) &&
               local(io, s.description) && io.num(s.baseline, -kMoneyLimit, kMoneyLimit) && io.flag(s.locked) &&
               local(io, s.locked_reason) && io.num(s.min_bp, kI32Min, kI32Max) && io.num(s.max_bp, kI32Min, kI32Max) &&
               io.num(s.step_bp, 1, kI32Max) &&
               io.list(s.consequences, [&](ConsequenceBand& c) {
                   return io.num(c.from_bp, kI32Min, kI32Max) && local(io, c.text);
               }) &&
               io.str(s.unit_label);
    });
    ok = ok && io.list(b.kpis, [&](Kpi& k) {
        return io.str(k.id) && io.choice(k.group, 3) && local(io, k.name) && local(io, k.description) && io.str(k.unit) &&
               io.num(k.decimals, 0, 6) && io.choice(k.polarity, 2) &&
               io.list(k.history, [&](KpiYear& y) { return io.str(y.year) && io.num(y.value, kI64Min, kI64Max); }) &&
               io.maybe(k.target, [&](Milli& t) { return io.num(t, kI64Min, kI64Max); }) &&
               io.num(k.green, kI64Min, kI64Max) && io.num(k.amber, kI64Min, kI64Max) && local(io, k.comparator_group) &&
               io.num(k.comparator_lower_quartile, kI64Min, kI64Max) && io.num(k.comparator_median, kI64Min, kI64Max) &&
               io.num(k.comparator_upper_quartile, kI64Min, kI64Max) &&
               io.list(k.responses, [&](KpiResponse& r) {
                   return io.index(r.service, b.services.size()) && io.num(r.per_percent, kI64Min, kI64Max) &&
                          io.num(r.half_saturation_bp, 1, kI32Max) && io.num(r.max_effect, kI64Min, kI64Max);
               }) &&
               io.maybe(k.floor, [&](Milli& v) { return io.num(v, kI64Min, kI64Max); }) &&
               io.maybe(k.ceiling, [&](Milli& v) { return io.num(v, kI64Min, kI64Max); });
    });
    ok = ok && io.list(b.efficiencies, [&](EfficiencyOption& e) {
        return io.str(e.id) && local(io, e.name) && local(io, e.description) &&
               io.maybe(e.service, [&](std::size_t& s) { return io.index(s, b.services.size()); }) &&
               io.num(e.saving, -kMoneyLimit, kMoneyLimit) && io.num(e.one_off_cost, -kMoneyLimit, kMoneyLimit) &&
               io.choice(e.risk, 3) && kpi_effects(io, e.kpi_effects, b.kpis.size());
    });
    ok = ok && io.list(b.incomes, [&](IncomeOption& o) {
        return io.str(o.id) && local(io, o.name) && local(io, o.description) && io.choice(o.kind, 3) &&
               io.num(o.yield, -kMoneyLimit, kMoneyLimit) && kpi_effects(io, o.kpi_effects, b.kpis.size());
    });
    ok = ok && io.list(b.demographics, [&](DemographicQuestion& q) {
        return io.str(q.id) && local(io, q.label) && io.list(q.options, [&](std::pair<std::string, LocalText>& o) {
                   return io.str(o.first) && local(io, o.second);
               });
    });
    ok = ok && io.str(b.profile) && io.maybe(b.accountability, [&](AccountabilityDigest& d) {
        return local(io, d.judged_on) && io.flag(d.illustrative) && io.list(d.years, [&](std::string& y) { return io.str(y); }) &&
               io.list(d.rows, [&](AccountabilityDigest::Row& r) {
                   return local(io, r.label) && io.list(r.values, [&](LocalText& v) { return local(io, v); }) && local(io, r.change);
               }) &&
               io.list(d.signs, [&](AccountabilityDigest::Sign& sign) {
                   return io.str(sign.id) && io.flag(sign.red) && local(io, sign.title) && local(io, sign.words);
               }) &&
               io.list(d.unknown, [&](AccountabilityDigest::Unknown& u) { return local(io, u.title) && local(io, u.needs); }) &&
               io.str(d.neighbour_group) && io.list(d.neighbours, [&](std::string& n) { return io.str(n); }) &&
               io.list(d.comparisons, [&](AccountabilityDigest::Comparison& c) {
                   return io.str(c.kpi) && io.str(c.year) && io.str(c.own_year) && local(io, c.words) &&
                          io.num(c.median, kI64Min, kI64Max) &&
                          io.list(c.figures, [&](std::optional<Milli>& f) { return io.maybe(f, [&](Milli& m) { return io.num(m, kI64Min, kI64Max); }); }) &&
                          io.maybe(c.national_median, [&](Milli& m) { return io.num(m, kI64Min, kI64Max); });
               }) &&
               io.list(d.service_costs, [&](AccountabilityDigest::ServiceCost& c) {
                   return io.str(c.service) && io.str(c.year) && io.num(c.council, kI64Min, kI64Max) &&
                          io.maybe(c.median, [&](Milli& m) { return io.num(m, kI64Min, kI64Max); });
               }) &&
               io.list(d.self_assessment, [&](AccountabilityDigest::OwnRating& r) {
                   return io.str(r.group) && local(io, r.rating) && local(io, r.summary) && local(io, r.assessed_on);
               });
    });
    return ok;
}

}  // namespace

std::string pack_budget(const Budget& b) {
    return pack(b, kMagic, kBudgetPackVersion, [](auto& io, Budget& v) { return fields(io, v); });
}

BudgetUnpack unpack_budget(std::string_view bytes) {
    BudgetUnpack r;
    r.budget = unpack<Budget>(bytes, kMagic, kBudgetPackVersion, "budget", [](auto& io, Budget& v) { return fields(io, v); }, r.problem);
    if (r.budget) r.budget->build_index();
    return r;
}

}  // namespace budget
