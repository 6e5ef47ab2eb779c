// Versions of budgets and council profiles published in the console, brought into the server's
// registries: at start, and again whenever a server on the same database publishes one.
#pragma once
#include <string>

#include "budget_registry.h"
#include "consultation_windows.h"
#include "officer_store.h"
#include "profiles.h"

namespace server {

// Adds every published version the registries lack, saying each in the log. A version whose budget file is gone (and which no console started) or that no longer passes the
// checks is skipped with a warning. False with `error` when the database cannot be read.
bool adopt_published_versions(BudgetRegistry& budgets, report::ProfileRegistry& profiles, ConsultationWindows* windows,
                              storage::OfficerStore& officers, std::string& error);

}  // namespace server
