// Budget authoring in the console: each consultation's versions and drafts, uploading a workbook or
// JSON as a draft with every problem by cell (or line), previewing a draft in the resident app, and
// publishing it as the next version.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>

#include "budget_loader.h"
#include "budget_pack.h"
#include "draft_reading.h"
#include "formats/budget_sheets.h"
#include "http_rules.h"
#include "log.h"
#include "page.h"
#include "utc_time.h"
#include "workbook_writer.h"
#include "xlsx_reader.h"

namespace server::console {

using nlohmann::json;

namespace {

#define N_(english) english

constexpr std::size_t kDraftsListed = 20;

const char* content_type_of(const std::string& file) {
    auto ends = [&](const char* ext) {
        const std::string e(ext);
        return file.size() > e.size() && file.compare(file.size() - e.size(), e.size(), e) == 0;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".js")) return "text/javascript; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".wasm")) return "application/wasm";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".ttf")) return "font/ttf";
    if (ends(".png")) return "image/png";
    return "application/octet-stream";
}

}  // namespace

Response Console::budget_file(Context& c, const budget::Budget& b, const std::string& document, bool workbook, const std::string& name) {
    const std::string base = name.empty() ? b.id + "-v" + std::to_string(b.version) : name;
    return document_download(c, document, workbook, base, budget::sheets::budget_to_book);
}

Response Console::document_download(Context& c, const std::string& document, bool workbook, const std::string& name,
                                    budget::sheets::Book (*to_book)(const nlohmann::json&)) {
    if (!workbook) {
        Response r;
        r.content_type = "application/json; charset=utf-8";
        r.body = document;
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".json\"");
        return r;
    }
    const json doc = json::parse(document, nullptr, false);
    if (doc.is_discarded()) return workbook_download(c, std::nullopt, name);
    return workbook_download(c, to_book(doc), name);
}

Response Console::workbook_download(Context& c, const std::optional<budget::sheets::Book>& book, const std::string& name) {
    static std::atomic<unsigned> counter{0};
    const std::string path = config_.export_dir + "/console-workbook-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tmp";
    std::string error = "the document could not be read";
    if (!book || !budget::workbook::write_book(*book, path, error)) {
        std::remove(path.c_str());
        log_line("console: workbook not made: " + error);
        return message(c, 503, tr(c, "The console is unavailable"), tr(c, "The workbook could not be made just now. Try again in a minute."));
    }
    Response r;
    r.file = path;
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
    return r;
}

