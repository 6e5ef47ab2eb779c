// The console's administration: officers, their API tokens, and the audit log (page and CSV).
#include "console.h"

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include "across_versions.h"
#include "aggregation.h"
#include "breakdown.h"
#include "charts.h"
#include "choices_codec.h"
#include "csv.h"
#include "exports.h"
#include "forms.h"
#include "page.h"
#include "log.h"
#include "qr_svg.h"
#include "voter_code.h"
#include "utc_time.h"

namespace server::console {

Response Console::officers_page(Context& c, int status, const std::string& notice, const std::string& problem) {
    if (!c.admin()) return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Only administrators can manage officers."));
    std::vector<storage::Officer> officers;
    std::string error;
    if (!officers_.list_officers(officers, error))
        return unavailable(c);
    Page page(templates_, c, "officers.tpl", tr(c, "Officers"));
    auto& d = page.body();
    if (!notice.empty()) d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", notice);
    if (!problem.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    for (const auto& o : officers) {
        auto* row = d.AddSectionDictionary("OFFICER_ROW");
        row->SetValue("NAME", o.name);
        row->SetValue("ROLE", tr(c, storage::role_name(o.role)));
        row->SetValue("ADDED", uk_time(c, o.created_at));
        if (o.name != c.session.officer.name) {  // nobody removes themselves (there is always an admin)
            auto* r = row->AddSectionDictionary("REMOVABLE");
            r->SetValue("CSRF", c.csrf);
            r->SetValue("NAME", o.name);
            r->SetValue("REMOVE_LABEL", fill(tr(c, "Remove {officer}"), {{"officer", o.name}}));
        }
    }
    return page.render(status);
}

Response Console::change_officers(Context& c) {
    auto form = admin_form(c, "officers", "managing officers needs an administrator", tr(c, "Only administrators can manage officers."));
    if (!form) return std::move(form.error);
    const std::string name = (*form)["name"];
    std::string error;
    if (c.path == "/console/officers/remove") {
        if (name == c.session.officer.name) return officers_page(c, 400, "", tr(c, "You cannot remove yourself."));
        const storage::StoreStatus s = officers_.remove_officer(name, error);
        if (s == storage::StoreStatus::Unavailable)
            return unavailable(c);
        if (s == storage::StoreStatus::Ok) audit(c, "officer.removed", name);
        return officers_page(c, s == storage::StoreStatus::Ok ? 200 : 404, s == storage::StoreStatus::Ok ? fill(tr(c, "{officer} can no longer sign in."), {{"officer", name}}) : "",
                             s == storage::StoreStatus::Ok ? "" : tr(c, "There is no officer with that name."));
    }
    const auto role = storage::parse_role((*form)["role"]);
    const std::string password = (*form)["password"];
    const bool name_ok = !name.empty() && name.size() <= 64 && name.front() != ' ' && name.back() != ' ' &&
                         std::none_of(name.begin(), name.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F; });
    if (!name_ok) return officers_page(c, 400, "", tr(c, "A name is 1 to 64 characters, with no spaces at either end."));
    if (!role) return officers_page(c, 400, "", tr(c, "Choose a role."));
    if (const std::string problem = password_problem(name, password); !problem.empty()) return officers_page(c, 400, "", tr(c, problem));
    const std::string hash = hash_password(password);
    const storage::StoreStatus s = hash.empty() ? storage::StoreStatus::Unavailable : officers_.add_officer(name, *role, hash, error);
    if (s == storage::StoreStatus::Exists) return officers_page(c, 400, "", tr(c, "There is already an officer with that name."));
    if (s != storage::StoreStatus::Ok)
        return unavailable(c);
    audit(c, "officer.added", name, std::string("role ") + storage::role_name(*role));
    return officers_page(c, 201, fill(tr(c, "{officer} can now sign in."), {{"officer", name}}), "");
}

Response Console::tokens_page(Context& c, int status, const std::string& notice, const std::string& problem, const std::string& token) {
    if (!c.admin()) return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Only administrators can manage API tokens."));
    std::vector<storage::ApiToken> tokens;
    std::vector<storage::Officer> officers;
    std::string error;
    if (!officers_.list_tokens(tokens, error) || !officers_.list_officers(officers, error))
        return unavailable(c);
    Page page(templates_, c, "tokens.tpl", tr(c, "API tokens"));
    auto& d = page.body();
    if (!token.empty()) d.AddSectionDictionary("NEW_TOKEN")->SetValue("TOKEN", token);
    if (!notice.empty()) d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", notice);
    if (!problem.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    for (const auto& t : tokens) {
        auto* row = d.AddSectionDictionary("TOKEN_ROW");
        row->SetValue("NAME", t.name);
        row->SetValue("OFFICER", t.officer);
        std::string ids;
        for (const auto& b : t.budgets) ids += (ids.empty() ? "" : ", ") + b;
        row->SetValue("BUDGETS", ids);
        row->SetValue("MADE", uk_time(c, t.created_at));
        row->SetValue("USED", t.last_used_at.empty() ? tr(c, "Never") : uk_time(c, t.last_used_at));
        if (t.revoked_at.empty()) {
            auto* live = row->AddSectionDictionary("LIVE");
            live->SetValue("CSRF", c.csrf);
            live->SetIntValue("ID", static_cast<long>(t.id));
            live->SetValue("REVOKE_LABEL", fill(tr(c, "Revoke {token}"), {{"token", t.name}}));
        } else {
            row->AddSectionDictionary("REVOKED")->SetValue("REVOKED_TEXT", fill(tr(c, "Revoked {time}"), {{"time", t.revoked_at.substr(0, 16)}}));
        }
    }
    if (tokens.empty()) d.ShowSection("NO_TOKENS");
    for (const auto& o : officers) d.AddSectionDictionary("OFFICER_OPTION")->SetValue("NAME", o.name);
    for (const auto& [id, edition] : c.budgets->current) {
        auto* option = d.AddSectionDictionary("BUDGET_OPTION");
        option->SetValue("ID", id);
        option->SetValue("COUNCIL", edition.budget->council_name.in(c.lang == Lang::Cy ? "cy" : "en"));
    }
    return page.render(status);
}

Response Console::change_tokens(Context& c) {
    auto form = admin_form(c, "tokens", "managing tokens needs an administrator", tr(c, "Only administrators can manage API tokens."));
    if (!form) return std::move(form.error);
    std::string error;
    if (c.path == "/console/tokens/revoke") {
        const std::string& id = (*form)["id"];
        if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
            return tokens_page(c, 400, "", tr(c, "There is no such token."), "");
        const storage::StoreStatus s = officers_.revoke_token(std::stoll(id), error);
        if (s == storage::StoreStatus::Unavailable)
            return unavailable(c);
        if (s == storage::StoreStatus::Ok) audit(c, "token.revoked", "token " + id);
        return tokens_page(c, s == storage::StoreStatus::Ok ? 200 : 404, s == storage::StoreStatus::Ok ? tr(c, "The token is revoked: it no longer works.") : "",
                           s == storage::StoreStatus::Ok ? "" : tr(c, "There is no such token."), "");
    }
    const std::string name = (*form)["name"], officer = (*form)["officer"];
    // Every budget ticked (a form repeats the field once per box).
    std::vector<std::string> budgets;
    for (const auto& [field, value] : parse_form_all(c.request.body))
        if (field == "budget" && c.budgets->find(value) && std::find(budgets.begin(), budgets.end(), value) == budgets.end())
            budgets.push_back(value);
    if (name.empty() || name.size() > 200) return tokens_page(c, 400, "", tr(c, "Say what the token is for."), "");
    if (budgets.empty()) return tokens_page(c, 400, "", tr(c, "Choose at least one consultation."), "");
    const std::string token = "bst_" + new_session_id();
    const storage::StoreStatus s = officers_.create_token(officer, name, budgets, session_hash(token), error);
    if (s == storage::StoreStatus::NotFound) return tokens_page(c, 400, "", tr(c, "There is no officer with that name."), "");
    if (s != storage::StoreStatus::Ok)
        return unavailable(c);
    std::string ids;
    for (const auto& b : budgets) ids += (ids.empty() ? "" : ",") + b;
    audit(c, "token.created", name, "for " + officer + ", budgets " + ids);
    return tokens_page(c, 201, "", "", token);
}

// Each action the log records, in the words an officer reads ("published", "hid a comment on").
const std::vector<std::string>& audit_actions() {
    static const std::vector<std::string> codes{
        "sign_in", "sign_in.failed", "sign_out", "password_change.failed", "officer.password_changed", "officer.added",
        "officer.removed", "token.created", "token.revoked", "budget.draft_uploaded", "budget.published", "budget.publish_scheduled",
        "budget.schedule_cancelled", "budget.schedule_dropped", "budget.rolled_back", "profile.draft_uploaded",
        "profile.published", "consultation.started", "consultation.purged", "consultation.dates_changed", "consultation.dates_reset", "results.threshold_changed", "comment.hidden",
        "comment.shown", "comment.approved", "response.erased", "export", "tally.open", "codes.created", "paper.entered", "paper.imported", "request.refused"};
    return codes;
}

std::string Console::audit_words(const Context& c, const std::string& action) const {
    if (action == "sign_in") return tr(c, "signed in");
    if (action == "sign_in.failed") return tr(c, "failed to sign in as");
    if (action == "sign_out") return tr(c, "signed out");
    if (action == "password_change.failed") return tr(c, "failed to change the password of");
    if (action == "officer.password_changed") return tr(c, "changed the password of");
    if (action == "officer.added") return tr(c, "added the officer");
    if (action == "officer.removed") return tr(c, "removed the officer");
    if (action == "token.created") return tr(c, "made an API token for");
    if (action == "token.revoked") return tr(c, "revoked an API token of");
    if (action == "budget.draft_uploaded") return tr(c, "uploaded a draft budget for");
    if (action == "budget.published") return tr(c, "published a version of");
    if (action == "budget.publish_scheduled") return tr(c, "scheduled a publish of");
    if (action == "budget.schedule_cancelled") return tr(c, "cancelled the scheduled publish of");
    if (action == "budget.schedule_dropped") return tr(c, "had a scheduled publish that could not be made, of");
    if (action == "budget.rolled_back") return tr(c, "rolled back");
    if (action == "profile.draft_uploaded") return tr(c, "uploaded a draft council profile for");
    if (action == "profile.published") return tr(c, "published a version of the council profile");
    if (action == "consultation.started") return tr(c, "started the consultation");
    if (action == "consultation.purged") return tr(c, "purged the personal data (retention) of");
    if (action == "consultation.dates_changed") return tr(c, "changed the dates of");
    if (action == "consultation.dates_reset") return tr(c, "went back to the budget file's dates for");
    if (action == "results.threshold_changed") return tr(c, "changed when results are public for");
    if (action == "comment.hidden") return tr(c, "hid a comment from public outputs:");
    if (action == "comment.shown") return tr(c, "showed a comment again:");
    if (action == "comment.approved") return tr(c, "approved a comment for publishing:");
    if (action == "response.erased") return tr(c, "erased a response to");
    if (action == "export") return tr(c, "exported");
    if (action == "tally.open") return tr(c, "opened the live tally of");
    if (action == "codes.created") return tr(c, "made voter codes for");
    if (action == "paper.entered") return tr(c, "entered a paper ballot for");
    if (action == "paper.imported") return tr(c, "imported paper ballots for");
    if (action == "request.refused") return tr(c, "was refused");
    return action;
}

Response Console::audit_page(Context& c) {
    if (!c.admin()) return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Only administrators can read the audit log."));
    std::int64_t before = 0;
    if (const std::string& p = c.query["before"]; !p.empty() && p.size() < 19 && p.find_first_not_of("0123456789") == std::string::npos)
        before = std::stoll(p);
    // Filters: an officer's name, an action, and days (UK) from and to, each optional.
    const std::string who = c.query["officer"].substr(0, 100), action = c.query["action"].substr(0, 64);
    const auto from = budget::parse_date(c.query["from"]), to = budget::parse_date(c.query["to"]);
    const auto day_of = [](const std::string& at) -> std::optional<budget::CalendarDate> {
        const auto t = budget::parse_utc(at);
        return t ? std::optional<budget::CalendarDate>(budget::uk_date(*t)) : std::nullopt;
    };
    const auto wanted = [&](const storage::AuditEntry& e) {
        if (!who.empty() && e.officer != who) return false;
        if (!action.empty() && e.action != action) return false;
        const auto day = day_of(e.at);
        if (from && (!day || *day < *from)) return false;
        if (to && (!day || *day > *to)) return false;
        return true;
    };
    constexpr std::size_t kPerPage = 100;
    std::vector<storage::AuditEntry> shown, batch;
    std::string error;
    bool more = false;
    for (std::int64_t cursor = before;;) {  // newest first, a thousand at a time, until a page is full
        if (!officers_.audit_entries(1000, cursor, batch, error))
            return unavailable(c);
        for (const auto& e : batch) {
            cursor = e.id;
            if (!wanted(e)) continue;
            if (shown.size() == kPerPage) { more = true; break; }
            shown.push_back(e);
        }
        if (more || batch.size() < 1000) break;
    }
    Page page(templates_, c, "audit.tpl", tr(c, "Audit log"));
    auto& d = page.body();
    d.SetValue("F_OFFICER", who);
    d.SetValue("F_FROM", c.query["from"].substr(0, 10));
    d.SetValue("F_TO", c.query["to"].substr(0, 10));
    for (const std::string& code : audit_actions()) {
        auto* option = d.AddSectionDictionary("ACTION_OPTION");
        option->SetValue("VALUE", code);
        option->SetValue("TEXT", audit_words(c, code));
        if (code == action) option->ShowSection("SELECTED");
    }
    for (const auto& e : shown) {
        auto* row = d.AddSectionDictionary("ENTRY");
        row->SetValue("AT", uk_time(c, e.at));
        const std::string officer = e.officer.empty() ? tr(c, "Someone not signed in") : e.officer;
        const bool self = e.object.empty() || e.object == e.officer;  // "alice signed in", not "alice signed in alice"
        std::string sentence = officer + " " + audit_words(c, e.action) + (self ? "" : " " + e.object) + ".";
        if (!e.detail.empty()) sentence += " " + e.detail;
        row->SetValue("SENTENCE", sentence);
        row->SetValue("ACTION", e.action);
    }
    if (shown.empty()) d.ShowSection("NONE");
    if (more)
        d.AddSectionDictionary("OLDER")->SetValue("QUERY", "before=" + std::to_string(shown.back().id) + "&officer=" + url_encode(who) +
                                                                "&action=" + url_encode(action) + "&from=" + url_encode(c.query["from"].substr(0, 10)) +
                                                                "&to=" + url_encode(c.query["to"].substr(0, 10)));
    return page.render(200);
}

Response Console::audit_csv(Context& c) {
    if (!c.admin()) return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Only administrators can read the audit log."));
    Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
    r.body = budget::csv_row({"id", "at", "officer", "action", "object", "detail"});
    std::vector<storage::AuditEntry> entries;
    std::string error;
    std::int64_t before = 0;
    do {
        if (!officers_.audit_entries(1000, before, entries, error))
            return unavailable(c);
        for (const auto& e : entries) {
            r.body += budget::csv_row({std::to_string(e.id), e.at, budget::csv_text(e.officer), budget::csv_text(e.action),
                                       budget::csv_text(e.object), budget::csv_text(e.detail)});
            before = e.id;
        }
    } while (entries.size() == 1000);
    audit(c, "export", "audit log", "audit.csv");
    return r;
}

}  // namespace server::console
