// Likely duplicate responses: the same sender, choices and comments within minutes, flagged for
// officers to judge (never deleted automatically; an administrator may erase one).
#include "console.h"

#include "page.h"

namespace server::console {

Response Console::duplicates(Context& c, const budget::Budget& b) {
    std::vector<storage::LikelyDuplicate> flagged;
    std::string error;
    if (!officers_.likely_duplicates(b.id, flagged, error)) return unavailable(c);
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Page page(templates_, c, "duplicates.tpl", tr(c, "Likely duplicate responses") + " – " + b.council_name.in(language));
    page.council(b);
    auto& d = page.body();
    d.SetValue("ID", b.id);
    d.SetValue("COUNCIL", b.council_name.in(language));
    d.SetValue("MINUTES", std::to_string(storage::kDuplicateWindowSeconds / 60));
    d.SetValue("COUNT_TEXT", fill(tr(c, "Flagged: {count}"), {{"count", std::to_string(flagged.size())}}));
    if (flagged.empty()) d.ShowSection("NONE");
    else d.ShowSection("SOME");
    if (c.admin()) d.ShowSection("CAN_ERASE");
    for (const auto& f : flagged) {
        auto* row = d.AddSectionDictionary("FLAG");
        row->SetValue("REFERENCE", f.submission_id);
        row->SetValue("EARLIER", f.earlier_id);
        row->SetValue("RECEIVED", uk_time(c, f.received_at));
        row->SetValue("APART", fill(tr(c, "{seconds} s"), {{"seconds", std::to_string(f.seconds)}}));
        row->SetValue("ERASE_HREF", "/console/budgets/" + b.id + "/erase?reference=" + url_encode(f.submission_id));
        if (c.admin()) row->ShowSection("CAN_ERASE");
    }
    return page.render(200);
}

}  // namespace server::console
