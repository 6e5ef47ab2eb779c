// Budget file loader. Each check adds a Problem and carries on, so one run reports everything.
#include "budget_loader.h"

#include "utc_time.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <map>

#include "council_tax.h"
#include "utc_time.h"
#include "json_reader.h"
#include "simulation.h"

namespace budget {

using nlohmann::json;

namespace {

using json_reading::Reader;
using json_reading::in_quotes;
using json_reading::scaled;
using json_reading::type_name;

struct Loader {
    Reader r;
    Budget b;
    std::map<std::string, std::string> ids_services, ids_groups, ids_options, ids_kpis, ids_funding;
    Problems warnings;

    std::optional<std::size_t> service_ref(const json& obj, const std::string& ptr, const char* key, bool required) {
        auto s = r.string(obj, ptr, key, required);
        if (!s) return std::nullopt;
        auto i = b.find_service(*s);
        if (!i) r.add("budget.unknown_reference", ptr + "/" + key, "unknown service " + in_quotes(*s));
        return i;
    }

    void header(const json& root) {
        r.check_fields(root, "", {"$schema", "format", "format_version", "id", "version", "illustrative", "notice",
                                  "languages", "council", "council_tax", "funding", "total_net_budget", "gap_to_close",
                                  "balance_rule", "results_public", "comments_public", "comment_moderation", "codes_required", "privacy_notice_url", "opens_at", "closes_at", "retain_days", "groups",
                                  "services", "efficiencies", "income", "kpis", "demographics"});
        r.opening(root, "council-budget", kBudgetFormatVersion, b.id, b.version);
        if (auto il = r.boolean(root, "", "illustrative", true)) b.illustrative = *il;
        r.languages(root, b.languages);
        b.notice = r.text(root, "", "notice", b.illustrative);
        if (auto rule = r.choice<BalanceRule>(root, "", "balance_rule",
                                              {{"must_balance", BalanceRule::MustBalance},
                                               {"may_be_unbalanced", BalanceRule::MayBeUnbalanced}}))
            b.balance_rule = *rule;
        if (auto p = r.boolean(root, "", "results_public", true)) b.results_public = *p;
        if (root.contains("comments_public"))
            if (auto p = r.boolean(root, "", "comments_public", false)) b.comments_public = *p;
        if (root.contains("comment_moderation"))
            if (auto m = r.choice<CommentModeration>(root, "", "comment_moderation",
                                                     {{"before_publishing", CommentModeration::BeforePublishing},
                                                      {"after_publishing", CommentModeration::AfterPublishing}}))
                b.comment_moderation = *m;
        if (auto p = r.boolean(root, "", "codes_required", false)) b.codes_required = *p;
        b.privacy_notice_url = r.text(root, "", "privacy_notice_url", true);
        r.utc_window(root, b.opens_at, b.closes_at);
        if (root.contains("retain_days"))
            if (auto d = r.integer(root, "", "retain_days", true, 0, 3650)) b.retain_days = *d;
    }

    void council(const json& root) {
        const json* c = r.object(root, "", "council");
        if (!c) return;
        r.check_fields(*c, "/council", {"name", "kind", "financial_year", "population", "brand", "profile"});
        brand(*c);
        b.council_name = r.text(*c, "/council", "name");
        if (auto k = read_council_kind(r, *c, "/council")) b.kind = *k;
        if (auto fy = r.string(*c, "/council", "financial_year")) {
            const std::string& s = *fy;
            auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
            const bool shape = s.size() == 7 && s[4] == '/' && std::all_of(s.begin(), s.begin() + 4, digit) &&
                               digit(s[5]) && digit(s[6]);
            if (!shape || (std::stoi(s.substr(2, 2)) + 1) % 100 != std::stoi(s.substr(5, 2)))
                r.add("budget.bad_year", "/council/financial_year", "expected a financial year such as \"2026/27\"");
            b.financial_year = s;
        }
        if (auto p = r.integer(*c, "/council", "population", true, 1, 100'000'000)) b.population = *p;
        if (auto p = r.id(*c, "/council", "profile", false)) b.profile = *p;
    }