Response Console::budget_page(Context& c, const std::string& id, int status, const std::string& problem) {
    const BudgetEdition* current = c.budgets->find(id);
    if (!current) return started_budget_page(c, id, status, problem);
    const budget::Budget& b = *current->budget;
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Page page(templates_, c, "budget.tpl", fill(tr(c, "{council}: the budget"), {{"council", b.council_name.in(language)}}));
    page.council(b);
    auto& d = page.body();
    d.ShowSection("LIVE");
    d.SetValue("ID", id);
    d.SetValue("COUNCIL", b.council_name.in(language));
    d.SetValue("YEAR", b.financial_year);
    d.SetValue("VERSION", std::to_string(b.version));
    const std::string done = c.query["done"];
    if (done == "published") d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", fill(tr(c, "Version {version} is published. Residents now see it."), {{"version", std::to_string(b.version)}}));
    if (done == "rolled_back") d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", fill(tr(c, "Rolled back: residents now see version {version}, which repeats version {earlier}."), {{"version", std::to_string(b.version)}, {"earlier", std::to_string(current->restored_from)}}));
    if (done == "scheduled") d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", tr(c, "The publish is scheduled. Residents see nothing new until its time."));
    if (done == "cancelled") d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", tr(c, "The scheduled publish is cancelled."));
    if (!problem.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    if (const auto versions = c.budgets->versions.find(id); versions != c.budgets->versions.end())
        for (auto v = versions->second.rbegin(); v != versions->second.rend(); ++v) {
            auto* row = d.AddSectionDictionary("VERSION_ROW");
            row->SetValue("NUMBER", std::to_string(v->first));
            const std::string when = uk_time(c, v->second.published_at);
            row->SetValue("SOURCE", v->second.published_by.empty() ? tr(c, "The budget file the server started from")
                                    : v->second.restored_from ? fill(tr(c, "Version {earlier} again, rolled back by {officer} on {time}"),
                                                                     {{"earlier", std::to_string(v->second.restored_from)}, {"officer", v->second.published_by}, {"time", when}})
                                                              : fill(tr(c, "Published by {officer} on {time}"), {{"officer", v->second.published_by}, {"time", when}}));
            if (v->first == b.version) row->ShowSection("CURRENT");
            else row->AddSectionDictionary("EARLIER")->SetValue("NUMBER", std::to_string(v->first));
        }
    // Rollback: the version before the live one, published again as the next (admins).
    if (const auto versions = c.budgets->versions.find(id); c.admin() && versions != c.budgets->versions.end()) {
        const auto live = versions->second.lower_bound(b.version);
        if (live != versions->second.begin()) {
            auto* form = d.AddSectionDictionary("CAN_ROLL_BACK");
            const std::string earlier = std::to_string(std::prev(live)->first), now = std::to_string(b.version), next = std::to_string(b.version + 1);
            form->SetValue("LIVE", std::to_string(b.version));
            form->SetValue("ROLLBACK_TEXT", fill(tr(c, "If version {live} is wrong, residents can see version {earlier} again at once. It is published as version {next}; responses already made keep the version they answered."),
                                                 {{"earlier", earlier}, {"live", now}, {"next", next}}));
            form->SetValue("ROLLBACK_CONFIRM", fill(tr(c, "I mean residents to see version {earlier} again"), {{"earlier", earlier}}));
            form->SetValue("ROLLBACK_BUTTON", fill(tr(c, "Roll back to version {earlier}"), {{"earlier", earlier}}));
        }
    }
    fill_schedule(c, d, id);
    if (!fill_drafts(c, d, storage::DocumentKind::Budget, id)) return unavailable(c);
    return page.render(status);
}

bool Console::fill_drafts(Context& c, ctemplate::TemplateDictionary& d, storage::DocumentKind kind, const std::string& id) {
    if (c.admin()) d.ShowSection("CAN_UPLOAD");
    std::vector<storage::DocumentDraft> drafts;
    std::string error;
    if (!officers_.list_drafts(kind, id, kDraftsListed, drafts, error)) return false;
    for (const auto& draft : drafts) {
        auto* row = d.AddSectionDictionary("DRAFT_ROW");
        row->SetValue("NUMBER", std::to_string(draft.id));
        row->SetValue("FILE", draft.source_name);
        row->SetValue("BY", draft.uploaded_by);
        row->SetValue("AT", uk_time(c, draft.uploaded_at));
        const json problems = json::parse(draft.problems_json, nullptr, false);
        std::size_t errors = 0;
        if (problems.is_array())
            for (const auto& p : problems) errors += p.value("warning", false) ? 0u : 1u;
        row->SetValue("STATUS", draft.published_version ? fill(tr(c, "Published as version {version}"), {{"version", std::to_string(draft.published_version)}})
                                : draft.ok             ? tr(c, "Ready to publish")
                                : errors == 1          ? tr(c, "1 problem")
                                                       : fill(tr(c, "{count} problems"), {{"count", std::to_string(errors)}}));
    }
    if (drafts.empty()) d.ShowSection("NO_DRAFTS");
    return true;
}

Response Console::upload_draft(Context& c, const std::string& id) {
    static const Authoring budgets{storage::DocumentKind::Budget, kBudgetReader, "budget", "/console/budgets/",
                                   "uploading a budget needs an administrator", N_("Ask an administrator to upload the budget."),
                                   N_("Choose a workbook (.xlsx) or a budget file (.json) to upload."), &Console::budget_page};
    return upload(c, budgets, id);
}

Response Console::upload(Context& c, const Authoring& a, const std::string& id) {
    const std::string boundary = multipart_boundary(c.request.content_type);
    const auto parts = parse_multipart(c.request.body, boundary);
    std::string csrf;
    const FormPart* file = nullptr;
    if (parts)
        for (const auto& p : *parts) {
            if (p.name == "csrf" && !p.is_file) csrf = p.data;
            if (p.name == "file" && p.is_file) file = &p;
        }
    if (!parts || !same_secret(csrf, c.csrf))
        return message(c, 403, tr(c, "That request was refused"), tr(c, "The form had expired or did not come from this console. Nothing was changed."));
    if (!c.admin()) {
        audit(c, "request.refused", id, a.needs_admin);
        return message(c, 403, tr(c, "Only administrators can do that"), tr(c, a.ask_admin));
    }
    if (!file || file->data.empty()) return (this->*a.page)(c, id, 400, tr(c, a.choose_file));
    storage::DocumentDraft draft;
    draft.document_id = id;
    draft.source_name = shown_name(file->filename);
    draft.uploaded_by = c.session.officer.name;
    draft.uploaded_at = budget::format_utc(now_seconds());
    read_draft(a.reader, id, draft.source_name, file->data, draft);
    std::string error;
    if (officers_.add_draft(a.kind, draft, error) != storage::StoreStatus::Ok) {
        log_line(std::string("console: ") + a.noun + " draft not stored: " + error);
        return unavailable(c);
    }
    audit(c, std::string(a.noun) + ".draft_uploaded", id,
          "draft " + std::to_string(draft.id) + " from " + draft.source_name + (draft.ok ? ", no problems" : ", with problems"));
    return redirect(a.base + id + "/drafts/" + std::to_string(draft.id));
}

std::optional<Response> Console::named_draft(Context& c, storage::DocumentKind kind, const std::string& id, const std::string& rest,
                                             storage::DocumentDraft& draft, std::string& tail, const std::string& none) {
    const auto slash = rest.find('/');
    const std::string number = rest.substr(0, slash);
    tail = slash == std::string::npos ? "" : rest.substr(slash + 1);
    const bool digits = !number.empty() && number.size() <= 18 && number.find_first_not_of("0123456789") == std::string::npos;
    std::string error;
    const storage::StoreStatus s = digits ? officers_.find_draft(kind, std::stoll(number), draft, error) : storage::StoreStatus::NotFound;
    if (s == storage::StoreStatus::Unavailable) return unavailable(c);
    if (s != storage::StoreStatus::Ok || draft.document_id != id) return message(c, 404, tr(c, "Page not found"), none);
    return std::nullopt;
}

Response Console::draft_route(Context& c, const std::string& id, const std::string& rest) {
    storage::DocumentDraft draft;
    std::string tail;
    if (auto refused = named_draft(c, storage::DocumentKind::Budget, id, rest, draft, tail, tr(c, "This consultation has no such draft.")))
        return std::move(*refused);
    const std::string number = std::to_string(draft.id);
    const bool get = c.request.method == "GET";
    if (tail.empty() && get) return draft_page(c, draft, 200, "");
    if ((tail == "budget.json" || tail == "budget.xlsx") && get) {
        if (draft.document_json.empty()) return message(c, 404, tr(c, "Page not found"), tr(c, "This draft could not be read, so there is nothing to download."));
        budget::BudgetLoad l = budget::load_budget(draft.document_json);
        if (!l.budget) {  // a draft with problems: its JSON as it is, no workbook
            if (tail == "budget.xlsx") return message(c, 404, tr(c, "Page not found"), tr(c, "Correct the problems first; then the draft can be downloaded as a workbook."));
            Response r;
            r.content_type = "application/json; charset=utf-8";
            r.body = draft.document_json;
            r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + id + "-draft-" + number + ".json\"");
            return r;
        }
        return budget_file(c, *l.budget, draft.document_json, tail == "budget.xlsx", id + "-draft-" + number);
    }
    if (tail == "publish" && c.request.method == "POST") return publish_draft(c, draft);
    if (tail == "preview" && get) {
        if (!draft.ok) return message(c, 404, tr(c, "Page not found"), tr(c, "Correct the problems first; then the draft can be previewed."));
        const std::string language = c.query["lang"] == "cy" ? "cy" : "en";
        const bool phone = c.query["size"] != "desktop";
        Page page(templates_, c, "preview.tpl", fill(tr(c, "Preview of draft {number}"), {{"number", number}}));
        auto& d = page.body();
        d.SetValue("ID", id);
        d.SetValue("NUMBER", number);
        d.SetValue("LANG", language);
        d.SetValue("FRAME_CLASS", phone ? "preview-phone" : "preview-desktop");
        d.ShowSection(phone ? "PHONE" : "DESKTOP");
        d.SetValue("SIZE_NAME", phone ? tr(c, "a phone (390 by 740)") : tr(c, "a desktop (1280 by 720)"));
        d.SetValue("LANG_NAME", language == "cy" ? "Cymraeg" : "English");
        Response r = page.render(200);
        r.headers.emplace_back("Content-Security-Policy", std::string(kConsoleSecurityPolicy) + "; frame-src 'self'");
        return r;
    }
    if (tail.rfind("app/", 0) == 0) {
        if (!draft.ok) return message(c, 404, tr(c, "Page not found"), tr(c, "Correct the problems first; then the draft can be previewed."));
        return preview_file(c, draft, tail.substr(4));
    }
    return message(c, 404, tr(c, "Page not found"), tr(c, "There is no console page at this address."));
}

