// The console's sign-in, sign-out and passwords: sessions made, checked and ended (see auth.h).
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

Response Console::sign_in_page(Context& c, int status, const std::string& error, const std::string& notice, const std::string& name) {
    Page page(templates_, c, "sign_in.tpl", tr(c, "Sign in"));
    if (!error.empty()) page.body().AddSectionDictionary("ERROR")->SetValue("MESSAGE", error);
    if (!notice.empty()) page.body().AddSectionDictionary("NOTICE")->SetValue("MESSAGE", notice);
    page.body().SetValue("NAME", name);
    return page.render(status);
}

Response Console::sign_in(Context& c) {
    const Request& r = c.request;
    const std::string site = lower_ascii(r.sec_fetch_site);
    const std::string expected = std::string(c.https ? "https://" : "http://") + r.host;
    if ((!site.empty() && site != "same-origin" && site != "none") || (!r.origin.empty() && r.origin != expected))
        return message(c, 403, tr(c, "That request was refused"), tr(c, "The form did not come from this console."));
    if (lower_ascii(r.content_type).rfind("application/x-www-form-urlencoded", 0) != 0)
        return error_response(415, "http.unsupported_media_type", "send the form as application/x-www-form-urlencoded");
    auto form = parse_form(r.body);
    if (!form) return sign_in_page(c, 400, tr(c, "The form could not be read. Try again."), "", "");
    const std::string name = (*form)["name"], password = (*form)["password"];
    if (name.empty() || password.empty() || name.size() > 256)
        return sign_in_page(c, 400, tr(c, "Enter your name and your password."), "", name.size() > 256 ? "" : name);

    if (const std::int64_t wait = throttle_.wait_seconds(name, r.client_address); wait > 0) {
        const std::int64_t until = (static_cast<std::int64_t>(std::time(nullptr)) + wait + 59) / 60 * 60;  // to the next whole minute
        const std::string clock = budget::format_uk_local(until).substr(11, 5) + (budget::uk_offset_seconds(until) ? " BST" : " GMT");
        Response page = sign_in_page(
            c, 429, fill(tr(c, "There have been too many attempts to sign in. Try again after {time}."), {{"time", clock}}),
            "", name);
        page.headers.emplace_back("Retry-After", std::to_string(wait));
        return page;
    }

    storage::Officer officer;
    std::string error;
    const storage::StoreStatus found = officers_.find_officer(name, officer, error);
    if (found == storage::StoreStatus::Unavailable) {
        log_line("console: officers unavailable: " + error);
        return unavailable(c);
    }
    bool ok = false;
    if (found == storage::StoreStatus::Ok) ok = verify_password(officer.password_hash, password);
    else verify_password_dummy(password);  // the same time whether or not the name exists
    if (!ok) {
        throttle_.failed(name, r.client_address);
        std::string ignored;
        officers_.audit("", "sign_in.failed", found == storage::StoreStatus::Ok ? name : "(unknown name)", "", ignored);
        return sign_in_page(c, 401, tr(c, "The name or password is not right. Check them and try again."), "", name);
    }
    throttle_.succeeded(name, r.client_address);

    // A new session every time (an old one, if any, ends): a planted id is never promoted.
    const std::int64_t now = now_seconds();
    officers_.end_sessions_before(now - kIdleSeconds, now - kAbsoluteSeconds, error);
    if (!c.session_id.empty()) officers_.end_session(session_hash(c.session_id), error);
    const std::string sid = new_session_id();
    if (!officers_.create_session(session_hash(sid), officer.id, now, error)) {
        log_line("console: session not stored: " + error);
        return unavailable(c);
    }
    c.signed_in = true;
    c.session.officer = officer;
    audit(c, "sign_in", officer.name);
    Response done = redirect("/console/");
    done.headers.emplace_back("Set-Cookie", session_cookie(sid, c.https));
    return done;
}

Response Console::sign_out(Context& c) {
    auto form = parse_form(c.request.body);
    if (!form || !same_secret((*form)["csrf"], c.csrf))
        return message(c, 403, tr(c, "That request was refused"), tr(c, "The form had expired or did not come from this console. Nothing was changed."));
    std::string error;
    officers_.end_session(session_hash(c.session_id), error);
    audit(c, "sign_out", c.session.officer.name);
    Response done = redirect("/console/sign-in?signed_out=1");
    done.headers.emplace_back("Set-Cookie", ended_cookie(c.https));
    return done;
}

Response Console::password_page(Context& c, int status, const std::string& notice, const std::string& problem) {
    Page page(templates_, c, "password.tpl", tr(c, "Change your password"));
    if (!notice.empty()) page.body().AddSectionDictionary("NOTICE")->SetValue("MESSAGE", notice);
    if (!problem.empty()) page.body().AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    page.body().SetValue("OFFICER", c.session.officer.name);
    return page.render(status);
}

// An officer changes their own password: the old one first; every session of theirs ends, and this
// browser gets a new one.
Response Console::change_password(Context& c) {
    auto form = parse_form(c.request.body);
    if (!form || !same_secret((*form)["csrf"], c.csrf))
        return message(c, 403, tr(c, "That request was refused"), tr(c, "The form had expired or did not come from this console. Nothing was changed."));
    const std::string& name = c.session.officer.name;
    if (const std::int64_t wait = throttle_.wait_seconds(name, c.request.client_address); wait > 0) {
        Response page = password_page(c, 429, "", tr(c, "There have been too many wrong passwords. Try again later."));
        page.headers.emplace_back("Retry-After", std::to_string(wait));
        return page;
    }
    if (!verify_password(c.session.officer.password_hash, (*form)["current"])) {
        throttle_.failed(name, c.request.client_address);
        audit(c, "password_change.failed", name);
        return password_page(c, 400, "", tr(c, "Your password now is not right. Nothing was changed."));
    }
    const std::string& next = (*form)["new"];
    if (const std::string problem = password_problem(name, next); !problem.empty()) return password_page(c, 400, "", tr(c, problem));
    std::string error;
    const std::string hash = hash_password(next);
    if (hash.empty() || officers_.set_password(name, hash, error) != storage::StoreStatus::Ok)
        return unavailable(c);
    audit(c, "officer.password_changed", name);
    const std::string sid = new_session_id();
    if (!officers_.create_session(session_hash(sid), c.session.officer.id, now_seconds(), error))
        return unavailable(c);
    c.session_id = sid;
    c.csrf = csrf_token(sid);
    Response done = password_page(c, 200, tr(c, "Your password is changed. You are signed out everywhere else."), "");
    done.headers.emplace_back("Set-Cookie", session_cookie(sid, c.https));
    return done;
}

}  // namespace server::console