    // The brand: a colour used where its contrast allows (else the default, with a warning), and a logo.
    void brand(const json& council) {
        const json* br = r.object(council, "/council", "brand", false);
        if (!br) return;
        const std::string bp = "/council/brand";
        r.check_fields(*br, bp, {"colour", "logo"});
        if (auto colour = r.string(*br, bp, "colour", false)) {
            const bool shape = colour->size() == 7 && (*colour)[0] == '#' &&
                               colour->find_first_not_of("0123456789abcdefABCDEF", 1) == std::string::npos;
            if (!shape) {
                r.add("budget.bad_colour", bp + "/colour", "expected a colour such as \"#1d70b8\"");
            } else {
                const auto rgb = static_cast<std::uint32_t>(std::stoul(colour->substr(1), nullptr, 16));
                b.brand.set_colour(rgb);
                const double on_white_words = b.brand.on_white_words, on_page = b.brand.on_page;
                const auto ratio = [](double x) { return std::to_string(static_cast<int>(x * 10) / 10) + "." + std::to_string(static_cast<int>(x * 10) % 10) + ":1"; };
                if (!b.brand.colour_for_text)
                    r.warn(warnings, "budget.brand_contrast", bp + "/colour",
                           "white words on " + *colour + " reach " + ratio(on_white_words) + ", under 4.5:1; filled bars and tabs keep the default colour");
                if (!b.brand.colour_for_controls)
                    r.warn(warnings, "budget.brand_contrast", bp + "/colour",
                           *colour + " reaches " + ratio(std::min(on_page, on_white_words)) + " against the page, under 3:1; controls keep the default colour");
            }
        }
        if (auto logo = r.string(*br, bp, "logo", false)) {
            // A path below the site, of plain characters: no scheme, no "..", an image type the page may show.
            const std::string& l = *logo;
            const bool plain = !l.empty() && l.size() <= 200 && l[0] != '/' && l.find("..") == std::string::npos &&
                               l.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-_./") == std::string::npos;
            const auto ends = [&](const char* ext) { return l.size() > std::strlen(ext) && l.compare(l.size() - std::strlen(ext), std::string::npos, ext) == 0; };
            if (!plain || !(ends(".svg") || ends(".png")))
                r.add("budget.bad_logo", bp + "/logo", "expected a path below the site such as \"logos/council.svg\" (.svg or .png; a-z, 0-9, - _ . /)");
            else
                b.brand.logo = l;
        }
    }

