// Council profile authoring in the console: the figures behind a council's annual report, kept as a
// workbook or JSON; an upload becomes a draft with every problem by cell (or line), previewed as the
// report it would make, and published as the profile's next version, which the report and the app
// show at once.
#include <fstream>
#include <sstream>

#include "annual_report.h"
#include "council_profile.h"
#include "draft_reading.h"
#include "formats/profile_sheets.h"
#include "http_rules.h"
#include "log.h"
#include "page.h"
#include "profiles.h"
#include "utc_time.h"
#include "workbook_writer.h"

namespace server::console {

using nlohmann::json;

namespace {

constexpr std::size_t kProfileDraftsListed = 20;

std::string profile_base(const std::string& id) { return "/console/profiles/" + id; }

}  // namespace

Response Console::profile_page(Context& c, const std::string& id, int status, const std::string& problem) {
    const auto held = config_.profiles->get();
    const budget::CouncilProfile& p = held->profiles.at(id);
    const report::ProfileSource& source = held->sources.at(id);
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Page page(templates_, c, "profile.tpl", fill(tr(c, "{council}: the council's figures"), {{"council", p.name.in(language)}}));
    auto& d = page.body();
    d.SetValue("ID", id);
    d.SetValue("COUNCIL", p.name.in(language));
    d.SetValue("AS_OF", budget::describe_date(p.as_of, language));
    d.SetValue("VERSION", std::to_string(source.version));
    d.SetValue("SOURCE", source.published_by.empty() ? tr(c, "The profile file the server started from")
                                                     : fill(tr(c, "Published by {officer} at {time}"),
                                                            {{"officer", source.published_by}, {"time", source.published_at}}));
    if (c.query["done"] == "published")
        d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", fill(tr(c, "Version {version} is published. The annual report shows it now."),
                                                                   {{"version", std::to_string(source.version)}}));
    if (!problem.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    if (c.admin()) d.ShowSection("CAN_UPLOAD");
    std::vector<storage::DocumentDraft> drafts;
    std::string error;
    if (!officers_.list_drafts(storage::DocumentKind::Profile, id, kProfileDraftsListed, drafts, error)) return unavailable(c);
    for (const auto& draft : drafts) {
        auto* row = d.AddSectionDictionary("DRAFT_ROW");
        row->SetValue("NUMBER", std::to_string(draft.id));
        row->SetValue("FILE", draft.source_name);
        row->SetValue("BY", draft.uploaded_by);
        row->SetValue("AT", draft.uploaded_at);
        const json problems = json::parse(draft.problems_json, nullptr, false);
        std::size_t errors = 0;
        if (problems.is_array())
            for (const auto& each : problems) errors += each.value("warning", false) ? 0u : 1u;
        row->SetValue("STATUS", draft.published_version ? fill(tr(c, "Published as version {version}"), {{"version", std::to_string(draft.published_version)}})
                                : draft.ok             ? tr(c, "Ready to publish")
                                : errors == 1          ? tr(c, "1 problem")
                                                       : fill(tr(c, "{count} problems"), {{"count", std::to_string(errors)}}));
    }
    if (drafts.empty()) d.ShowSection("NO_DRAFTS");
    return page.render(status);
}

Response Console::profile_file(Context& c, const std::string& document, bool workbook, const std::string& name) {
    if (!workbook) {
        Response r;
        r.content_type = "application/json; charset=utf-8";
        r.body = document;
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + name + ".json\"");
        return r;
    }
    const json doc = json::parse(document, nullptr, false);
    if (doc.is_discarded()) return workbook_download(c, std::nullopt, name);
    return workbook_download(c, budget::sheets::profile_to_book(doc), name);
}

Response Console::current_profile_file(Context& c, const std::string& id, bool workbook) {
    const auto held = config_.profiles->get();
    const report::ProfileSource& source = held->sources.at(id);
    return profile_file(c, source.json, workbook, id + "-v" + std::to_string(source.version));
}

Response Console::upload_profile_draft(Context& c, const std::string& id) {
    const std::string boundary = multipart_boundary(c.request.content_type);
    const auto parts = parse_multipart(c.request.body, boundary);
    std::string csrf;
    const FormPart* file = nullptr;
    if (parts)
        for (const auto& part : *parts) {
            if (part.name == "csrf" && !part.is_file) csrf = part.data;
            if (part.name == "file" && part.is_file) file = &part;
        }
    if (!parts || !same_secret(csrf, c.csrf))
        return message(c, 403, tr(c, "That request was refused"), tr(c, "The form had expired or did not come from this console. Nothing was changed."));
    if (!c.admin()) {
        audit(c, "request.refused", id, "uploading a council profile needs an administrator");
        return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Ask an administrator to upload the council's figures."));
    }
    if (!file || file->data.empty()) return profile_page(c, id, 400, tr(c, "Choose a workbook (.xlsx) or a profile file (.json) to upload."));
    storage::DocumentDraft draft;
    draft.document_id = id;
    draft.source_name = shown_name(file->filename);
    draft.uploaded_by = c.session.officer.name;
    draft.uploaded_at = budget::format_utc(now_seconds());
    read_draft(kProfileReader, id, draft.source_name, file->data, draft);
    std::string error;
    if (officers_.add_draft(storage::DocumentKind::Profile, draft, error) != storage::StoreStatus::Ok) {
        log_line("console: profile draft not stored: " + error);
        return unavailable(c);
    }
    audit(c, "profile.draft_uploaded", id, "draft " + std::to_string(draft.id) + " from " + draft.source_name + (draft.ok ? ", no problems" : ", with problems"));
    return redirect(profile_base(id) + "/drafts/" + std::to_string(draft.id));
}

