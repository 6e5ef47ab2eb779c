// The console's consultation settings: when responses are taken, and how many public results wait for.
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

ConsultationWindow Console::window_of(const budget::Budget& b) const {
    return config_.windows ? config_.windows->get(b.id) : ConsultationWindow{b.opens_at, b.closes_at, false, "", ""};
}

void Console::fill_window(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b, const WindowRetry* retry) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    const ConsultationWindow w = window_of(b);
    const std::int64_t now = now_seconds();
    auto when = [&](std::int64_t t) { return budget::describe_uk(t, language); };  // the council's time, GMT or BST
    std::string state;
    if (w.opens_at && now < *w.opens_at) state = fill(tr(c, "Not open yet: opens on {time}."), {{"time", when(*w.opens_at)}});
    else if (w.closes_at && now >= *w.closes_at) state = fill(tr(c, "Closed on {time}."), {{"time", when(*w.closes_at)}});
    else if (w.closes_at) state = fill(tr(c, "Open now; closes on {time}."), {{"time", when(*w.closes_at)}});
    else state = tr(c, "Open now, with no closing date.");
    d.SetValue("WINDOW_STATE", state);
    fill_retention(c, d, b);
    d.SetValue("WINDOW_SOURCE", w.changed_by_officer ? fill(tr(c, "Dates set in the console by {officer} on {time}."),
                                                            {{"officer", w.changed_by}, {"time", uk_time(c, w.changed_at)}})
                                                     : tr(c, "Dates from the budget file."));
    if (c.admin()) {
        auto* form = d.AddSectionDictionary("CAN_CHANGE_WINDOW");
        form->SetValue("OPENS_VALUE", retry ? retry->opens_at : w.opens_at ? budget::format_uk_local(*w.opens_at) : "");
        form->SetValue("CLOSES_VALUE", retry ? retry->closes_at : w.closes_at ? budget::format_uk_local(*w.closes_at) : "");
        if (retry) {  // open, with the problem in a summary that links to its field, and beside the field
            form->ShowSection("WINDOW_OPEN");
            auto* problem = form->AddSectionDictionary("WINDOW_ERROR");
            problem->SetValue("FIELD", retry->field);
            problem->SetValue("MESSAGE", retry->message);
            form->AddSectionDictionary(retry->field == "opens_at" ? "OPENS_ERROR" : "CLOSES_ERROR")->SetValue("MESSAGE", retry->message);
        }
    }
}

Response Console::change_window(Context& c, const budget::Budget& b) {
    auto form = admin_form(c, b.id, "changing dates needs an administrator", tr(c, "Ask an administrator to change the dates."));
    if (!form) return std::move(form.error);
    std::string error;
    if ((*form)["action"] == "reset") {
        if (!config_.windows->reset(b.id, error))
            return unavailable(c);
        audit(c, "consultation.dates_reset", b.id);
        return redirect("/console/budgets/" + b.id + "?done=dates");
    }
    // A datetime-local field sends "2027-01-05T09:00" (seconds optional): UK time (GMT or BST), kept in UTC.
    auto read = [](const std::string& text, std::optional<std::int64_t>& out) {
        if (text.empty()) return true;
        out = budget::parse_uk_local(text);
        return out.has_value();
    };
    storage::WindowOverride w;
    w.changed_by = c.session.officer.name;
    // Typed values come back as typed (at most a datetime's length), the problem beside its field.
    WindowRetry retry{(*form)["opens_at"].substr(0, 32), (*form)["closes_at"].substr(0, 32), "", ""};
    const std::string bad_time = tr(c, "Give each date and time as the form asks, or leave it empty; a time the clocks skip when they go forward in March does not exist. Nothing was changed.");
    if (!read((*form)["opens_at"], w.opens_at)) retry.field = "opens_at", retry.message = bad_time;
    else if (!read((*form)["closes_at"], w.closes_at)) retry.field = "closes_at", retry.message = bad_time;
    else if (w.opens_at && w.closes_at && *w.closes_at <= *w.opens_at)
        retry.field = "closes_at", retry.message = tr(c, "The closing time must be after the opening time. Nothing was changed.");
    if (!retry.field.empty()) return dashboard(c, b, &retry);
    if (!config_.windows->change(b.id, w, error))
        return unavailable(c);
    audit(c, "consultation.dates_changed", b.id,
          "opens " + (w.opens_at ? budget::format_utc(*w.opens_at) : std::string("(none)")) + ", closes " +
              (w.closes_at ? budget::format_utc(*w.closes_at) : std::string("(none)")));
    return redirect("/console/budgets/" + b.id + "?done=dates");
}

// When a consultation's personal data goes: retain_days after the close and its grace for late
// responses, so nothing stored after the purge escapes it.
namespace {
std::optional<std::int64_t> purge_time(const budget::Budget& b, const ConsultationWindow& w) {
    if (!w.closes_at) return std::nullopt;
    return *w.closes_at + kCloseGraceSeconds + b.retain_days * 86400;
}
}  // namespace