    void council_tax(const json& root) {
        const json* ct = r.object(root, "", "council_tax");
        if (!ct) return;
        const std::string p = "/council_tax";
        auto& out = b.council_tax;
        out.bands = bands_for(nation_of(b.kind));
        r.check_fields(*ct, p, {"tax_base_band_d_equivalents", "band_d", "referendum_cap", "lever"});
        if (auto base = r.money(*ct, p, "tax_base_band_d_equivalents")) {
            out.tax_base_hundredths = *base;
            if (*base == 0) r.add("budget.out_of_range", p + "/tax_base_band_d_equivalents", "must be more than zero");
        }
        if (auto d = r.money(*ct, p, "band_d")) out.band_d = *d;
        if (const json* cap = r.member(*ct, p, "referendum_cap", true)) {
            const std::string cp = p + "/referendum_cap";
            if (cap->is_string() && *cap == "none") {
                out.cap.capped = false;
            } else if (r.expect(*cap, cp, cap->is_object(), "an object or \"none\"")) {
                r.check_fields(*cap, cp, {"core_limit_percent", "core_limit_pounds", "adult_social_care_percent"});
                if (auto core = r.percent(*cap, cp, "core_limit_percent")) out.cap.core_limit_bp = *core;
                if (auto alt = r.money(*cap, cp, "core_limit_pounds", false)) out.cap.core_limit_pounds_alternative = *alt;
                if (auto asc = r.percent(*cap, cp, "adult_social_care_percent", false)) out.cap.adult_social_care_bp = *asc;
            }
            if (nation_of(b.kind) == Nation::Wales && out.cap.capped)
                r.add("budget.cap_not_applicable", cp, "Welsh councils have no council tax referendum cap; use \"none\"");
        }
        if (const json* lever = r.object(*ct, p, "lever")) {
            const std::string lp = p + "/lever";
            r.check_fields(*lever, lp, {"min_percent", "max_percent", "step_percent", "default_percent", "stops_percent"});
            auto mn = r.percent(*lever, lp, "min_percent"), mx = r.percent(*lever, lp, "max_percent"),
                 st = r.percent(*lever, lp, "step_percent");
            auto def = r.percent(*lever, lp, "default_percent", false);
            if (mn && mx && st && range(lp, *mn, *mx, *st)) {
                out.lever_min_bp = *mn; out.lever_max_bp = *mx; out.lever_step_bp = *st;
                out.lever_default_bp = def.value_or(std::clamp<BasisPoints>(0, *mn, *mx));
                if (out.lever_default_bp < *mn || out.lever_default_bp > *mx || (out.lever_default_bp - *mn) % *st != 0)
                    r.add("budget.off_step", lp + "/default_percent", "default must be on a step between min and max");
                if (out.band_d > 0 && !within_cap(out, *mx))
                    r.add("budget.lever_above_cap", lp + "/max_percent",
                          "a " + format_bp_as_percent(*mx) + "% rise is over the referendum cap (" + describe_cap(out) + ")");
                lever_stops(*lever, lp, out);
                const BasisPoints steps = (*mx - *mn) / *st;
                if (out.lever_stops.empty() && steps > kMaxComfortableSteps)
                    r.warn(warnings, "budget.many_steps", lp + "/step_percent",
                           "the council tax slider has " + std::to_string(steps) + " steps, more than a person can hit with a finger (" +
                               std::to_string(kMaxComfortableSteps) + "); give stops_percent (e.g. 0, the referendum limit) or a larger step");
            }
        }
    }

    // The council tax slider's stops: ascending, each on a step of the lever, the default among them.
    void lever_stops(const json& lever, const std::string& lp, CouncilTax& out) {
        const json* stops = r.array(lever, lp, "stops_percent", false);
        if (!stops) return;
        const std::string sp = lp + "/stops_percent";
        std::vector<BasisPoints> values;
        for (std::size_t i = 0; i < stops->size(); ++i) {
            const auto v = r.percent_value((*stops)[i], Reader::at(sp, i));
            if (!v) return;
            if (*v < out.lever_min_bp || *v > out.lever_max_bp || (*v - out.lever_min_bp) % out.lever_step_bp != 0) {
                r.add("budget.off_step", Reader::at(sp, i), format_bp_as_percent(*v) + "% is not a step between min and max");
                return;
            }
            if (!values.empty() && *v <= values.back()) {
                r.add("budget.stops_not_ascending", Reader::at(sp, i), "stops must be in ascending order, each once");
                return;
            }
            values.push_back(*v);
        }
        if (values.size() < 2 || std::find(values.begin(), values.end(), out.lever_default_bp) == values.end()) {
            r.add("budget.bad_stops", sp, "give at least two stops, the default (" + format_bp_as_percent(out.lever_default_bp) + "%) among them");
            return;
        }
        out.lever_stops = std::move(values);
    }

    // Checks min <= max and that step divides the range; reports at `ptr`.
    bool range(const std::string& ptr, BasisPoints mn, BasisPoints mx, BasisPoints st) {
        if (mn > mx) {
            r.add("budget.min_above_max", ptr + "/min_percent", "min_percent " + format_bp_as_percent(mn) + " is above max_percent " +
                                                   format_bp_as_percent(mx));
            return false;
        }
        if (st <= 0) {
            r.add("budget.bad_step", ptr + "/step_percent", "step_percent must be more than zero");
            return false;
        }
        if ((mx - mn) % st != 0) {
            r.add("budget.step_does_not_divide", ptr + "/step_percent",
                  "step " + format_bp_as_percent(st) + "% does not divide the range " + format_bp_as_percent(mn) +
                      "% to " + format_bp_as_percent(mx) + "%");
            return false;
        }
        if (mn > 0 || mx < 0) {
            r.add("budget.range_excludes_zero", ptr + (mn > 0 ? "/min_percent" : "/max_percent"), "the range must include no change (0%)");
            return false;
        }
        if (mn % st != 0) {
            r.add("budget.off_step", ptr + "/step_percent", "no change (0%) must be on a step of the range");
            return false;
        }
        return true;
    }

