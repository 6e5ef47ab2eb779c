// The public results cache: an incremental aggregate per public budget, refreshed off the I/O threads.
#include "results_cache.h"

#include <tuple>

#include <nlohmann/json.hpp>

#include "exports.h"
#include "log.h"

namespace server {

using nlohmann::json;

std::string results_json(const budget::Budget& b, const budget::Aggregator& agg, const std::vector<PublicComment>& comments,
                         std::int64_t threshold) {
    const auto responses = static_cast<std::int64_t>(agg.count());
    if (responses < threshold) {
        const json held = {{"budget", {{"id", b.id}, {"version", b.version}}}, {"count", responses}, {"suppressed", true}, {"threshold", threshold}};
        return held.dump(-1, ' ', false, json::error_handler_t::replace);
    }
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
    // Residents' ratings: the share positive with its 95% Wilson interval from 10 ratings; fewer, suppressed.
    const auto share_json = [](const budget::RatingCount& c) {
        const auto s = budget::published_share(c);
        if (!s) return json{{"suppressed", true}};
        return json{{"rated", s->rated}, {"positive", s->positive}, {"percent", budget::format_fixed(s->share_tenths, 1)},
                    {"low_percent", budget::format_fixed(s->low_tenths, 1)}, {"high_percent", budget::format_fixed(s->high_tenths, 1)}};
    };
    json rated_groups = json::array(), rated_council = json::array();
    for (std::size_t g = 0; g < b.groups.size(); ++g) {
        json item = share_json(agg.ratings().groups[g]);
        item["id"] = b.groups[g].id;
        rated_groups.push_back(std::move(item));
    }
    for (std::size_t q = 0; q < budget::perception_questions().size(); ++q) {
        json item = share_json(agg.ratings().perception[q]);
        item["id"] = budget::perception_questions()[q].id;
        rated_council.push_back(std::move(item));
    }
    const json body = {{"budget", {{"id", b.id}, {"version", b.version}}},
                       {"count", agg.count()},
                       {"services", services},
                       {"efficiencies", uptake(b.efficiencies, [&](std::size_t i) { return agg.efficiency_uptake(i); })},
                       {"income", uptake(b.incomes, [&](std::size_t i) { return agg.income_uptake(i); })},
                       {"council_tax_median_percent", budget::format_fixed(agg.council_tax().median_qbp * 25, 4)},
                       {"ratings", {{"services", rated_groups}, {"council", rated_council}}}};
    if (!b.comments_public) return body.dump(-1, ' ', false, json::error_handler_t::replace);
    json published = json::array();
    for (const auto& c : comments) {
        json item = {{"about", c.about}, {"text", c.text}};
        if (const auto svc = b.find_service(c.about)) {
            item["about_name"] = b.services[*svc].name.en;
            item["about_name_cy"] = b.services[*svc].name.in("cy");
        }
        published.push_back(std::move(item));
    }
    json with_comments = body;
    with_comments["comments"] = std::move(published);
    return with_comments.dump(-1, ' ', false, json::error_handler_t::replace);
}

ResultsCache::ResultsCache(const BudgetRegistry& budgets, storage::Storage& storage, storage::OfficerStore* officers, const ResultsThresholds* thresholds,
                           std::chrono::milliseconds period)
    : budgets_(budgets), storage_(storage), officers_(officers), thresholds_(thresholds), period_(period) {
    thread_ = std::thread([this] { run(); });
}

void ResultsCache::follow_versions() {
    const auto set = budgets_.get();
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end();) {
        const BudgetEdition* e = set->find(it->first);
        if (!e || !e->budget->results_public) it = entries_.erase(it);
        else ++it;
    }
    for (const auto& [id, edition] : set->current) {
        if (!edition.budget->results_public) continue;
        const auto it = entries_.find(id);
        if (it == entries_.end() || it->second->budget != edition.budget) entries_[id] = std::make_shared<Entry>(edition.budget);
    }
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
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = entries_.find(budget_id);
    if (it == entries_.end()) return nullptr;
    return it->second->body;
}