void Console::purge_due(std::int64_t now) {
    if (now < next_purge_check_) return;
    next_purge_check_ = now + 60;
    std::map<std::string, storage::OfficerStore::Purge> done;
    std::string error;
    if (!officers_.purges(done, error)) {
        log_line("retention: purges not read: " + error);
        return;
    }
    for (const auto& [id, edition] : config_.budgets->get()->current) {
        if (done.count(id)) continue;
        const ConsultationWindow w = window_of(*edition.budget);
        const auto due = purge_time(*edition.budget, w);
        if (!due || now < *due) continue;
        storage::OfficerStore::PurgeCounts counts;
        const storage::StoreStatus s = officers_.purge_personal_data(id, counts, error);
        if (s != storage::StoreStatus::Ok) {
            if (s == storage::StoreStatus::Unavailable) log_line("retention: " + id + " not purged: " + error);
            continue;
        }
        const std::string what = std::to_string(counts.comments) + " comments, " + std::to_string(counts.answers) + " personal answers, " +
                                 std::to_string(counts.codes) + " voter codes; " + std::to_string(edition.budget->retain_days) + " days after the close";
        officers_.audit("the server", "consultation.purged", id, what, error);
        log_line("retention: " + id + " purged: " + what);
    }
}

void Console::fill_retention(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    std::map<std::string, storage::OfficerStore::Purge> done;
    std::string error;
    if (!officers_.purges(done, error)) return;
    if (const auto p = done.find(b.id); p != done.end()) {
        d.SetValue("RETENTION", fill(tr(c, "Personal data purged on {time}: {comments} comments, {answers} personal answers and {codes} voter codes. The results stay."),
                                     {{"time", uk_time(c, p->second.purged_at)}, {"comments", std::to_string(p->second.counts.comments)},
                                      {"answers", std::to_string(p->second.counts.answers)}, {"codes", std::to_string(p->second.counts.codes)}}));
        return;
    }
    const ConsultationWindow w = window_of(b);
    const auto due = purge_time(b, w);
    d.SetValue("RETENTION", due ? fill(tr(c, "Comments, personal answers and voter codes are kept until {time}: {days} days after the close and its three days for late responses. Then they are purged; the results stay."),
                                      {{"time", budget::describe_uk(*due, language)}, {"days", std::to_string(b.retain_days)}})
                                : fill(tr(c, "Comments, personal answers and voter codes are kept until {days} days after the consultation closes; it has no closing date yet."),
                                       {{"days", std::to_string(b.retain_days)}}));
}

void Console::fill_threshold(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b) {
    if (!config_.thresholds) return;
    const std::int64_t threshold = config_.thresholds->get(b.id);
    auto* section = d.AddSectionDictionary("THRESHOLD");
    section->SetValue("THRESHOLD_STATE", fill(tr(c, "The public results show no figures until {count} people have responded."),
                                              {{"count", std::to_string(threshold)}}));
    const storage::ResultsThreshold set = config_.thresholds->setting(b.id);
    section->SetValue("THRESHOLD_SOURCE",
                      set.responses ? fill(tr(c, "Set in the console by {officer} on {time}."),
                                           {{"officer", set.changed_by}, {"time", uk_time(c, set.changed_at)}})
                                    : fill(tr(c, "The least there can be: {count}."), {{"count", std::to_string(kMinPublicResponses)}}));
    if (c.admin()) {
        auto* form = section->AddSectionDictionary("CAN_CHANGE_THRESHOLD");
        form->SetValue("THRESHOLD_VALUE", std::to_string(threshold));
        form->SetValue("THRESHOLD_MIN", std::to_string(kMinPublicResponses));
        form->SetValue("THRESHOLD_MAX", std::to_string(kMaxPublicResponses));
    }
}

Response Console::change_threshold(Context& c, const budget::Budget& b) {
    auto form = admin_form(c, b.id, "changing the results threshold needs an administrator",
                           tr(c, "Ask an administrator to change when results are shown."));
    if (!form) return std::move(form.error);
    const std::string text = (*form)["threshold"];
    const bool digits = !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
    storage::ResultsThreshold t;
    t.responses = digits ? std::stoll(text) : 0;
    t.changed_by = c.session.officer.name;
    std::string error;
    if (!config_.thresholds->change(b.id, t, error)) {
        if (error == "threshold.too_low" || error == "threshold.too_high" || !digits)
            return message(c, 400, tr(c, "Check the number"),
                           fill(tr(c, "Give a whole number of responses from {min} to {max}: results are never shown about fewer than {min} people. Nothing was changed."),
                                {{"min", std::to_string(kMinPublicResponses)}, {"max", std::to_string(kMaxPublicResponses)}}));
        return unavailable(c);
    }
    audit(c, "results.threshold_changed", b.id, std::to_string(t.responses) + " responses");
    return redirect("/console/budgets/" + b.id + "?done=threshold");
}

}  // namespace server::console
