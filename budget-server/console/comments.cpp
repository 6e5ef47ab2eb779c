// The console's comments: read, searched and filtered; approved for publishing (where the consultation
// checks them first) and hidden from public outputs by an admin with a reason.
#include "console.h"

#include <unistd.h>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
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

namespace {
enum class CommentState { Waiting, Published, Hidden };
}  // namespace

// Where a budget's comments stand, in one line that the dashboard and the comments page share.
std::string Console::comment_summary(Context& c, const budget::Budget& b, const storage::CommentCounts& n) {
    const bool checked = checks_comments_first(b);
    const std::int64_t published = checked ? n.approved : n.total - n.hidden;
    const std::string total = std::to_string(n.total), waiting = std::to_string(n.waiting()),
                      shown = std::to_string(published), hidden = std::to_string(n.hidden);
    if (!b.results_public || !b.comments_public)
        return fill(tr(c, "Comments from every version: {total}. Hidden: {hidden}. None is published."), {{"total", total}, {"hidden", hidden}});
    if (checked)
        return fill(tr(c, "Comments from every version: {total}. Waiting to be checked: {waiting}. Published: {published}. Hidden: {hidden}."),
                    {{"total", total}, {"waiting", waiting}, {"published", shown}, {"hidden", hidden}});
    return fill(tr(c, "Comments from every version: {total}. Published: {published}. Hidden: {hidden}."),
                {{"total", total}, {"published", shown}, {"hidden", hidden}});
}

bool Console::checks_comments_first(const budget::Budget& b) {
    return b.results_public && b.comments_public && b.comment_moderation == budget::CommentModeration::BeforePublishing;
}

Response Console::comments(Context& c, const budget::Budget& b) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    constexpr std::size_t kPerPage = 50;
    const std::string q = c.query["q"].substr(0, 200), about = c.query["about"].substr(0, 100);
    const bool checked = checks_comments_first(b);
    std::optional<CommentState> wanted;
    if (c.query["state"] == "waiting" && checked) wanted = CommentState::Waiting;
    if (c.query["state"] == "published") wanted = CommentState::Published;
    if (c.query["state"] == "hidden") wanted = CommentState::Hidden;
    std::size_t page_number = 1;
    if (const std::string& p = c.query["page"]; !p.empty() && p.size() < 7 && p.find_first_not_of("0123456789") == std::string::npos)
        page_number = std::max<std::size_t>(1, std::stoul(p));

    storage::HiddenComments hidden;
    storage::ApprovedComments approved;
    storage::CommentCounts counts;
    std::string error;
    if (!officers_.hidden_comments(b.id, hidden, error) || !officers_.approved_comments(b.id, approved, error) ||
        !officers_.comment_counts(b.id, counts, error))
        return unavailable(c);
    const auto state_of = [&](const std::string& id, const std::string& a) {
        if (hidden.count({id, a})) return CommentState::Hidden;
        return !checked || approved.count({id, a}) ? CommentState::Published : CommentState::Waiting;
    };
    struct Item {
        std::string submission, about, text;
        CommentState state;
    };
    std::vector<Item> page_items;
    std::size_t matched = 0;
    const std::string needle = lower_ascii(q);
    const std::size_t first = (page_number - 1) * kPerPage;
    const bool ok = storage_.scan_comments(b.id, [&](const std::string& id, const std::string& a, const std::string& text) {
        if (!about.empty() && a != about) return;
        const CommentState state = state_of(id, a);
        if (wanted && state != *wanted) return;
        if (!needle.empty() && lower_ascii(text).find(needle) == std::string::npos) return;
        if (matched >= first && matched < first + kPerPage) page_items.push_back({id, a, text, state});
        ++matched;
    }, error);
    if (!ok) return unavailable(c);

    auto about_text = [&](const std::string& a) {
        if (a == "overall") return tr(c, "The budget as a whole");
        for (const auto& s : b.services)
            if (s.id == a) return s.name.in(language);
        return a;
    };
    const bool queue = wanted == CommentState::Waiting;
    const std::string heading = queue ? tr(c, "Comments waiting to be checked") : tr(c, "Comments");
    Page page(templates_, c, "comments.tpl", heading + " – " + b.council_name.in(language));
    page.council(b);
    auto& d = page.body();
    d.SetValue("ID", b.id);
    d.SetValue("COUNCIL", b.council_name.in(language));
    d.SetValue("HEADING", heading);
    d.SetValue("Q", q);
    d.SetValue("SUMMARY", comment_summary(c, b, counts));
    if (queue) d.ShowSection("QUEUE");
    if (c.query.count("done")) {
        const std::string& done = c.query["done"];
        d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", done == "hidden"     ? tr(c, "The comment is hidden from public outputs.")
                                                              : done == "approved" ? tr(c, "The comment is approved: it is published with the results.")
                                                                                   : tr(c, "The comment is shown again."));
    }
    const std::pair<const char*, std::string> states[] = {
        {"", tr(c, "Every comment")},
        {"waiting", tr(c, "Waiting to be checked")},
        {"published", b.results_public && b.comments_public ? tr(c, "Published") : tr(c, "Not hidden")},
        {"hidden", tr(c, "Hidden")},
    };
    for (const auto& [value, text] : states) {
        if (std::string(value) == "waiting" && !checked) continue;
        auto* o = d.AddSectionDictionary("STATE");
        o->SetValue("VALUE", value);
        o->SetValue("TEXT", text);
        if (c.query["state"] == value) o->ShowSection("SELECTED");
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
    d.SetValue("SHOWING", matched == 0 ? (queue ? tr(c, "No comment is waiting to be checked.") : tr(c, "No comments match."))
                                       : fill(tr(c, "Showing comments {first} to {last} of {total}."),
                                              {{"first", std::to_string(first + 1)}, {"last", std::to_string(last)},
                                               {"total", std::to_string(matched)}}));
    d.SetIntValue("FIRST", static_cast<long>(first + 1));
    const std::string base = "/console/budgets/" + b.id + "/comments?state=" + url_encode(c.query["state"].substr(0, 20)) + "&q=" + url_encode(q) +
                             "&about=" + url_encode(about) + "&page=";
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
        if (item.state == CommentState::Hidden) {
            const auto& h = hidden.at({item.submission, item.about});
            auto* hs = row->AddSectionDictionary("HIDDEN");
            hs->SetValue("HIDDEN_NOTE", fill(tr(c, "Hidden by {officer} on {time}: {reason}"),
                                             {{"officer", h.officer}, {"time", uk_time(c, h.hidden_at)}, {"reason", h.reason}}));
        } else {
            row->ShowSection("SHOWN");
        }
        if (item.state == CommentState::Waiting) row->ShowSection("WAITING");
        if (item.state == CommentState::Published && checked) {
            const auto& a = approved.at({item.submission, item.about});
            row->AddSectionDictionary("APPROVED")->SetValue("APPROVED_NOTE", fill(tr(c, "Approved by {officer} on {time}"),
                                                                                  {{"officer", a.officer}, {"time", uk_time(c, a.approved_at)}}));
        }
        if (c.admin()) row->ShowSection("CAN_MODERATE");
    }
    if (page_number > 1) d.AddSectionDictionary("PREVIOUS")->SetValue("HREF", base + std::to_string(page_number - 1));
    if (last < matched) d.AddSectionDictionary("NEXT")->SetValue("HREF", base + std::to_string(page_number + 1));
    return page.render(200);
}