void ResultsCache::refresh(Entry& e) {
    std::string error;
    const budget::Budget& b = *e.budget;
    // A response erased: count every stored row again.
    const std::uint64_t erasures = officers_ ? officers_->erasure_version() : 0;
    const bool recount = erasures != e.erasures_seen;
    if (recount) {
        e.aggregate.emplace(b);
        e.mark = storage::ScanMark{};
        e.erasures_seen = erasures;
    }
    const std::int64_t rows_before = e.mark.rows_read;
    // On failure part of a scan may have been added; start again from nothing next time.
    if (!storage::aggregate_since(storage_, b, e.mark, *e.aggregate, error)) {
        log_line("results for " + b.id + " not refreshed: " + error);
        e.aggregate.emplace(b);
        e.mark = storage::ScanMark{};
        e.body_stale = true;
        return;
    }
    if (e.mark.rows_read != rows_before) e.body_stale = true;
    const std::uint64_t moderation = officers_ ? officers_->moderation_version() : 0;
    const std::uint64_t thresholds = thresholds_ ? thresholds_->version() : 0;
    if (!recount && !e.body_stale && e.body && moderation == e.moderation_seen && thresholds == e.thresholds_seen) return;  // nothing new
    const std::int64_t threshold = thresholds_ ? thresholds_->get(b.id) : kMinPublicResponses;
    const bool shown = static_cast<std::int64_t>(e.aggregate->count()) >= threshold;
    std::vector<PublicComment> comments;
    if (shown && b.comments_public && !published_comments(b, comments)) return;  // tried again next time
    e.body_stale = false;
    e.moderation_seen = moderation;
    e.thresholds_seen = thresholds;
    auto body = std::make_shared<const std::string>(results_json(b, *e.aggregate, comments, threshold));
    auto ratings = std::make_shared<const budget::RatingTally>(e.aggregate->ratings());
    std::function<void(const std::string&, std::int64_t, const std::shared_ptr<const std::string>&)> listener;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        e.body = body;
        e.ratings = std::move(ratings);
        e.published_row = e.mark.rows_read;
        listener = listener_;
    }
    if (listener) listener(b.id, e.mark.rows_read, body);
}

std::shared_ptr<const budget::RatingTally> ResultsCache::ratings(const std::string& budget_id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto found = entries_.find(budget_id);
    return found == entries_.end() ? nullptr : found->second->ratings;
}

void ResultsCache::poke() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        poked_ = true;
    }
    wake_.notify_all();
}

// The results thread starts in the constructor, so it may have published some budgets' results before
// a listener is given (under load it did: a tally then waited for ever for its first figures). The
// new listener is told every result made so far; the event hub ignores what it has already seen.
void ResultsCache::on_update(std::function<void(const std::string&, std::int64_t, const std::shared_ptr<const std::string>&)> listener) {
    std::vector<std::tuple<std::string, std::int64_t, std::shared_ptr<const std::string>>> made;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        listener_ = listener;
        for (const auto& [id, e] : entries_)
            if (e->body) made.emplace_back(id, e->published_row, e->body);
    }
    if (listener)
        for (const auto& [id, row, body] : made) listener(id, row, body);
}

// The newest comments no officer has hidden, and where the consultation checks them first, approved.
bool ResultsCache::published_comments(const budget::Budget& b, std::vector<PublicComment>& out) {
    storage::HiddenComments hidden;
    std::string error;
    if (b.comment_moderation == budget::CommentModeration::BeforePublishing) {
        if (!officers_) return true;  // no moderation store: nothing was approved
        const bool ok = officers_->newest_approved_comments(b.id, kPublishedComments,
                                                                        [&](const std::string&, const std::string& about, const std::string& text) {
                                                                            out.push_back({about, text});
                                                                        },
                                                                        error);
        if (!ok) log_line("comments for " + b.id + " not published: " + error);
        return ok;
    }
    if (officers_ && !officers_->hidden_comments(b.id, hidden, error)) {
        log_line("comments for " + b.id + " not published: " + error);
        return false;
    }
    const bool ok = storage_.latest_comments(b.id, kPublishedComments + hidden.size(),
                                             [&](const std::string& id, const std::string& about, const std::string& text) {
                                                 if (out.size() < kPublishedComments && !hidden.count({id, about}))
                                                     out.push_back({about, text});
                                             },
                                             error);
    if (!ok) log_line("comments for " + b.id + " not published: " + error);
    return ok;
}

void ResultsCache::run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_) {
        lock.unlock();
        follow_versions();
        std::vector<std::shared_ptr<Entry>> entries;
        {
            std::lock_guard<std::mutex> copy(mutex_);
            for (const auto& [id, e] : entries_) entries.push_back(e);
        }
        for (auto& e : entries) refresh(*e);
        lock.lock();
        // Under a stream of submissions each one pokes: refreshing at most every quarter second
        // leaves the cores and the database to the writer (re-reading after every commit held the
        // writer's commits to a third of SQLite's speed).
        wake_.wait_for(lock, std::min(period_, std::chrono::milliseconds(250)), [this] { return stopping_; });
        wake_.wait_for(lock, period_, [this] { return stopping_ || poked_; });
        poked_ = false;
    }
}

}  // namespace server