    void funding(const json& root) {
        r.each_object(root, "funding", true, [&](const json& item, const std::string& p) {
            r.check_fields(item, p, {"id", "name", "kind", "amount"});
            FundingLine line;
            if (auto id = r.id(item, p)) { line.id = *id; r.unique(ids_funding, *id, p + "/id"); }
            line.name = r.text(item, p, "name");
            if (auto k = r.choice<FundingKind>(item, p, "kind",
                                               {{"grant", FundingKind::Grant},
                                                {"business_rates", FundingKind::BusinessRates},
                                                {"reserves", FundingKind::Reserves},
                                                {"other", FundingKind::Other}}))
                line.kind = *k;
            if (auto a = r.money(item, p, "amount", true, true)) line.amount = *a;
            b.funding.push_back(std::move(line));
                });
    }

    void groups(const json& root) {
        r.each_object(root, "groups", true, [&](const json& item, const std::string& p) {
            r.check_fields(item, p, {"id", "name"});
            Group group;
            if (auto id = r.id(item, p)) { group.id = *id; r.unique(ids_groups, *id, p + "/id"); }
            group.name = r.text(item, p, "name");
            b.groups.push_back(std::move(group));
                });
    }

    void services(const json& root) {
        const auto list = root.find("services");
        if (list != root.end() && list->is_array() && list->empty())
            r.add("budget.empty", "/services", "a budget needs at least one service");
        r.each_object(root, "services", true, [&](const json& item, const std::string& p) {
            r.check_fields(item, p, {"id", "group", "name", "description", "baseline", "locked", "locked_reason",
                                     "min_percent", "max_percent", "step_percent", "consequences"});
            Service sv;
            if (auto id = r.id(item, p)) { sv.id = *id; r.unique(ids_services, *id, p + "/id"); }
            if (auto g = r.string(item, p, "group")) {
                sv.group_id = *g;
                const auto it = std::find_if(b.groups.begin(), b.groups.end(), [&](const Group& x) { return x.id == *g; });
                if (it == b.groups.end()) r.add("budget.unknown_reference", p + "/group", "unknown group " + in_quotes(*g));
                else sv.group = static_cast<std::size_t>(it - b.groups.begin());
            }
            sv.name = r.text(item, p, "name");
            sv.description = r.text(item, p, "description", false);
            if (auto base = r.money(item, p, "baseline")) sv.baseline = *base;
            sv.locked = r.boolean(item, p, "locked").value_or(false);
            if (sv.locked) {
                sv.locked_reason = r.text(item, p, "locked_reason");
                for (const char* k : {"min_percent", "max_percent", "step_percent", "consequences"})
                    if (item.contains(k)) r.add("budget.locked_line_has_range", p + "/" + k, "a locked line cannot move; remove " + in_quotes(k));
                sv.min_bp = sv.max_bp = 0;
                sv.step_bp = 100;
            } else {
                auto mn = r.percent(item, p, "min_percent"), mx = r.percent(item, p, "max_percent"),
                     st = r.percent(item, p, "step_percent");
                if (mn && mx && st && range(p, *mn, *mx, *st)) {
                    sv.min_bp = *mn; sv.max_bp = *mx; sv.step_bp = *st;
                    if ((*mx - *mn) / *st > kMaxComfortableSteps)
                        r.warn(warnings, "budget.many_steps", p + "/step_percent",
                               "the slider has " + std::to_string((*mx - *mn) / *st) + " steps, more than a person can hit with a finger (" +
                                   std::to_string(kMaxComfortableSteps) + "); use a larger step");
                    consequences(item, p, sv);
                }
            }
            b.services.push_back(std::move(sv));
                });
    }

