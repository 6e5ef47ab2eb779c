// When each consultation takes responses: the budget file's opens_at/closes_at, or an officer's
// change from the console (stored in the database). Decides whether a submission is in time.
#pragma once
#include "budget_registry.h"
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "budget.h"
#include "officer_store.h"

namespace server {

// A submission queued on the resident's device before the close (its Budget-Queued-At header) is
// still taken if it arrives within this long after the close: 72 hours, enough for a phone that
// was offline over a weekend.
constexpr std::int64_t kCloseGraceSeconds = 72 * 3600;

struct ConsultationWindow {
    std::optional<std::int64_t> opens_at, closes_at;
    bool changed_by_officer = false;
    std::string changed_by, changed_at;
};

enum class ConsultationState { Open, NotOpen, Closed };
const char* state_id(ConsultationState s);  // "open", "not_open", "closed"

class ConsultationWindows {
public:
    // Starts from the budgets' own dates, then the officers' changes in `store` (may be null).
    bool load(const BudgetSet& budgets, storage::OfficerStore* store, std::string& error);
    // The officers' changes read again (another server on the database made one).
    bool reload(std::string& error);
    // A newly published version's own dates replace the old version's (an officer's change still wins).
    void published(const budget::Budget& b);
    ConsultationWindow get(const std::string& budget_id) const;
    ConsultationState state(const std::string& budget_id, std::int64_t now) const;
    // Whether a submission arriving `now` is taken; `queued_at` is the client's time, if it sent one.
    // On refusal: the error code and message for the 403.
    bool accepts(const std::string& budget_id, std::int64_t now, std::optional<std::int64_t> queued_at, std::string& code,
                 std::string& message) const;
    // An officer's change (written to the database first), or back to the budget file's dates.
    bool change(const std::string& budget_id, const storage::WindowOverride& w, std::string& error);
    bool reset(const std::string& budget_id, std::string& error);

private:
    storage::OfficerStore* store_ = nullptr;
    std::map<std::string, ConsultationWindow> from_files_;
    mutable std::mutex mutex_;
    std::map<std::string, ConsultationWindow> windows_;
};

}  // namespace server
