// Publishing a budget safely: what a draft changes against the live version, confirmed before it
// goes live; a publish scheduled for a time; and a rollback to the previous version in one step.
#include "console.h"

#include "budget_loader.h"
#include "log.h"
#include "page.h"
#include "utc_time.h"
#include "version_changes.h"

namespace server::console {

namespace {

#define N_(english) english

std::string signed_pounds(budget::Pence amount) { return (amount > 0 ? "+" : "") + budget::format_pounds(amount); }

std::string range_words(budget::BasisPoints min, budget::BasisPoints max) {
    return budget::format_bp_as_percent(min) + " … " + (max > 0 ? "+" : "") + budget::format_bp_as_percent(max);
}

}  // namespace

Console::PublishOutcome Console::publish_version(const storage::DocumentDraft& draft, const std::string& officer, std::int64_t& version) {
    const std::shared_ptr<const BudgetSet> budgets = config_.budgets->get();
    const BudgetEdition* current = budgets->find(draft.document_id);
    // A consultation started in the console has no version yet: its first is version 1.
    if ((!current && !started_here(draft.document_id, nullptr)) || !draft.ok || draft.published_version) return PublishOutcome::Refused;
    version = current ? current->budget->version + 1 : 1;
    // The draft becomes the next version: its version number is set here, and it is checked again.
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(draft.document_json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return PublishOutcome::Refused;
    doc["version"] = version;
    std::string text = doc.dump(2) + "\n";
    budget::BudgetLoad l = budget::load_budget(text);
    if (!l.budget) return PublishOutcome::Refused;
    std::string error;
    const storage::StoreStatus s = officers_.add_version(storage::DocumentKind::Budget, draft.document_id, version, text, officer, draft.id, error);
    if (s == storage::StoreStatus::Unavailable) {
        log_line("console: version not stored: " + error);
        return PublishOutcome::Unavailable;
    }
    if (s != storage::StoreStatus::Ok) return PublishOutcome::Conflict;
    const budget::Budget published = *l.budget;
    config_.budgets->add(config_.budgets->edition(std::move(*l.budget), std::move(text), officer, budget::format_utc(now_seconds())));
    if (config_.windows) config_.windows->published(published);
    return PublishOutcome::Published;
}

Response Console::publish_confirm(Context& c, const storage::DocumentDraft& draft, int status, const PublishRetry* retry) {
    const BudgetEdition* current = c.budgets->find(draft.document_id);
    const budget::BudgetLoad next = budget::load_budget(draft.document_json);
    if (!next.budget) return draft_page(c, draft, 409, tr(c, "This draft cannot be published: it has problems, or it is published already."));
    // Nothing live yet (a consultation started here): every line is new, against an empty budget.
    const budget::Budget nothing_live = [] {
        budget::Budget b;
        b.version = 0;
        return b;
    }();
    const budget::Budget& live = current ? *current->budget : nothing_live;
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    const std::string to_version = std::to_string(live.version + 1);
    const std::string heading = fill(tr(c, "Publish draft {number} as version {version}?"), {{"number", std::to_string(draft.id)}, {"version", to_version}});
    Page page(templates_, c, "publish.tpl", heading);
    if (current) page.council(live);
    auto& d = page.body();
    d.SetValue("HEADING", heading);
    d.SetValue("CHANGES_HEADING", current ? fill(tr(c, "What changes against version {version}"), {{"version", std::to_string(live.version)}})
                                          : tr(c, "What residents will see"));
    d.SetValue("PUBLISH_BUTTON", fill(tr(c, "Publish version {version}"), {{"version", to_version}}));
    d.SetValue("ID", draft.document_id);
    d.SetValue("NUMBER", std::to_string(draft.id));
    d.SetValue("FILE", draft.source_name);
    d.SetValue("COUNCIL", current ? live.council_name.in(language) : draft.document_id);
    d.SetValue("COUNCIL_HREF", current ? "/console/budgets/" + draft.document_id : "/console/budgets/" + draft.document_id + "/budget");
    d.SetValue("LIVE_VERSION", std::to_string(live.version));
    d.SetValue("NEXT_VERSION", to_version);
    budget::Budget numbered = *next.budget;
    numbered.version = live.version + 1;
    const budget::VersionChanges changes = budget::version_changes(live, numbered);
    const auto total_row = [&](const char* label, const budget::TotalChange& t) {
        auto* row = d.AddSectionDictionary("TOTAL_ROW");
        row->SetValue("LABEL", tr(c, label));
        row->SetValue("BEFORE", budget::format_pounds(t.before));
        row->SetValue("AFTER", budget::format_pounds(t.after));
        row->SetValue("CHANGE", t.changed() ? signed_pounds(t.after - t.before) : tr(c, "no change"));
    };
    total_row(N_("Net budget (all services)"), changes.net_budget);
    total_row(N_("Funding, with council tax"), changes.funding);
    total_row(N_("Gap to close"), changes.gap);
    total_row(N_("Band D council tax"), changes.band_d);
    for (const budget::LineChange& l : changes.lines) {
        auto* row = d.AddSectionDictionary("LINE_ROW");
        row->SetValue("NAME", l.name.in(language));
        row->SetValue("KIND", l.line == budget::LineKind::Service ? tr(c, "Service")
                              : l.line == budget::LineKind::Saving ? tr(c, "Saving option")
                              : l.line == budget::LineKind::Income ? tr(c, "Income option")
                                                                   : tr(c, "Funding"));
        std::string what;
        switch (l.change) {
            case budget::ChangeKind::Added: what = tr(c, "Added"); break;
            case budget::ChangeKind::Removed: what = tr(c, "Removed"); break;
            case budget::ChangeKind::Moved:
                what = fill(tr(c, "Moved from {from} to {to}"), {{"from", l.from_group.in(language)}, {"to", l.to_group.in(language)}});
                break;
            case budget::ChangeKind::Amount: what = tr(c, "Amount changed"); break;
            case budget::ChangeKind::Range:
                what = fill(tr(c, "Residents' range changed from {from} to {to}"),
                            {{"from", range_words(l.min_before, l.max_before)}, {"to", range_words(l.min_after, l.max_after)}});
                break;
            case budget::ChangeKind::Locked: what = tr(c, "Now locked: residents cannot change it"); break;
            case budget::ChangeKind::Unlocked: what = tr(c, "Now unlocked: residents can change it"); break;
        }
        row->SetValue("WHAT", what);
        const bool money = l.change == budget::ChangeKind::Added || l.change == budget::ChangeKind::Removed || l.change == budget::ChangeKind::Amount;
        row->SetValue("BEFORE", l.change == budget::ChangeKind::Added ? "–" : budget::format_pounds(l.before));
        row->SetValue("AFTER", l.change == budget::ChangeKind::Removed ? "–" : budget::format_pounds(l.after));
        row->SetValue("CHANGE", money ? signed_pounds(l.after - l.before) : tr(c, "no change"));
    }
    if (changes.lines.empty()) d.ShowSection("NO_LINE_CHANGES");
    else d.ShowSection("LINE_TABLE");
    const auto flag = [&](bool on, const char* words) {
        if (on) d.AddSectionDictionary("FLAG")->SetValue("TEXT", tr(c, words));
    };
    flag(changes.council_tax_lever_changed, N_("The council tax choices residents have, or the referendum limit, change."));
    flag(changes.tax_base_changed, N_("The council tax base changes."));
    flag(changes.balance_rule_changed, N_("Whether residents must balance the budget changes."));
    flag(changes.dates_changed, N_("The dates in the budget file change (dates set in the console still win)."));
    if (changes.empty()) d.ShowSection("NOTHING_CHANGES");
    if (!current) d.SetValue("LIVE_RESPONSES", tr(c, "Nothing is published yet: residents see this consultation first as version 1."));
    Tally t{budget::Aggregator(current ? live : *next.budget), {}, {}};  // (an aggregator needs a budget with levers)
    std::string error;
    if (current && !tally(live, t, error)) return unavailable(c);
    if (current) d.SetValue("LIVE_RESPONSES", t.agg.count() == 1 ? fill(tr(c, "Residents now see version {version}; 1 response has been made to it. It keeps the version it answered."), {{"version", std::to_string(live.version)}})
                                                    : fill(tr(c, "Residents now see version {version}; {count} responses have been made to it. They keep the version they answered."),
                                                           {{"version", std::to_string(live.version)}, {"count", std::to_string(t.agg.count())}}));
    d.SetValue("PUBLISH_AT_VALUE", retry ? retry->publish_at : "");
    if (retry && retry->later) d.ShowSection("LATER_CHECKED");
    else d.ShowSection("NOW_CHECKED");
    if (retry && !retry->message.empty()) {
        d.AddSectionDictionary("PUBLISH_ERROR")->SetValue("MESSAGE", retry->message);
        d.AddSectionDictionary("PUBLISH_AT_ERROR")->SetValue("MESSAGE", retry->message);
    }
    return page.render(status);
}

Response Console::publish_draft(Context& c, const storage::DocumentDraft& draft) {
    auto form = admin_form(c, draft.document_id, "publishing a budget needs an administrator", tr(c, "Ask an administrator to publish the budget."));
    if (!form) return std::move(form.error);
    if (!draft.ok || draft.published_version) return draft_page(c, draft, 409, tr(c, "This draft cannot be published: it has problems, or it is published already."));
    // Nothing is published until the officer has seen what changes and confirmed it.
    if ((*form)["confirmed"] != "yes") return publish_confirm(c, draft, 200, nullptr);
    std::string error;
    if ((*form)["when"] == "later") {
        PublishRetry retry{(*form)["publish_at"].substr(0, 32), true, ""};
        const std::optional<std::int64_t> at = budget::parse_uk_local(retry.publish_at);
        if (!at) retry.message = tr(c, "Give the date and time to publish, as the form asks; a time the clocks skip when they go forward in March does not exist. Nothing was scheduled.");
        else if (*at <= now_seconds()) retry.message = tr(c, "That time has passed. Give a time still to come, or publish now. Nothing was scheduled.");
        if (!retry.message.empty()) return publish_confirm(c, draft, 400, &retry);
        const storage::StoreStatus s = officers_.schedule_publish({draft.document_id, draft.id, *at, c.session.officer.name, ""}, error);
        if (s == storage::StoreStatus::Unavailable) return unavailable(c);
        if (s == storage::StoreStatus::Exists) {
            retry.message = tr(c, "Another publish is scheduled for this consultation. Cancel it on the budget page first. Nothing was scheduled.");
            return publish_confirm(c, draft, 409, &retry);
        }
        note_schedule_changed();
        audit(c, "budget.publish_scheduled", draft.document_id,
              "draft " + std::to_string(draft.id) + " (" + draft.source_name + ") at " + budget::format_utc(*at));
        return redirect("/console/budgets/" + draft.document_id + "/budget?done=scheduled");
    }
    std::int64_t version = 0;
    switch (publish_version(draft, c.session.officer.name, version)) {
        case PublishOutcome::Unavailable: return unavailable(c);
        case PublishOutcome::Refused: return draft_page(c, draft, 409, tr(c, "This draft cannot be published: it has problems, or it is published already."));
        case PublishOutcome::Conflict:
            return draft_page(c, draft, 409, tr(c, "Someone published another version meanwhile, or this draft is published already. Look at the budget page and try again."));
        case PublishOutcome::Published: break;
    }
    note_schedule_changed();  // a schedule for this draft ended with it
    audit(c, "budget.published", draft.document_id, "version " + std::to_string(version) + " from draft " + std::to_string(draft.id) + " (" + draft.source_name + ")");
    return redirect("/console/budgets/" + draft.document_id + "/budget?done=published");
}

void Console::fill_schedule(Context& c, ctemplate::TemplateDictionary& d, const std::string& id) {
    std::vector<storage::ScheduledPublish> scheduled;
    std::string error;
    if (!officers_.scheduled_publishes(scheduled, error)) return;
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    for (const auto& s : scheduled) {
        if (s.budget_id != id) continue;
        auto* section = d.AddSectionDictionary("SCHEDULED");
        section->SetValue("TEXT", fill(tr(c, "Draft {number} is to be published as the next version on {time}, as {officer} scheduled."),
                                       {{"number", std::to_string(s.draft_id)}, {"time", budget::describe_uk(s.publish_at, language)}, {"officer", s.scheduled_by}}));
        section->SetValue("NUMBER", std::to_string(s.draft_id));
        if (c.admin()) section->ShowSection("CAN_CANCEL");
    }
}

Response Console::cancel_schedule(Context& c, const std::string& id) {
    auto form = admin_form(c, id, "cancelling a scheduled publish needs an administrator", tr(c, "Ask an administrator to cancel the scheduled publish."));
    if (!form) return std::move(form.error);
    std::string error;
    const storage::StoreStatus s = officers_.cancel_publish(id, error);
    if (s == storage::StoreStatus::Unavailable) return unavailable(c);
    if (s == storage::StoreStatus::NotFound) return budget_page(c, id, 409, tr(c, "Nothing was scheduled: it may have been published or cancelled meanwhile."));
    note_schedule_changed();
    audit(c, "budget.schedule_cancelled", id);
    return redirect("/console/budgets/" + id + "/budget?done=cancelled");
}

Response Console::roll_back(Context& c, const std::string& id) {
    auto form = admin_form(c, id, "rolling back needs an administrator", tr(c, "Ask an administrator to roll back the budget."));
    if (!form) return std::move(form.error);
    const std::shared_ptr<const BudgetSet> budgets = config_.budgets->get();
    const BudgetEdition* current = budgets->find(id);
    const auto versions = budgets->versions.find(id);
    if (!current || versions == budgets->versions.end()) return not_found(c);
    const std::int64_t live = current->budget->version;
    const auto previous = versions->second.lower_bound(live);
    if (previous == versions->second.begin()) return budget_page(c, id, 409, tr(c, "There is no earlier version to go back to."));
    const std::int64_t restored = std::prev(previous)->first;
    if ((*form)["expected"] != std::to_string(live))
        return budget_page(c, id, 409, tr(c, "Someone published another version meanwhile. Look at the versions again, then roll back if you still mean to."));
    if ((*form)["confirm"] != "yes")
        return budget_page(c, id, 400, tr(c, "Tick the box to say you mean residents to see the earlier version again. Nothing was changed."));
    // The earlier version's document, numbered as the next version: responses keep the version they answered.
    nlohmann::ordered_json doc = nlohmann::ordered_json::parse(std::prev(previous)->second.json, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return unavailable(c);
    const std::int64_t version = live + 1;
    doc["version"] = version;
    std::string text = doc.dump(2) + "\n";
    budget::BudgetLoad l = budget::load_budget(text);
    if (!l.budget) return budget_page(c, id, 409, tr(c, "The earlier version no longer passes the checks, so it cannot be published again."));
    std::string error;
    const storage::StoreStatus s = officers_.add_restored_version(id, version, text, c.session.officer.name, restored, error);
    if (s == storage::StoreStatus::Unavailable) return unavailable(c);
    if (s != storage::StoreStatus::Ok)
        return budget_page(c, id, 409, tr(c, "Someone published another version meanwhile. Look at the versions again, then roll back if you still mean to."));
    const budget::Budget published = *l.budget;
    BudgetEdition edition = config_.budgets->edition(std::move(*l.budget), std::move(text), c.session.officer.name, budget::format_utc(now_seconds()));
    edition.restored_from = restored;
    config_.budgets->add(std::move(edition));
    if (config_.windows) config_.windows->published(published);
    audit(c, "budget.rolled_back", id, "version " + std::to_string(version) + " repeats version " + std::to_string(restored) + " (was version " + std::to_string(live) + ")");
    return redirect("/console/budgets/" + id + "/budget?done=rolled_back");
}

void Console::note_schedule_changed() {
    std::vector<storage::ScheduledPublish> scheduled;
    std::string error;
    if (!officers_.scheduled_publishes(scheduled, error)) {
        next_due_.store(now_seconds());  // look again on the next tick
        return;
    }
    next_due_.store(scheduled.empty() ? kNothingDue : scheduled.front().publish_at);
}

void Console::publish_due(std::int64_t now) {
    if (now < next_due_.load()) return;
    std::vector<storage::ScheduledPublish> scheduled;
    std::string error;
    if (!officers_.scheduled_publishes(scheduled, error)) {
        log_line("console: scheduled publishes not read: " + error);
        return;
    }
    for (const auto& s : scheduled) {
        if (s.publish_at > now) break;
        storage::DocumentDraft draft;
        const storage::StoreStatus found = officers_.find_draft(storage::DocumentKind::Budget, s.draft_id, draft, error);
        if (found == storage::StoreStatus::Unavailable) return;  // tried again on the next tick
        if (found == storage::StoreStatus::Ok && draft.published_version) continue;  // another server on the database published it
        std::int64_t version = 0;
        const PublishOutcome outcome = found == storage::StoreStatus::Ok && draft.document_id == s.budget_id
                                           ? publish_version(draft, s.scheduled_by, version)
                                           : PublishOutcome::Refused;
        if (outcome == PublishOutcome::Unavailable) return;
        if (outcome == PublishOutcome::Published) {
            officers_.audit(s.scheduled_by, "budget.published", s.budget_id,
                            "version " + std::to_string(version) + " from draft " + std::to_string(draft.id) + " (" + draft.source_name + "), as scheduled", error);
            log_line("console: " + s.budget_id + " v" + std::to_string(version) + " published as scheduled by " + s.scheduled_by);
            continue;
        }
        // The draft is gone, has problems, or is published already: the schedule ends, and the log says why.
        officers_.cancel_publish(s.budget_id, error);
        officers_.audit(s.scheduled_by, "budget.schedule_dropped", s.budget_id,
                        "draft " + std::to_string(s.draft_id) + " could not be published at its time (published already, or another version came first)", error);
    }
    note_schedule_changed();
}

}  // namespace server::console