// A consultation started in the console and not yet published: its drafts, a schedule, nothing live.
Response Console::started_budget_page(Context& c, const std::string& id, int status, const std::string& problem) {
    Page page(templates_, c, "budget.tpl", fill(tr(c, "{council}: the budget"), {{"council", id}}));
    auto& d = page.body();
    d.SetValue("ID", id);
    d.SetValue("COUNCIL", id);
    d.AddSectionDictionary("PENDING")->SetValue("PENDING_TEXT", tr(c, "Nothing is published yet: residents cannot see this consultation. Open a draft with no problems, preview it, then publish it as version 1."));
    const std::string done = c.query["done"];
    if (done == "scheduled") d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", tr(c, "The publish is scheduled. Residents see nothing new until its time."));
    if (done == "cancelled") d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", tr(c, "The scheduled publish is cancelled."));
    if (!problem.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    fill_schedule(c, d, id);
    if (!fill_drafts(c, d, storage::DocumentKind::Budget, id)) return unavailable(c);
    return page.render(status);
}

Response Console::draft_page(Context& c, const storage::DocumentDraft& draft, int status, const std::string& problem) {
    const BudgetEdition* current = c.budgets->find(draft.document_id);
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Page page(templates_, c, "draft.tpl", fill(tr(c, "Draft {number}: {file}"), {{"number", std::to_string(draft.id)}, {"file", draft.source_name}}));
    if (current) page.council(*current->budget);
    auto& d = page.body();
    d.SetValue("BASE", "/console/budgets/" + draft.document_id);
    d.SetValue("STEM", "budget");
    d.ShowSection("BUDGET_DRAFT");
    d.SetValue("COUNCIL", current ? current->budget->council_name.in(language) : draft.document_id);
    d.SetValue("COUNCIL_HREF", current ? "/console/budgets/" + draft.document_id : "/console/budgets/" + draft.document_id + "/budget");
    d.SetValue("NEXT_VERSION", std::to_string(current ? current->budget->version + 1 : 1));
    fill_draft(c, d, draft, problem);
    if (draft.ok) {
        const budget::BudgetLoad l = budget::load_budget(draft.document_json);
        if (l.budget && std::find(l.budget->languages.begin(), l.budget->languages.end(), "cy") != l.budget->languages.end())
            d.ShowSection("WELSH_PREVIEW");
    }
    return page.render(status);
}

void Console::fill_draft(Context& c, ctemplate::TemplateDictionary& d, const storage::DocumentDraft& draft, const std::string& problem) {
    d.SetValue("ID", draft.document_id);
    d.SetValue("NUMBER", std::to_string(draft.id));
    d.SetValue("FILE", draft.source_name);
    d.SetValue("BY", draft.uploaded_by);
    d.SetValue("AT", uk_time(c, draft.uploaded_at));
    if (!problem.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    const json problems = json::parse(draft.problems_json, nullptr, false);
    std::size_t errors = 0, warnings = 0;
    if (problems.is_array())
        for (const auto& p : problems) {
            const bool warning = p.value("warning", false);
            auto* row = d.AddSectionDictionary(warning ? "WARNING_ROW" : "PROBLEM_ROW");
            ++(warning ? warnings : errors);
            const std::string place = p.value("place", "");
            const int line = p.value("line", 0), column = p.value("column", 0);
            row->SetValue("WHERE", !place.empty() ? place
                                   : line > 0     ? fill(tr(c, "Line {line}, column {column}"), {{"line", std::to_string(line)}, {"column", std::to_string(column)}})
                                                  : tr(c, "The whole file"));
            row->SetValue("MESSAGE", p.value("message", ""));
            row->SetValue("CODE", p.value("code", ""));
            row->SetValue("HINT", tr(c, hint_for(p.value("code", ""))));
        }
    if (errors) {
        auto* s = d.AddSectionDictionary("HAS_PROBLEMS");
        s->SetValue("SUMMARY", errors == 1 ? tr(c, "There is 1 problem. Nothing can be published until it is put right.")
                                           : fill(tr(c, "There are {count} problems. Nothing can be published until they are put right."),
                                                  {{"count", std::to_string(errors)}}));
        d.ShowSection("PROBLEM_TABLE");
    }
    if (warnings) d.ShowSection("WARNING_TABLE");
    if (!draft.document_json.empty()) d.ShowSection("CAN_DOWNLOAD");
    if (draft.ok) d.ShowSection("READY");
    if (draft.published_version) d.AddSectionDictionary("PUBLISHED")->SetValue("VERSION", std::to_string(draft.published_version));
    else if (draft.ok && c.admin()) d.ShowSection("CAN_PUBLISH");
}

// The resident app's own files, with the draft as its budget; a preview sends nothing to the council.
Response Console::preview_file(Context& c, const storage::DocumentDraft& draft, const std::string& file) {
    if (file == "preview-submissions") {
        Response r = error_response(403, "preview.not_sent", "This is a preview: nothing is sent to the council.");
        return r;
    }
    if (c.request.method != "GET") return error_response(405, "http.method_not_allowed", "this route answers GET, HEAD");
    if (file == "config.json") {
        Response r;
        r.content_type = "application/json";
        r.body = json{{"budget", draft.document_id}, {"submission_endpoint", "preview-submissions"}, {"preview", true}}.dump();
        return r;
    }
    if (file == "budgets/" + draft.document_id + ".pack") {
        budget::BudgetLoad l = budget::load_budget(draft.document_json);
        if (!l.budget) return message(c, 404, tr(c, "Page not found"), tr(c, "Correct the problems first; then the draft can be previewed."));
        Response r;
        r.content_type = "application/octet-stream";
        r.body = budget::pack_budget(*l.budget);
        return r;
    }
    // The app's own files, and the council's logo where the draft names one (the loader allows only a
    // plain path below the site); nothing else.
    static const char* const kAppFiles[] = {"index.html", "app-page.js", "a11y-mirror.js", "budget-app.js", "budget-app.wasm", "app-page.css",
                                            "plain-page.css", "favicon.svg", "fonts/NotoSans-Regular.ttf"};
    const std::string name = file.empty() ? "index.html" : file;
    const bool app_file = std::find(std::begin(kAppFiles), std::end(kAppFiles), name) != std::end(kAppFiles);
    const auto is_logo = [&] {
        const budget::BudgetLoad l = budget::load_budget(draft.document_json);
        return l.budget && !l.budget->brand.logo.empty() && name == l.budget->brand.logo && name.find("..") == std::string::npos;
    };
    if ((!app_file && !is_logo()) || config_.site_dir.empty())
        return message(c, 404, tr(c, "Page not found"), tr(c, "There is no console page at this address."));
    std::ifstream in(config_.site_dir + "/" + name, std::ios::binary);
    if (!in) return message(c, 404, tr(c, "Page not found"), tr(c, "There is no console page at this address."));
    std::ostringstream bytes;
    bytes << in.rdbuf();
    Response r;
    r.content_type = content_type_of(name);
    r.body = bytes.str();
    if (name == "index.html") {
        r.headers.emplace_back("Content-Security-Policy", page_security_policy("'self'"));
        r.headers.emplace_back("X-Frame-Options", "SAMEORIGIN");
    }
    return r;
}

}  // namespace server::console