    void consequences(const json& item, const std::string& p, Service& sv) {
        const json* c = r.array(item, p, "consequences");
        if (!c) return;
        if (c->empty()) { r.add("budget.no_consequences", p + "/consequences", "at least one consequence band is needed"); return; }
        for (std::size_t k = 0; k < c->size(); ++k) {
            const std::string cp = Reader::at(p + "/consequences", k);
            const json& band = (*c)[k];
            if (!r.expect(band, cp, band.is_object(), "an object")) continue;
            r.check_fields(band, cp, {"from_percent", "text"});
            ConsequenceBand cb;
            auto from = r.percent(band, cp, "from_percent");
            cb.text = r.text(band, cp, "text");
            if (!from) continue;
            cb.from_bp = *from;
            if (k == 0 && *from != sv.min_bp)
                r.add("budget.consequences_not_from_min", cp + "/from_percent",
                      "the first band must start at min_percent (" + format_bp_as_percent(sv.min_bp) + ")");
            else if (*from < sv.min_bp || *from > sv.max_bp)
                r.add("budget.consequence_out_of_range", cp + "/from_percent", "outside the service's range");
            else if (!sv.consequences.empty() && *from <= sv.consequences.back().from_bp)
                r.add("budget.consequences_not_increasing", cp + "/from_percent", "bands must start in increasing order");
            sv.consequences.push_back(std::move(cb));
        }
    }

    std::vector<KpiEffect> kpi_effects(const json& item, const std::string& p) {
        std::vector<KpiEffect> out;
        const json* e = r.array(item, p, "kpi_effects", false);
        if (!e) return out;
        for (std::size_t k = 0; k < e->size(); ++k) {
            const std::string ep = Reader::at(p + "/kpi_effects", k);
            const json& eff = (*e)[k];
            if (!r.expect(eff, ep, eff.is_object(), "an object")) continue;
            r.check_fields(eff, ep, {"kpi", "change"});
            auto kpi = r.string(eff, ep, "kpi");
            auto change = r.milli(eff, ep, "change");
            if (!kpi || !change) continue;
            pending_kpi_refs.push_back({*kpi, ep + "/kpi"});
            out.push_back(KpiEffect{pending_kpi_refs.size() - 1, *change});  // resolved after kpis load
        }
        return out;
    }
    struct PendingRef { std::string id; std::string ptr; };
    std::vector<PendingRef> pending_kpi_refs;

    void efficiencies(const json& root) {
        r.each_object(root, "efficiencies", true, [&](const json& item, const std::string& p) {
            r.check_fields(item, p, {"id", "name", "description", "service", "saving", "one_off_cost", "risk", "kpi_effects"});
            EfficiencyOption o;
            if (auto id = r.id(item, p)) { o.id = *id; r.unique(ids_options, *id, p + "/id"); }
            o.name = r.text(item, p, "name");
            o.description = r.text(item, p, "description");
            o.service = service_ref(item, p, "service", false);
            if (auto s = r.money(item, p, "saving")) {
                o.saving = *s;
                if (*s == 0) r.add("budget.out_of_range", p + "/saving", "a saving must be more than zero");
            }
            if (auto c = r.money(item, p, "one_off_cost", false)) o.one_off_cost = *c;
            if (auto risk = r.choice<Risk>(item, p, "risk", {{"low", Risk::Low}, {"medium", Risk::Medium}, {"high", Risk::High}}))
                o.risk = *risk;
            if (o.service && b.services[*o.service].locked)
                r.add("budget.option_on_locked_line", p + "/service", "a saving cannot come from a locked line");
            o.kpi_effects = kpi_effects(item, p);
            b.efficiencies.push_back(std::move(o));
                });
    }

