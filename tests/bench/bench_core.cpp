// Core benchmarks: re-simulating a 60-line budget after one lever change, and aggregating
// submissions from JSON lines on one core. Prints the figures; asserts nothing.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "aggregation.h"
#include "budget_loader.h"
#include "sample.h"
#include "simulation.h"
#include "submission.h"
#include "support.h"

using namespace budget;
using Clock = std::chrono::steady_clock;

using test::read_text;

namespace {

// The county example widened to 60 service lines (copies of its unlocked lines, renamed).
Budget sixty_line_budget() {
    nlohmann::json doc = nlohmann::json::parse(read_text(std::string(BUDGETS_DIR) + "/northmoor-county-2026.json"));
    auto& services = doc["services"];
    const std::size_t original = services.size();
    for (std::size_t copy = 1; services.size() < 60; ++copy) {
        for (std::size_t i = 0; i < original && services.size() < 60; ++i) {
            if (services[i].value("locked", false)) continue;
            nlohmann::json s = services[i];
            s["id"] = s["id"].get<std::string>() + "-" + std::to_string(copy);
            s["baseline"] = 1000000;
            services.push_back(s);
        }
    }
    Pence total = 0;
    for (const auto& s : services)
        total += s["baseline"].is_string() ? *parse_pounds(s["baseline"].get<std::string>()) : s["baseline"].get<Pence>() * 100;
    const Pence added = total - *parse_pounds(doc["total_net_budget"].is_string() ? doc["total_net_budget"].get<std::string>()
                                                                                  : std::to_string(doc["total_net_budget"].get<Pence>()));
    doc["total_net_budget"] = pounds_decimal(total);
    doc["gap_to_close"] = pounds_decimal(*parse_pounds(doc["gap_to_close"].get<std::string>()) + added);
    BudgetLoad l = load_budget(doc.dump());
    if (!l.budget) {
        for (const auto& p : l.problems) std::fprintf(stderr, "%s\n", format_problem(p, "60-line").c_str());
        std::exit(1);
    }
    return *l.budget;
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

int main() {
    const Budget b60 = sixty_line_budget();
    std::printf("budget: %zu services, %zu indicators, %zu options\n", b60.services.size(), b60.kpis.size(),
                b60.efficiencies.size() + b60.incomes.size());

    // 1. One lever change, then a full re-simulation into a reused Outcome.
    Choices c = default_choices(b60);
    Outcome o;
    simulate(b60, c, o);
    const std::size_t lever = 9;
    const Service& s = b60.services[lever];
    const int iterations = 2'000'000;
    std::int64_t checksum = 0;
    auto t = Clock::now();
    for (int i = 0; i < iterations; ++i) {
        c.service_bp[lever] = static_cast<BasisPoints>(s.min_bp + (i % ((s.max_bp - s.min_bp) / s.step_bp + 1)) * s.step_bp);
        simulate(b60, c, o);
        checksum += o.remaining_gap;
    }
    const double sim_s = seconds_since(t);
    std::printf("simulate after one lever change (60 lines): %.3f us per run (%d runs, checksum %lld)\n",
                sim_s / iterations * 1e6, iterations, static_cast<long long>(checksum % 1000));

    // 2. Aggregation from JSON lines: validate (re-simulate) and add, one core.
    const Budget county = [] {
        BudgetLoad l = load_budget(read_text(std::string(BUDGETS_DIR) + "/northmoor-county-2026.json"));
        return *l.budget;
    }();
    std::vector<std::string> lines;
    const std::size_t n = 200'000;
    lines.reserve(n);
    sample_submissions(county, n, 11, [&](const std::string& line) { lines.push_back(line); });
    std::size_t bytes = 0;
    for (const auto& line : lines) bytes += line.size() + 1;
    Aggregator agg(county);
    t = Clock::now();
    for (auto& line : lines) {
        SubmissionCheck check = validate_submission(county, std::move(line));
        if (check.ok) agg.add(check.submission, check.outcome);
        else agg.reject();
    }
    const double agg_s = seconds_since(t);
    std::printf("aggregate from JSON lines: %zu submissions (%.1f MB) in %.3f s = %.0f submissions/s (rejected %llu)\n", n,
                static_cast<double>(bytes) / 1e6, agg_s, static_cast<double>(n) / agg_s,
                static_cast<unsigned long long>(agg.rejected()));
    return 0;
}
