// Erasing a response at a resident's request: found by its reference, deleted whole or only its
// comments and personal answers, audited without its content; only a keyed hash of the id is kept.
#include "console.h"

#include "page.h"
#include "utc_time.h"

namespace server::console {

Response Console::erase_page(Context& c, const budget::Budget& b, int status, const std::string& reference,
                             const storage::ResponseFound* found, const std::string& problem) {
    if (!c.admin()) return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Ask an administrator to erase the response."));
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Page page(templates_, c, "erase.tpl", tr(c, "Erase a response") + " – " + b.council_name.in(language));
    page.council(b);
    auto& d = page.body();
    d.SetValue("ID", b.id);
    d.SetValue("COUNCIL", b.council_name.in(language));
    d.SetValue("REFERENCE", reference);
    // A problem with the reference goes beside it; one with the tick box, beside that.
    if (!problem.empty()) {
        auto* e = d.AddSectionDictionary("ERROR");
        e->SetValue("FIELD", found ? "confirm" : "reference");
        e->SetValue("MESSAGE", problem);
    }
    if (!problem.empty() && !found) d.AddSectionDictionary("REFERENCE_ERROR")->SetValue("MESSAGE", problem);
    if (found) {
        auto* f = d.AddSectionDictionary("FOUND");
        f->SetValue("SUMMARY", fill(tr(c, "Received on {time}, answering version {version}: {comments} comments and {answers} personal answers."),
                                    {{"time", uk_time(c, found->received_at)}, {"version", std::to_string(found->version)},
                                     {"comments", std::to_string(found->comments)}, {"answers", std::to_string(found->answers)}}));
        if (!problem.empty()) f->AddSectionDictionary("CONFIRM_ERROR")->SetValue("MESSAGE", problem);
    }
    return page.render(status);
}

Response Console::erase(Context& c, const budget::Budget& b) {
    auto form = admin_form(c, b.id, "erasing a response needs an administrator", tr(c, "Ask an administrator to erase the response."));
    if (!form) return std::move(form.error);
    if (!config_.erased) return not_found(c);
    std::string reference = (*form)["reference"];
    while (!reference.empty() && (reference.back() == ' ' || reference.back() == '\t')) reference.pop_back();
    while (!reference.empty() && (reference.front() == ' ' || reference.front() == '\t')) reference.erase(reference.begin());
    if (reference.empty() || reference.size() > 128)
        return erase_page(c, b, 400, reference.substr(0, 128), nullptr, tr(c, "Give the reference the resident was given when they sent their response."));
    storage::ResponseFound found;
    std::string error;
    const storage::StoreStatus s = officers_.find_response(b.id, reference, found, error);
    if (s == storage::StoreStatus::Unavailable) return unavailable(c);
    if (s == storage::StoreStatus::NotFound)
        return erase_page(c, b, 404, reference, nullptr,
                          tr(c, "No response to this consultation has that reference. Check it against the one the resident gave; it may have been erased already."));
    const std::string action = (*form)["action"];
    if (action != "whole" && action != "comments") return erase_page(c, b, 200, reference, &found, "");
    if ((*form)["confirm"] != "yes")
        return erase_page(c, b, 400, reference, &found, tr(c, "Tick the box to say you mean to erase it. Nothing was erased."));
    const storage::EraseScope scope = action == "whole" ? storage::EraseScope::Whole : storage::EraseScope::CommentsAndAnswers;
    const std::string id_hash = config_.erased->hash(b.id, reference);
    const storage::StoreStatus done = officers_.erase_response(b.id, reference, id_hash, scope, c.session.officer.name, error);
    if (done == storage::StoreStatus::Unavailable || done == storage::StoreStatus::Exists) return unavailable(c);
    if (done == storage::StoreStatus::NotFound)
        return erase_page(c, b, 404, reference, nullptr, tr(c, "No response to this consultation has that reference. Check it against the one the resident gave; it may have been erased already."));
    config_.erased->add(b.id, id_hash, scope);
    // The log says what was erased and a short part of the reference's keyed hash: never the content or the reference.
    audit(c, "response.erased", b.id,
          std::string(scope == storage::EraseScope::Whole ? "the whole response" : "its comments and personal answers") + ", reference hash " +
              id_hash.substr(0, 12));
    return redirect("/console/budgets/" + b.id + "?done=" + (scope == storage::EraseScope::Whole ? "erased_whole" : "erased_comments"));
}

}  // namespace server::console
