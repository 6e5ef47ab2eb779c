// Published versions from the database into the budget and profile registries.
#include "published_versions.h"

#include <algorithm>

#include "budget_loader.h"
#include "log.h"
#include "council_profile.h"

namespace server {

bool adopt_published_versions(BudgetRegistry& budgets, report::ProfileRegistry& profiles, ConsultationWindows* windows,
                              storage::OfficerStore& officers, std::string& error) {
    std::vector<storage::PublishedVersion> published;
    if (!officers.versions(storage::DocumentKind::Budget, published, error)) return false;
    std::vector<storage::StartedConsultation> started;
    if (!officers.started_consultations(started, error)) return false;
    const auto started_here = [&](const std::string& id) {
        return std::any_of(started.begin(), started.end(), [&](const storage::StartedConsultation& s) { return s.id == id; });
    };
    for (auto& v : published) {
        const auto set = budgets.get();
        if (set->find(v.document_id, v.version)) continue;  // held already
        budget::BudgetLoad l = budget::load_budget(v.document_json);
        if (!l.budget || l.budget->id != v.document_id || (!set->find(v.document_id) && !started_here(v.document_id))) {
            log_line("warning: published version " + std::to_string(v.version) + " of " + v.document_id +
                     " is not loaded (its budget file is gone, or it no longer passes the checks)");
            continue;
        }
        log_line("budget " + v.document_id + " v" + std::to_string(v.version) + " (published by " + v.published_by + ")");
        const budget::Budget copy = *l.budget;
        BudgetEdition edition = budgets.edition(std::move(*l.budget), std::move(v.document_json), v.published_by, v.published_at);
        edition.restored_from = v.restored_from;
        budgets.add(std::move(edition));
        // Its own dates replace the old version's once it is current (an officer's change still wins).
        if (windows) {
            const BudgetEdition* now_current = budgets.get()->find(v.document_id);
            if (now_current && now_current->budget->version == copy.version) windows->published(copy);
        }
    }
    std::vector<storage::PublishedVersion> published_profiles;
    if (!officers.versions(storage::DocumentKind::Profile, published_profiles, error)) return false;
    for (auto& v : published_profiles) {
        const auto held = profiles.get();
        if (const auto source = held->sources.find(v.document_id); source != held->sources.end() && source->second.version >= v.version) continue;
        budget::ProfileLoad l = budget::load_profile(v.document_json);
        if (!l.profile || l.profile->id != v.document_id) {
            log_line("warning: published version " + std::to_string(v.version) + " of the profile " + v.document_id +
                     " is not loaded (it no longer passes the checks)");
            continue;
        }
        log_line("council profile " + v.document_id + " v" + std::to_string(v.version) + " (published by " + v.published_by + ")");
        profiles.put(std::move(*l.profile), {std::move(v.document_json), v.version, v.published_by, v.published_at});
        budgets.repack_naming(v.document_id);
    }
    return true;
}

}  // namespace server