Response Console::moderate(Context& c, const budget::Budget& b, Moderation action) {
    auto form = admin_form(c, b.id, "moderation needs an administrator", tr(c, "Ask an administrator to moderate comments."));
    if (!form) return std::move(form.error);
    const std::string submission = (*form)["submission"], about = (*form)["about"];
    std::string reason = (*form)["reason"];
    const auto characters = std::count_if(reason.begin(), reason.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; });
    if (action == Moderation::Hide && (reason.empty() || characters > 200))
        return message(c, 400, tr(c, "Give a reason"), tr(c, "Say why the comment is hidden, in up to 200 characters. Nothing was changed."));
    if (action == Moderation::Approve && !checks_comments_first(b))
        return message(c, 409, tr(c, "Nothing to approve"), tr(c, "This consultation does not check comments before publishing them. Nothing was changed."));
    std::string error;
    const std::string& officer = c.session.officer.name;
    const storage::StoreStatus s = action == Moderation::Hide      ? officers_.hide_comment(b.id, submission, about, reason, officer, error)
                                   : action == Moderation::Approve ? officers_.approve_comment(b.id, submission, about, officer, error)
                                                                   : officers_.show_comment(b.id, submission, about, error);
    if (s == storage::StoreStatus::Unavailable)
        return unavailable(c);
    if (action == Moderation::Approve && s == storage::StoreStatus::NotFound)
        return message(c, 404, tr(c, "No such comment"), tr(c, "The comment is not stored: it may have been erased. Nothing was changed."));
    const char* audited = action == Moderation::Hide ? "comment.hidden" : action == Moderation::Approve ? "comment.approved" : "comment.shown";
    if (s == storage::StoreStatus::Ok) audit(c, audited, b.id + "/" + submission + "/" + about, reason);
    std::string back = safe_back((*form)["back"]);
    back += (back.find('?') == std::string::npos ? "?" : "&") + std::string("done=") +
            (action == Moderation::Hide ? "hidden" : action == Moderation::Approve ? "approved" : "shown");
    return redirect(back);
}

}  // namespace server::console
