// Consultations started in the console: from a starting budget for a kind of council, or from an
// uploaded workbook or budget file given a new id. Each begins as a draft; nothing reaches residents
// until it is published as version 1.
#include "console.h"

#include "draft_reading.h"
#include "formats/budget_sheets.h"
#include "forms.h"
#include "log.h"
#include "page.h"
#include "utc_time.h"

namespace server::console {

namespace {

#define N_(english) english

// The kinds of council a consultation can start from, in the words an officer reads.
const char* kind_words(const std::string& kind) {
    if (kind == "english-county") return N_("A county council in England");
    if (kind == "english-district") return N_("A district council in England");
    if (kind == "english-unitary") return N_("A unitary council in England");
    if (kind == "english-metropolitan") return N_("A metropolitan borough in England");
    if (kind == "london-borough") return N_("A London borough");
    if (kind == "welsh-principal") return N_("A principal council in Wales");
    return "";
}

// Lower-case letters, digits and hyphens, 3 to 64 of them, starting with a letter or digit: safe in
// a URL, a file name and a database key as it stands.
bool good_id(const std::string& id) {
    if (id.size() < 3 || id.size() > 64 || id.front() == '-') return false;
    return id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos;
}

}  // namespace

bool Console::started_here(const std::string& id, storage::StartedConsultation* out) {
    std::vector<storage::StartedConsultation> started;
    std::string error;
    if (!officers_.started_consultations(started, error)) return false;
    for (auto& s : started)
        if (s.id == id) {
            if (out) *out = std::move(s);
            return true;
        }
    return false;
}

void Console::fill_start_form(Context& c, ctemplate::TemplateDictionary& d, const StartRetry* retry) {
    if (!c.admin()) return;
    // Above the table when it comes back with a problem (so a phone shows it first), else below.
    auto* include = d.AddIncludeDictionary(retry && !retry->message.empty() ? "START_TOP" : "START_BOTTOM");
    include->SetFilename(Templates::name("start.tpl", c.lang));
    include->SetValue("CSRF", c.csrf);
    auto* form = include->AddSectionDictionary("CAN_START");
    form->SetValue("START_ID", retry ? retry->id : "");
    const bool from_file = retry && retry->start == "workbook";
    form->ShowSection(from_file ? "FILE_CHECKED" : "TEMPLATE_CHECKED");
    for (const std::string& kind : budget::sheets::kBlankKinds) {
        auto* option = form->AddSectionDictionary("KIND_OPTION");
        option->SetValue("KIND", kind);
        option->SetValue("KIND_NAME", tr(c, kind_words(kind)));
        if (retry && retry->kind == kind) option->ShowSection("SELECTED");
    }
    if (retry && !retry->message.empty()) {
        auto* problem = form->AddSectionDictionary("START_ERROR");
        problem->SetValue("FIELD", retry->field);
        problem->SetValue("MESSAGE", retry->message);
        form->AddSectionDictionary(retry->field == "start-id" ? "ID_ERROR" : retry->field == "start-file" ? "FILE_ERROR" : "KIND_ERROR")
            ->SetValue("MESSAGE", retry->message);
    }
}

Response Console::start_consultation(Context& c) {
    const std::string boundary = multipart_boundary(c.request.content_type);
    const auto parts = boundary.empty() ? std::nullopt : parse_multipart(c.request.body, boundary);
    std::map<std::string, std::string> fields;
    const FormPart* file = nullptr;
    if (parts) {
        for (const auto& p : *parts) {
            if (p.is_file && p.name == "file") file = &p;
            else if (!p.is_file) fields.emplace(p.name, p.data);
        }
    } else if (auto form = parse_form(c.request.body)) {
        fields = std::move(*form);
    }
    if (!same_secret(fields["csrf"], c.csrf))
        return message(c, 403, tr(c, "That request was refused"), tr(c, "The form had expired or did not come from this console. Nothing was changed."));
    if (!c.admin()) {
        audit(c, "request.refused", "", "starting a consultation needs an administrator");
        return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Ask an administrator to start the consultation."));
    }
    StartRetry retry{fields["id"].substr(0, 64), fields["start"] == "workbook" ? "workbook" : "template", fields["kind"].substr(0, 32), "", ""};
    const std::string id = retry.id;
    const auto refuse = [&](const char* field, const std::string& words) {
        retry.field = field;
        retry.message = words;
        return home(c, &retry, 400);
    };
    if (!good_id(id))
        return refuse("start-id", tr(c, "Give the consultation an id of 3 to 64 small letters, digits and hyphens, such as eastbrook-2027. Nothing was started."));
    if (c.budgets->find(id) || (config_.ballots && config_.ballots->find(id)) || started_here(id, nullptr))
        return refuse("start-id", tr(c, "A consultation with that id exists already. Choose another id. Nothing was started."));
    storage::DocumentDraft draft;
    draft.document_id = id;
    draft.uploaded_by = c.session.officer.name;
    draft.uploaded_at = budget::format_utc(now_seconds());
    std::string started_from;
    if (retry.start == "template") {
        const auto blank = budget::sheets::blank_budget(retry.kind);
        if (!blank) return refuse("start-kind", tr(c, "Choose the kind of council the consultation is for. Nothing was started."));
        draft.source_name = "template-" + retry.kind + ".json";
        started_from = "template " + retry.kind;
        read_draft(kBudgetReader, id, draft.source_name, blank->dump(2) + "\n", draft, true);
    } else {
        if (!file || file->data.empty())
            return refuse("start-file", tr(c, "Choose a workbook (.xlsx) or a budget file (.json) to start from. Nothing was started."));
        draft.source_name = shown_name(file->filename);
        started_from = draft.source_name;
        read_draft(kBudgetReader, id, draft.source_name, file->data, draft, true);
    }
    std::string error;
    const storage::StoreStatus added = officers_.add_consultation({id, started_from, c.session.officer.name, ""}, error);
    if (added == storage::StoreStatus::Exists)
        return refuse("start-id", tr(c, "A consultation with that id exists already. Choose another id. Nothing was started."));
    if (added != storage::StoreStatus::Ok || officers_.add_draft(storage::DocumentKind::Budget, draft, error) != storage::StoreStatus::Ok) {
        log_line("console: consultation not started: " + error);
        return unavailable(c);
    }
    audit(c, "consultation.started", id, "from " + started_from + ", draft " + std::to_string(draft.id) + (draft.ok ? ", no problems" : ", with problems"));
    return redirect("/console/budgets/" + id + "/drafts/" + std::to_string(draft.id));
}

}  // namespace server::console
