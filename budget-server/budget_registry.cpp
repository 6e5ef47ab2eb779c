// Budget snapshots: copy-on-publish maps of shared, immutable editions.
#include "budget_registry.h"

#include <cstdio>

#include "budget_pack.h"
#include "byte_codec.h"
#include "http_rules.h"

namespace server {

const BudgetEdition* BudgetSet::find(const std::string& id) const {
    const auto it = current.find(id);
    return it == current.end() ? nullptr : &it->second;
}

const BudgetEdition* BudgetSet::find(const std::string& id, std::int64_t version) const {
    const auto it = versions.find(id);
    if (it == versions.end()) return nullptr;
    const auto v = it->second.find(version);
    return v == it->second.end() ? nullptr : &v->second;
}

std::shared_ptr<const BudgetSet> BudgetRegistry::get() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return set_;
}

namespace {
// The core's intake list of every version, newest first, pointing into `set`'s editions.
void list_published(BudgetSet& set) {
    set.published.consultations.clear();
    for (const auto& [each, versions] : set.versions) {
        auto& newest_first = set.published.consultations.emplace_back();
        for (auto v = versions.rbegin(); v != versions.rend(); ++v) newest_first.push_back(v->second.budget.get());
    }
}
}  // namespace

void BudgetRegistry::add(BudgetEdition edition) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto next = std::make_shared<BudgetSet>(*set_);
    const std::string id = edition.budget->id;
    const std::int64_t version = edition.budget->version;
    const auto cur = next->current.find(id);
    if (cur == next->current.end() || cur->second.budget->version < version) next->current[id] = edition;
    next->versions[id][version] = std::move(edition);
    list_published(*next);
    set_ = std::move(next);
}

void BudgetRegistry::repack_naming(const std::string& profile) {
    std::vector<BudgetEdition> remade;  // made outside the lock: edition() takes it for the hook
    for (const auto& [id, versions] : get()->versions)
        for (const auto& [version, e] : versions)
            if (e.budget->profile == profile) remade.push_back(edition(*e.budget, e.json, e.published_by, e.published_at));
    std::lock_guard<std::mutex> lock(mutex_);
    auto next = std::make_shared<BudgetSet>(*set_);
    for (auto& e : remade) {
        const std::string id = e.budget->id;
        const std::int64_t version = e.budget->version;
        if (const auto cur = next->current.find(id); cur != next->current.end() && cur->second.budget->version == version) cur->second = e;
        next->versions[id][version] = std::move(e);
    }
    list_published(*next);
    set_ = std::move(next);
}

void BudgetRegistry::set_before_pack(std::function<void(budget::Budget&)> hook) {
    std::lock_guard<std::mutex> lock(mutex_);
    before_pack_ = std::move(hook);
}

BudgetEdition BudgetRegistry::edition(budget::Budget b, std::string json, std::string published_by, std::string published_at) const {
    std::function<void(budget::Budget&)> hook;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        hook = before_pack_;
    }
    if (hook) hook(b);
    return make_edition(std::move(b), std::move(json), std::move(published_by), std::move(published_at));
}

BudgetEdition make_edition(budget::Budget b, std::string json, std::string published_by, std::string published_at) {
    BudgetEdition e;
    e.pack = budget::pack_budget(b);
    char etag[24];
    std::snprintf(etag, sizeof etag, "\"%016llx\"", static_cast<unsigned long long>(budget::fnv1a(e.pack)));
    e.etag = etag;
    e.brotli = brotli_compressed(e.pack);
    e.budget = std::make_shared<const budget::Budget>(std::move(b));
    e.json = std::move(json);
    e.published_by = std::move(published_by);
    e.published_at = std::move(published_at);
    return e;
}

}  // namespace server
