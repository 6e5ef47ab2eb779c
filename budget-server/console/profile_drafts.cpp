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

#define N_(english) english

namespace {

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
                                                     : fill(tr(c, "Published by {officer} on {time}"),
                                                            {{"officer", source.published_by}, {"time", uk_time(c, source.published_at)}}));
    if (c.query["done"] == "published")
        d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", fill(tr(c, "Version {version} is published. The annual report shows it now."),
                                                                   {{"version", std::to_string(source.version)}}));
    if (!problem.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    if (!fill_drafts(c, d, storage::DocumentKind::Profile, id)) return unavailable(c);
    return page.render(status);
}

Response Console::profile_file(Context& c, const std::string& document, bool workbook, const std::string& name) {
    return document_download(c, document, workbook, name, budget::sheets::profile_to_book);
}

Response Console::current_profile_file(Context& c, const std::string& id, bool workbook) {
    const auto held = config_.profiles->get();
    const report::ProfileSource& source = held->sources.at(id);
    return profile_file(c, source.json, workbook, id + "-v" + std::to_string(source.version));
}

Response Console::upload_profile_draft(Context& c, const std::string& id) {
    static const Authoring profiles{storage::DocumentKind::Profile, kProfileReader, "profile", "/console/profiles/",
                                    "uploading a council profile needs an administrator", N_("Ask an administrator to upload the council's figures."),
                                    N_("Choose a workbook (.xlsx) or a profile file (.json) to upload."), &Console::profile_page};
    return upload(c, profiles, id);
}

Response Console::profile_draft_route(Context& c, const std::string& id, const std::string& rest) {
    storage::DocumentDraft draft;
    std::string tail;
    if (auto refused = named_draft(c, storage::DocumentKind::Profile, id, rest, draft, tail, tr(c, "This council profile has no such draft.")))
        return std::move(*refused);
    const std::string number = std::to_string(draft.id);
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
