// The public results cache: an incremental aggregate per public budget, refreshed off the I/O threads.
#include "results_cache.h"

#include <nlohmann/json.hpp>

#include "exports.h"
#include "log.h"

namespace server {

using nlohmann::json;

std::string results_json(const budget::Budget& b, const budget::Aggregator& agg) {
    json services = json::array();
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (b.services[i].locked) continue;
        const budget::LeverSummary s = agg.service(i);
        services.push_back({{"id", b.services[i].id}, {"name", b.services[i].name.en}, {"name_cy", b.services[i].name.in("cy")},
                            {"mean_percent", budget::format_fixed(s.mean_centi_bp, 4)},
                            {"median_percent", budget::format_fixed(s.median_qbp * 25, 4)}});
    }
    auto uptake = [&](const auto& options, auto count) {
        json list = json::array();
        for (std::size_t i = 0; i < options.size(); ++i) list.push_back({{"id", options[i].id}, {"count", count(i)}});
        return list;
    };
    const json body = {{"budget", {{"id", b.id}, {"version", b.version}}},
                       {"count", agg.count()},
                       {"services", services},
                       {"efficiencies", uptake(b.efficiencies, [&](std::size_t i) { return agg.efficiency_uptake(i); })},
                       {"income", uptake(b.incomes, [&](std::size_t i) { return agg.income_uptake(i); })},
                       {"council_tax_median_percent", budget::format_fixed(agg.council_tax().median_qbp * 25, 4)}};
    return body.dump(-1, ' ', false, json::error_handler_t::replace);
}

ResultsCache::ResultsCache(const std::map<std::string, budget::Budget>& budgets, Storage& storage, std::chrono::milliseconds period)
    : storage_(storage), period_(period) {
    for (const auto& [id, b] : budgets)
        if (b.results_public) entries_.emplace(id, std::make_unique<Entry>(b));
    thread_ = std::thread([this] { run(); });
}

ResultsCache::~ResultsCache() { stop(); }

void ResultsCache::stop() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const std::string> ResultsCache::get(const std::string& budget_id) const {
    const auto it = entries_.find(budget_id);
    if (it == entries_.end()) return nullptr;
    std::lock_guard<std::mutex> lock(mutex_);
    return it->second->body;
}

void ResultsCache::refresh(Entry& e) {
    std::string error;
    std::int64_t last = e.last_row;
    // On failure part of a scan may have been added; start again from nothing next time.
    if (!aggregate_since(storage_, e.budget, e.last_row, *e.aggregate, last, error)) {
        log_line("results for " + e.budget.id + " not refreshed: " + error);
        e.aggregate.emplace(e.budget);
        e.last_row = 0;
        return;
    }
    if (last == e.last_row && e.body) return;  // nothing new
    e.last_row = last;
    auto body = std::make_shared<const std::string>(results_json(e.budget, *e.aggregate));
    std::lock_guard<std::mutex> lock(mutex_);
    e.body = std::move(body);
}

void ResultsCache::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        for (auto& [id, e] : entries_) refresh(*e);
        lock.lock();
        wake_.wait_for(lock, period_, [this] { return stopping_; });
    }
}

}  // namespace server
