// Consultation windows: see consultation_windows.h.
#include "consultation_windows.h"

#include "storage.h"
#include "utc_time.h"

namespace server {

const char* state_id(ConsultationState s) {
    return s == ConsultationState::Open ? "open" : s == ConsultationState::NotOpen ? "not_open" : "closed";
}

bool ConsultationWindows::load(const BudgetSet& budgets, storage::OfficerStore* store, std::string& error) {
    store_ = store;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        for (const auto& [id, e] : budgets.current) from_files_[id] = ConsultationWindow{e.budget->opens_at, e.budget->closes_at, false, {}, {}};
    }
    return reload(error);
}

bool ConsultationWindows::reload(std::string& error) {
    std::map<std::string, storage::WindowOverride> changed;
    if (store_ && !store_->windows(changed, error)) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    windows_ = from_files_;
    for (const auto& [id, w] : changed)
        if (windows_.count(id)) windows_[id] = ConsultationWindow{w.opens_at, w.closes_at, true, w.changed_by, w.changed_at};
    return true;
}

ConsultationWindow ConsultationWindows::get(const std::string& budget_id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = windows_.find(budget_id);
    return it == windows_.end() ? ConsultationWindow{} : it->second;
}

ConsultationState ConsultationWindows::state(const std::string& budget_id, std::int64_t now) const {
    const ConsultationWindow w = get(budget_id);
    if (w.opens_at && now < *w.opens_at) return ConsultationState::NotOpen;
    if (w.closes_at && now >= *w.closes_at) return ConsultationState::Closed;
    return ConsultationState::Open;
}

bool ConsultationWindows::accepts(const std::string& budget_id, std::int64_t now, std::optional<std::int64_t> queued_at,
                                  std::string& code, std::string& message) const {
    const ConsultationWindow w = get(budget_id);
    if (w.opens_at && now < *w.opens_at) {
        code = "consultation.not_open";
        message = "this consultation opens on " + budget::describe_uk(*w.opens_at, "en") + "; responses are taken from then";
        return false;
    }
    if (w.closes_at && now >= *w.closes_at) {
        const bool queued_in_time = queued_at && *queued_at < *w.closes_at && (!w.opens_at || *queued_at >= *w.opens_at) &&
                                    now < *w.closes_at + kCloseGraceSeconds;
        if (queued_in_time) return true;
        code = "consultation.closed";
        message = "this consultation closed on " + budget::describe_uk(*w.closes_at, "en") + "; responses are no longer taken";
        return false;
    }
    return true;
}

void ConsultationWindows::published(const budget::Budget& b) {
    std::lock_guard<std::mutex> lock(mutex_);
    from_files_[b.id] = ConsultationWindow{b.opens_at, b.closes_at, false, {}, {}};
    if (!windows_[b.id].changed_by_officer) windows_[b.id] = from_files_[b.id];
}

bool ConsultationWindows::change(const std::string& budget_id, const storage::WindowOverride& w, std::string& error) {
    if (store_ && !store_->set_window(budget_id, w, error)) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    windows_[budget_id] = ConsultationWindow{w.opens_at, w.closes_at, true, w.changed_by, storage::utc_now()};
    return true;
}

bool ConsultationWindows::reset(const std::string& budget_id, std::string& error) {
    if (store_ && !store_->clear_window(budget_id, error)) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    windows_[budget_id] = from_files_[budget_id];
    return true;
}

}  // namespace server