Response Console::profile_draft_route(Context& c, const std::string& id, const std::string& rest) {
    const auto slash = rest.find('/');
    const std::string number = rest.substr(0, slash), tail = slash == std::string::npos ? "" : rest.substr(slash + 1);
    const bool digits = !number.empty() && number.size() <= 18 && number.find_first_not_of("0123456789") == std::string::npos;
    storage::DocumentDraft draft;
    std::string error;
    const storage::StoreStatus s = digits ? officers_.find_draft(storage::DocumentKind::Profile, std::stoll(number), draft, error) : storage::StoreStatus::NotFound;
    if (s == storage::StoreStatus::Unavailable) return unavailable(c);
    if (s != storage::StoreStatus::Ok || draft.document_id != id) return message(c, 404, tr(c, "Page not found"), tr(c, "This council profile has no such draft."));
    const bool get = c.request.method == "GET";
    if (tail.empty() && get) return profile_draft_page(c, draft, 200, "");
    if ((tail == "profile.json" || tail == "profile.xlsx") && get) {
        if (draft.document_json.empty()) return message(c, 404, tr(c, "Page not found"), tr(c, "This draft could not be read, so there is nothing to download."));
        if (tail == "profile.xlsx" && !draft.ok)
            return message(c, 404, tr(c, "Page not found"), tr(c, "Correct the problems first; then the draft can be downloaded as a workbook."));
        return profile_file(c, draft.document_json, tail == "profile.xlsx", id + "-draft-" + number);
    }
    if (tail == "publish" && c.request.method == "POST") return publish_profile_draft(c, draft);
    if (tail == "preview" && get) {
        const budget::ProfileLoad l = budget::load_profile(draft.document_json);
        if (!draft.ok || !l.profile) return message(c, 404, tr(c, "Page not found"), tr(c, "Correct the problems first; then the draft can be previewed."));
        Response r;
        r.content_type = "text/html; charset=utf-8";
        r.body = config_.reports->page_of(*l.profile, c.query["lang"] == "cy" ? Lang::Cy : Lang::En, std::to_string(draft.id));
        r.headers.emplace_back("Content-Security-Policy", kConsoleSecurityPolicy);
        r.headers.emplace_back("Cache-Control", "no-store");
        return r;
    }
    return message(c, 404, tr(c, "Page not found"), tr(c, "There is no console page at this address."));
}

Response Console::profile_draft_page(Context& c, const storage::DocumentDraft& draft, int status, const std::string& problem) {
    const auto held = config_.profiles->get();
    const budget::CouncilProfile& current = held->profiles.at(draft.document_id);
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Page page(templates_, c, "draft.tpl", fill(tr(c, "Draft {number}: {file}"), {{"number", std::to_string(draft.id)}, {"file", draft.source_name}}));
    auto& d = page.body();
    d.SetValue("BASE", profile_base(draft.document_id));
    d.SetValue("STEM", "profile");
    d.ShowSection("PROFILE_DRAFT");
    d.SetValue("COUNCIL", current.name.in(language));
    d.SetValue("NEXT_VERSION", std::to_string(held->sources.at(draft.document_id).version + 1));
    fill_draft(c, d, draft, problem);
    if (draft.ok && current.kind == budget::CouncilKind::WelshPrincipal) d.ShowSection("WELSH_PREVIEW");
    return page.render(status);
}

Response Console::publish_profile_draft(Context& c, const storage::DocumentDraft& draft) {
    auto form = admin_form(c, draft.document_id, "publishing a council profile needs an administrator", tr(c, "Ask an administrator to publish the council's figures."));
    if (!form) return std::move(form.error);
    const std::string refused = tr(c, "This draft cannot be published: it has problems, or it is published already.");
    if (!draft.ok || draft.published_version) return profile_draft_page(c, draft, 409, refused);
    budget::ProfileLoad l = budget::load_profile(draft.document_json);
    if (!l.profile || l.profile->id != draft.document_id) return profile_draft_page(c, draft, 409, refused);
    const std::int64_t version = config_.profiles->get()->sources.at(draft.document_id).version + 1;
    std::string error;
    const storage::StoreStatus s =
        officers_.add_version(storage::DocumentKind::Profile, draft.document_id, version, draft.document_json, c.session.officer.name, draft.id, error);
    if (s == storage::StoreStatus::Unavailable) return unavailable(c);
    if (s == storage::StoreStatus::Exists || s == storage::StoreStatus::NotFound)
        return profile_draft_page(c, draft, 409, tr(c, "Someone published another version meanwhile, or this draft is published already. Look at the profile page and try again."));
    config_.profiles->put(std::move(*l.profile), {draft.document_json, version, c.session.officer.name, budget::format_utc(now_seconds())});
    if (config_.profile_published) config_.profile_published(draft.document_id);
    audit(c, "profile.published", draft.document_id, "version " + std::to_string(version) + " from draft " + std::to_string(draft.id) + " (" + draft.source_name + ")");
    return redirect(profile_base(draft.document_id) + "?done=published");
}

}  // namespace server::console