    void incomes(const json& root) {
        r.each_object(root, "income", true, [&](const json& item, const std::string& p) {
            r.check_fields(item, p, {"id", "name", "description", "kind", "yield", "kpi_effects"});
            IncomeOption o;
            if (auto id = r.id(item, p)) { o.id = *id; r.unique(ids_options, *id, p + "/id"); }
            o.name = r.text(item, p, "name");
            o.description = r.text(item, p, "description");
            if (auto k = r.choice<IncomeKind>(item, p, "kind",
                                              {{"fees_and_charges", IncomeKind::FeesAndCharges},
                                               {"commercial", IncomeKind::Commercial},
                                               {"other", IncomeKind::Other}}))
                o.kind = *k;
            if (auto y = r.money(item, p, "yield")) {
                o.yield = *y;
                if (*y == 0) r.add("budget.out_of_range", p + "/yield", "a yield must be more than zero");
            }
            o.kpi_effects = kpi_effects(item, p);
            b.incomes.push_back(std::move(o));
                });
    }

    void kpis(const json& root) {
        r.each_object(root, "kpis", true, [&](const json& item, const std::string& p) {
            r.check_fields(item, p, {"id", "group", "name", "description", "unit", "decimals", "polarity", "history",
                                     "target", "thresholds", "comparators", "responses", "floor", "ceiling"});
            Kpi kpi;
            if (auto id = r.id(item, p)) { kpi.id = *id; r.unique(ids_kpis, *id, p + "/id"); }
            if (auto g = r.choice<KpiGroup>(item, p, "group",
                                            {{"perception", KpiGroup::Perception}, {"cost", KpiGroup::Cost}, {"outcome", KpiGroup::Outcome}}))
                kpi.group = *g;
            kpi.name = r.text(item, p, "name");
            kpi.description = r.text(item, p, "description");
            if (auto u = r.choice<std::string>(item, p, "unit",
                                               {{"percent", "percent"}, {"pounds", "pounds"}, {"days", "days"},
                                                {"count", "count"}, {"rate_per_1000", "rate_per_1000"},
                                                {"rate_per_100000", "rate_per_100000"}, {"score", "score"},
                                                {"weeks", "weeks"}, {"kg", "kg"}, {"rate_per_10000", "rate_per_10000"}}))
                kpi.unit = *u;
            if (auto d = r.integer(item, p, "decimals", true, 0, 3)) kpi.decimals = static_cast<int>(*d);
            if (auto pol = r.choice<Polarity>(item, p, "polarity",
                                              {{"higher_is_better", Polarity::HigherIsBetter}, {"lower_is_better", Polarity::LowerIsBetter}}))
                kpi.polarity = *pol;
            history(item, p, kpi);
            kpi.target = r.milli(item, p, "target", false);
            kpi.floor = r.milli(item, p, "floor", false);
            kpi.ceiling = r.milli(item, p, "ceiling", false);
            if (kpi.floor && kpi.ceiling && *kpi.floor > *kpi.ceiling)
                r.add("budget.min_above_max", p + "/floor", "floor is above ceiling");
            if (const json* t = r.object(item, p, "thresholds")) {
                const std::string tp = p + "/thresholds";
                r.check_fields(*t, tp, {"green", "amber"});
                auto green = r.milli(*t, tp, "green"), amber = r.milli(*t, tp, "amber");
                if (green && amber) {
                    kpi.green = *green; kpi.amber = *amber;
                    const bool ordered = kpi.polarity == Polarity::HigherIsBetter ? *green >= *amber : *green <= *amber;
                    if (!ordered)
                        r.add("budget.thresholds_out_of_order", tp + "/green",
                              kpi.polarity == Polarity::HigherIsBetter ? "green must be at or above amber when higher is better"
                                                                       : "green must be at or below amber when lower is better");
                }
            }
            if (const json* c = r.object(item, p, "comparators")) {
                const std::string cp = p + "/comparators";
                r.check_fields(*c, cp, {"group", "lower_quartile", "median", "upper_quartile"});
                kpi.comparator_group = r.text(*c, cp, "group");
                auto lq = r.milli(*c, cp, "lower_quartile"), md = r.milli(*c, cp, "median"), uq = r.milli(*c, cp, "upper_quartile");
                if (lq && md && uq) {
                    kpi.comparator_lower_quartile = *lq; kpi.comparator_median = *md; kpi.comparator_upper_quartile = *uq;
                    if (!(*lq <= *md && *md <= *uq))
                        r.add("budget.quartiles_out_of_order", cp + "/lower_quartile", "expected lower_quartile <= median <= upper_quartile");
                }
            }
            responses(item, p, kpi);
            b.kpis.push_back(std::move(kpi));
                });
    }

