// The console's comments: read, searched and filtered, and hidden from public outputs by an admin with a reason.
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

Response Console::comments(Context& c, const budget::Budget& b) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    constexpr std::size_t kPerPage = 50;
    const std::string q = c.query["q"].substr(0, 200), about = c.query["about"].substr(0, 100);
    std::size_t page_number = 1;
    if (const std::string& p = c.query["page"]; !p.empty() && p.size() < 7 && p.find_first_not_of("0123456789") == std::string::npos)
        page_number = std::max<std::size_t>(1, std::stoul(p));

    storage::HiddenComments hidden;
    std::string error;
    if (!officers_.hidden_comments(b.id, hidden, error))
        return unavailable(c);
    struct Item {
        std::string submission, about, text;
    };
    std::vector<Item> page_items;
    std::size_t matched = 0;
    const std::string needle = lower_ascii(q);
    const std::size_t first = (page_number - 1) * kPerPage;
    const bool ok = storage_.scan_comments(b.id, [&](const std::string& id, const std::string& a, const std::string& text) {
        if (!about.empty() && a != about) return;
        if (!needle.empty() && lower_ascii(text).find(needle) == std::string::npos) return;
        if (matched >= first && matched < first + kPerPage) page_items.push_back({id, a, text});
        ++matched;
    }, error);
    if (!ok) return unavailable(c);

    auto about_text = [&](const std::string& a) {
        if (a == "overall") return tr(c, "The budget as a whole");
        for (const auto& s : b.services)
            if (s.id == a) return s.name.in(language);
        return a;
    };
    Page page(templates_, c, "comments.tpl", tr(c, "Comments") + " – " + b.council_name.in(language));
    page.council(b);
    auto& d = page.body();
    d.SetValue("ID", b.id);
    d.SetValue("COUNCIL", b.council_name.in(language));
    d.SetValue("Q", q);
    if (c.query.count("done")) {
        d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", c.query["done"] == "hidden" ? tr(c, "The comment is hidden from public outputs.")
                                                                                         : tr(c, "The comment is shown again."));
    }
    auto* overall = d.AddSectionDictionary("ABOUT");
    overall->SetValue("VALUE", "overall");
    overall->SetValue("TEXT", about_text("overall"));
    if (about == "overall") overall->ShowSection("SELECTED");
    for (const auto& s : b.services) {  // fixed lines too: a comment may be about one
        auto* o = d.AddSectionDictionary("ABOUT");
        o->SetValue("VALUE", s.id);
        o->SetValue("TEXT", s.locked ? fill(tr(c, "{service} (fixed)"), {{"service", s.name.in(language)}}) : s.name.in(language));
        if (about == s.id) o->ShowSection("SELECTED");
    }
    const std::size_t last = std::min(matched, first + kPerPage);
    d.SetValue("SHOWING", matched == 0 ? tr(c, "No comments match.")
                                       : fill(tr(c, "Showing comments {first} to {last} of {total}."),
                                              {{"first", std::to_string(first + 1)}, {"last", std::to_string(last)},
                                               {"total", std::to_string(matched)}}));
    d.SetIntValue("FIRST", static_cast<long>(first + 1));
    const std::string base = "/console/budgets/" + b.id + "/comments?q=" + url_encode(q) + "&about=" + url_encode(about) + "&page=";
    const std::string back = base + std::to_string(page_number);
    int n = 0;
    for (const auto& item : page_items) {
        auto* row = d.AddSectionDictionary("COMMENT");
        row->SetValue("SUBMISSION", item.submission);
        row->SetValue("ABOUT_VALUE", item.about);
        row->SetValue("ABOUT_TEXT", about_text(item.about));
        row->SetValue("TEXT", item.text);
        row->SetIntValue("N", ++n);
        row->SetValue("BACK", back);
        const auto h = hidden.find({item.submission, item.about});
        if (h != hidden.end()) {
            auto* hs = row->AddSectionDictionary("HIDDEN");
            hs->SetValue("HIDDEN_NOTE", fill(tr(c, "Hidden by {officer} on {time}: {reason}"),
                                             {{"officer", h->second.officer},
                                              {"time", uk_time(c, h->second.hidden_at)},
                                              {"reason", h->second.reason}}));
        } else {
            row->ShowSection("SHOWN");
        }
        if (c.admin()) row->ShowSection("CAN_MODERATE");
    }
    if (page_number > 1) d.AddSectionDictionary("PREVIOUS")->SetValue("HREF", base + std::to_string(page_number - 1));
    if (last < matched) d.AddSectionDictionary("NEXT")->SetValue("HREF", base + std::to_string(page_number + 1));
    return page.render(200);
}

Response Console::moderate(Context& c, const budget::Budget& b, bool hide) {
    auto form = admin_form(c, b.id, "moderation needs an administrator", tr(c, "Ask an administrator to moderate comments."));
    if (!form) return std::move(form.error);
    const std::string submission = (*form)["submission"], about = (*form)["about"];
    std::string reason = (*form)["reason"];
    const auto characters = std::count_if(reason.begin(), reason.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; });
    if (hide && (reason.empty() || characters > 200))
        return message(c, 400, tr(c, "Give a reason"), tr(c, "Say why the comment is hidden, in up to 200 characters. Nothing was changed."));
    std::string error;
    const storage::StoreStatus s = hide ? officers_.hide_comment(b.id, submission, about, reason, c.session.officer.name, error)
                               : officers_.show_comment(b.id, submission, about, error);
    if (s == storage::StoreStatus::Unavailable)
        return unavailable(c);
    if (s == storage::StoreStatus::Ok) audit(c, hide ? "comment.hidden" : "comment.shown", b.id + "/" + submission + "/" + about, reason);
    std::string back = safe_back((*form)["back"]);
    back += (back.find('?') == std::string::npos ? "?" : "&") + std::string("done=") + (hide ? "hidden" : "shown");
    return redirect(back);
}

}  // namespace server::console
