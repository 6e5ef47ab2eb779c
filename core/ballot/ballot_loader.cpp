// Ballot file loader, on the same field reader as budgets: each check adds a Problem and carries on.
#include "ballot_loader.h"

#include <map>

#include "json_reader.h"
#include "utc_time.h"

namespace budget {

using nlohmann::json;

namespace {

using json_reading::in_quotes;
using json_reading::Reader;

struct BallotLoader {
    Reader r;
    Ballot b;
    Problems warnings;
    bool budget_given = false;

    void header(const json& root) {
        r.check_fields(root, "", {"$schema", "format", "format_version", "id", "version", "languages", "council", "title",
                                  "description", "currency", "budget", "ballot", "counting", "completion", "results_public",
                                  "codes_required", "opens_at", "closes_at", "areas", "projects", "pabulib_meta"});
        r.opening(root, "pb-ballot", kBallotFormatVersion, b.id, b.version);
        r.languages(root, b.languages);
        b.council = r.text(root, "", "council", false);
        b.title = r.text(root, "", "title");
        b.description = r.text(root, "", "description", false);
        if (auto c = r.string(root, "", "currency", false)) {
            const bool ok = c->size() == 3 && std::all_of(c->begin(), c->end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
            if (ok) b.currency = *c;
            else r.add("ballot.bad_currency", "/currency", "a currency is three capital letters (ISO 4217), such as \"GBP\"");
        }
        if (root.contains("budget")) {
            budget_given = true;
            if (auto m = r.money(root, "", "budget")) b.budget = *m;
        }
        if (auto p = r.boolean(root, "", "results_public", true)) b.results_public = *p;
        if (auto p = r.boolean(root, "", "codes_required", false)) b.codes_required = *p;
        if (auto rule = r.choice<CountingRule>(root, "", "counting",
                                               {{"greedy", CountingRule::Greedy}, {"equal-shares", CountingRule::EqualShares}}))
            b.counting = *rule;
        if (root.contains("completion")) {
            if (auto c = r.choice<Completion>(root, "", "completion",
                                              {{"add1", Completion::Add1}, {"add1-then-greedy", Completion::Add1ThenGreedy}}))
                b.completion = *c;
            if (b.counting != CountingRule::EqualShares)
                r.add("ballot.completion_needs_equal_shares", "/completion", "completion is how equal shares spends what is left: set counting to \"equal-shares\", or leave completion out");
        }
        r.utc_window(root, b.opens_at, b.closes_at);
        if (const json* meta = r.object(root, "", "pabulib_meta", false)) {
            for (auto it = meta->begin(); it != meta->end(); ++it) {
                if (r.expect(it.value(), "/pabulib_meta/" + pointer_token(it.key()), it.value().is_string(), "a string"))
                    b.pabulib_meta.emplace_back(it.key(), it.value().get<std::string>());
            }
        }
    }

    void ballot_rule(const json& root) {
        const json* v = r.object(root, "", "ballot");
        if (!v) return;
        const std::string p = "/ballot";
        r.check_fields(*v, p, {"type", "min_projects", "max_projects", "min_share_percent"});
        auto type = r.choice<BallotRule>(*v, p, "type", {{"approval", BallotRule::Approval}, {"knapsack", BallotRule::Knapsack}});
        if (!type) return;
        b.rule = *type;
        if (auto n = r.integer(*v, p, "min_projects", false, 0, static_cast<std::int64_t>(kMaxBallotProjects)))
            b.min_projects = static_cast<int>(*n);
        if (auto n = r.integer(*v, p, "max_projects", false, 1, static_cast<std::int64_t>(kMaxBallotProjects))) {
            b.max_projects = static_cast<int>(*n);
            if (b.max_projects < b.min_projects)
                r.add("ballot.min_above_max", p + "/max_projects", "max_projects must not be below min_projects");
        }
        if (v->contains("min_share_percent")) {
            if (b.rule != BallotRule::Knapsack) {
                r.add("ballot.share_needs_knapsack", p + "/min_share_percent", "min_share_percent is for knapsack ballots only");
            } else if (auto bp = r.percent(*v, p, "min_share_percent")) {
                if (*bp < 0 || *bp > 10000) r.out_of_range(p + "/min_share_percent", 0, 100);
                else b.min_share_bp = *bp;
            }
        }
    }

    void areas(const json& root, std::map<std::string, std::string>& ids) {
        if (!root.contains("areas")) return;
        Pence sum = 0;
        r.each_object(root, "areas", false, [&](const json& item, const std::string& p) {
            r.check_fields(item, p, {"id", "name", "budget"});
            BallotArea a;
            if (auto id = r.id(item, p)) {
                a.id = *id;
                r.unique(ids, *id, p + "/id");
            }
            a.name = r.text(item, p, "name");
            if (auto m = r.money(item, p, "budget")) a.budget = *m;
            sum += a.budget;
            b.areas.push_back(std::move(a));
        });
        if (b.areas.empty()) {
            r.add("ballot.no_areas", "/areas", "areas, when given, must list at least one area");
            return;
        }
        if (budget_given && sum != b.budget)
            r.add("ballot.area_budgets", "/budget",
                  "the areas' budgets add up to " + format_pounds(sum) + ", not the ballot's " + format_pounds(b.budget));
        b.budget = sum;
    }

    void projects(const json& root) {
        std::map<std::string, std::string> ids;
        r.each_object(root, "projects", true, [&](const json& item, const std::string& p) {
            r.check_fields(item, p, {"id", "name", "description", "cost", "category", "area"});
            Project pr;
            if (auto id = r.id(item, p)) {
                pr.id = *id;
                r.unique(ids, *id, p + "/id");
            }
            pr.name = r.text(item, p, "name");
            pr.description = r.text(item, p, "description", false);
            if (auto c = r.money(item, p, "cost")) pr.cost = *c;
            if (auto c = r.string(item, p, "category", false)) pr.category = *c;
            if (auto a = r.string(item, p, "area", !b.areas.empty())) {
                if (b.areas.empty()) r.add("ballot.no_areas", p + "/area", "the ballot has no areas");
                else if (!b.find_area(*a)) r.add("ballot.unknown_area", p + "/area", "unknown area " + in_quotes(*a));
                else pr.area = *a;
            }
            const Pence limit = b.budget_of_area(pr.area);
            if (pr.cost > limit)
                r.warn(warnings, "ballot.project_over_budget", p + "/cost",
                       "costs " + format_pounds(pr.cost) + ", more than the budget of " + format_pounds(limit) + ": it can never win");
            b.projects.push_back(std::move(pr));
        });
        if (const json* items = root.find("projects") != root.end() ? &root["projects"] : nullptr; items && items->is_array()) {
            if (items->empty()) r.add("ballot.no_projects", "/projects", "a ballot needs at least one project");
            if (items->size() > kMaxBallotProjects)
                r.add("ballot.too_many_projects", "/projects", "at most " + std::to_string(kMaxBallotProjects) + " projects");
        }
        for (const auto& a : b.areas)
            if (std::none_of(b.projects.begin(), b.projects.end(), [&](const Project& pr) { return pr.area == a.id; }))
                r.add("ballot.empty_area", "/areas", "area " + in_quotes(a.id) + " has no projects");
        if (b.rule == BallotRule::Approval && b.max_projects > static_cast<int>(b.projects.size()) && !b.projects.empty())
            r.warn(warnings, "ballot.max_above_projects", "/ballot/max_projects", "more than the number of projects");
    }
};

}  // namespace

BallotLoad load_ballot(std::string text, const JsonLimits& limits) {
    BallotLoad out;
    JsonDocument doc;
    if (!parse_json(std::move(text), limits, doc, out.problems)) return out;
    const json& root = doc.root();
    if (!root.is_object()) {
        out.problems.push_back(doc.problem("ballot.wrong_type", "", "a ballot file is a JSON object"));
        return out;
    }
    BallotLoader l{Reader(doc, out.problems, "ballot"), Ballot{}, {}};
    l.header(root);
    if (!l.budget_given && !root.contains("areas"))
        l.r.add(l.r.code("missing_field"), "/budget", "missing required field \"budget\"");
    l.ballot_rule(root);
    std::map<std::string, std::string> area_ids;
    l.areas(root, area_ids);
    l.projects(root);
    out.warnings = std::move(l.warnings);
    if (out.problems.empty()) out.ballot = std::move(l.b);
    return out;
}

namespace {

using ordered = nlohmann::ordered_json;

ordered text_json(const LocalText& t, bool bilingual) {
    if (!bilingual) return t.en;
    return ordered{{"en", t.en}, {"cy", t.cy}};
}

}  // namespace

std::string ballot_json(const Ballot& b) {
    const bool cy = b.bilingual();
    ordered root = {{"format", "pb-ballot"}, {"format_version", kBallotFormatVersion}, {"id", b.id}, {"version", b.version},
                 {"languages", b.languages}};
    if (!b.council.en.empty()) root["council"] = text_json(b.council, cy);
    root["title"] = text_json(b.title, cy);
    if (!b.description.en.empty()) root["description"] = text_json(b.description, cy);
    root["currency"] = b.currency;
    if (b.areas.empty()) root["budget"] = pounds_decimal(b.budget);
    ordered rule = {{"type", b.rule == BallotRule::Approval ? "approval" : "knapsack"}, {"min_projects", b.min_projects}};
    if (b.max_projects > 0) rule["max_projects"] = b.max_projects;
    if (b.min_share_bp > 0) rule["min_share_percent"] = static_cast<double>(b.min_share_bp) / 100.0;
    root["ballot"] = rule;
    root["counting"] = counting_rule_id(b.counting);
    if (b.counting == CountingRule::EqualShares && b.completion != Completion::Add1) root["completion"] = completion_id(b.completion);
    root["results_public"] = b.results_public;
    if (b.codes_required) root["codes_required"] = true;
    if (b.opens_at) root["opens_at"] = format_utc(*b.opens_at);
    if (b.closes_at) root["closes_at"] = format_utc(*b.closes_at);
    if (!b.areas.empty()) {
        ordered areas = ordered::array();
        for (const auto& a : b.areas) areas.push_back({{"id", a.id}, {"name", text_json(a.name, cy)}, {"budget", pounds_decimal(a.budget)}});
        root["areas"] = areas;
    }
    ordered projects = ordered::array();
    for (const auto& p : b.projects) {
        ordered j = {{"id", p.id}, {"name", text_json(p.name, cy)}};
        if (!p.description.en.empty()) j["description"] = text_json(p.description, cy);
        j["cost"] = pounds_decimal(p.cost);
        if (!p.category.empty()) j["category"] = p.category;
        if (!p.area.empty()) j["area"] = p.area;
        projects.push_back(j);
    }
    root["projects"] = projects;
    if (!b.pabulib_meta.empty()) {
        ordered meta = ordered::object();
        for (const auto& [k, v] : b.pabulib_meta) meta[k] = v;
        root["pabulib_meta"] = meta;
    }
    return root.dump(2, ' ', false, ordered::error_handler_t::replace) + "\n";
}

}  // namespace budget