    void history(const json& item, const std::string& p, Kpi& kpi) {
        const json* h = r.array(item, p, "history");
        if (!h) return;
        if (h->empty()) r.add("budget.empty_history", p + "/history", "at least one year of history is needed");
        for (std::size_t k = 0; k < h->size(); ++k) {
            const std::string hp = Reader::at(p + "/history", k);
            const json& y = (*h)[k];
            if (!r.expect(y, hp, y.is_object(), "an object")) continue;
            r.check_fields(y, hp, {"year", "value"});
            auto year = r.string(y, hp, "year");
            auto value = r.milli(y, hp, "value");
            if (year && value) {
                if (!kpi.history.empty() && *year <= kpi.history.back().year)
                    r.add("budget.history_not_in_order", hp + "/year", "years must be in increasing order");
                kpi.history.push_back(KpiYear{*year, *value});
            }
        }
    }

    void responses(const json& item, const std::string& p, Kpi& kpi) {
        const json* rs = r.array(item, p, "responses", false);
        if (!rs) return;
        for (std::size_t k = 0; k < rs->size(); ++k) {
            const std::string rp = Reader::at(p + "/responses", k);
            const json& resp = (*rs)[k];
            if (!r.expect(resp, rp, resp.is_object(), "an object")) continue;
            r.check_fields(resp, rp, {"service", "per_percent", "half_saturation_percent", "max_effect"});
            KpiResponse out;
            auto svc = service_ref(resp, rp, "service", true);
            auto per = r.milli(resp, rp, "per_percent");
            auto half = r.percent(resp, rp, "half_saturation_percent");
            auto cap = r.milli(resp, rp, "max_effect");
            if (half && *half <= 0) r.add("budget.out_of_range", rp + "/half_saturation_percent", "must be more than zero");
            if (cap && *cap <= 0) r.add("budget.out_of_range", rp + "/max_effect", "must be more than zero");
            if (svc && b.services[*svc].locked) r.add("budget.option_on_locked_line", rp + "/service", "a locked line cannot move, so cannot drive an indicator");
            if (!svc || !per || !half || !cap || *half <= 0 || *cap <= 0) continue;
            out.service = *svc; out.per_percent = *per; out.half_saturation_bp = *half; out.max_effect = *cap;
            kpi.responses.push_back(out);
        }
    }

    void demographics(const json& root) {
        std::map<std::string, std::string> ids;
        r.each_object(root, "demographics", false, [&](const json& item, const std::string& p) {
            r.check_fields(item, p, {"id", "label", "options"});
            DemographicQuestion q;
            if (auto id = r.id(item, p)) { q.id = *id; r.unique(ids, *id, p + "/id"); }
            q.label = r.text(item, p, "label");
            std::map<std::string, std::string> option_ids;
            if (const json* opts = r.array(item, p, "options")) {
                for (std::size_t k = 0; k < opts->size(); ++k) {
                    const std::string op = Reader::at(p + "/options", k);
                    const json& o = (*opts)[k];
                    if (!r.expect(o, op, o.is_object(), "an object")) continue;
                    r.check_fields(o, op, {"id", "label"});
                    auto oid = r.id(o, op);
                    LocalText label = r.text(o, op, "label");
                    if (oid) { r.unique(option_ids, *oid, op + "/id"); q.options.emplace_back(*oid, std::move(label)); }
                }
            }
            b.demographics.push_back(std::move(q));
                });
    }

    void resolve_kpi_refs() {
        auto fix = [&](std::vector<KpiEffect>& effects) {
            std::vector<KpiEffect> kept;
            for (auto& e : effects) {
                const PendingRef& ref = pending_kpi_refs[e.kpi];
                if (auto k = b.find_kpi(ref.id)) kept.push_back(KpiEffect{*k, e.change});
                else r.add("budget.unknown_reference", ref.ptr, "unknown kpi " + in_quotes(ref.id));
            }
            effects = std::move(kept);
        };
        for (auto& o : b.efficiencies) fix(o.kpi_effects);
        for (auto& o : b.incomes) fix(o.kpi_effects);
    }

    // Sums are only checked over lines that loaded cleanly: a broken line would make them meaningless.
    void totals(const json& root, std::size_t before_money, std::size_t before_services, const Problems& problems) {
        auto total = r.money(root, "", "total_net_budget");
        auto gap = r.money(root, "", "gap_to_close", true, true);
        const bool services_ok = problems.size() == before_services;
        const bool money_ok = before_services == before_money && services_ok;
        Pence sum = 0;
        for (const auto& s : b.services) sum += s.baseline;
        if (total && services_ok) {
            b.total_net_budget = *total;
            if (sum != *total)
                r.add("budget.total_mismatch", "/total_net_budget",
                      "service baselines sum to " + format_pounds(sum) + " but total_net_budget is " + format_pounds(*total));
        }
        if (gap && money_ok) {
            b.gap_to_close = *gap;
            const Pence funding = b.baseline_funding();
            if (sum - funding != *gap)
                r.add("budget.gap_mismatch", "/gap_to_close",
                      "net budget " + format_pounds(sum) + " less funding " + format_pounds(funding) + " (council tax " +
                          format_pounds(b.baseline_council_tax_income()) + ") is " + format_pounds(sum - funding) +
                          ", not " + format_pounds(*gap));
        }
    }

    void feasibility(const Problems& problems) {
        if (!problems.empty() || b.balance_rule != BalanceRule::MustBalance) return;
        const Outcome most = simulate(b, most_saving_choices(b));
        if (!most.balanced)
            r.add("budget.infeasible", "/gap_to_close",
                  "even every saving and income lever at its limit leaves a gap of " + format_pounds(most.remaining_gap) +
                      ", so no resident could balance this budget");
    }
};

}  // namespace

BudgetLoad load_budget(std::string text, const JsonLimits& limits) {
    BudgetLoad result;
    JsonDocument doc;
    if (!parse_json(std::move(text), limits, doc, result.problems)) return result;
    const json& root = doc.root();
    Loader l{Reader(doc, result.problems), Budget{}, {}, {}, {}, {}, {}, {}, {}};
    if (!root.is_object()) {
        l.r.add("budget.wrong_type", "", std::string("expected an object, found ") + type_name(root));
        return result;
    }
    l.header(root);
    l.council(root);
    const std::size_t before_money = result.problems.size();
    l.council_tax(root);
    l.funding(root);
    l.groups(root);
    const std::size_t before_services = result.problems.size();
    l.services(root);
    l.efficiencies(root);
    l.incomes(root);
    l.kpis(root);
    l.resolve_kpi_refs();
    l.demographics(root);
    l.totals(root, before_money, before_services, result.problems);
    l.feasibility(result.problems);
    if (result.problems.empty()) {
        result.warnings = std::move(l.warnings);
        l.b.build_index();
        result.budget = std::move(l.b);
    }
    return result;
}

std::optional<CouncilKind> read_council_kind(json_reading::Reader& r, const nlohmann::json& obj, const std::string& ptr) {
    return r.choice<CouncilKind>(obj, ptr, "kind",
                                 {{"english_county", CouncilKind::EnglishCounty},
                                  {"english_district", CouncilKind::EnglishDistrict},
                                  {"english_unitary", CouncilKind::EnglishUnitary},
                                  {"english_metropolitan", CouncilKind::EnglishMetropolitan},
                                  {"london_borough", CouncilKind::LondonBorough},
                                  {"welsh_principal", CouncilKind::WelshPrincipal}});
}

}  // namespace budget
