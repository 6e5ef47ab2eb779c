// The console's request handling and its routes, one table: sessions, CSRF checks, roles and who answers.
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
#include "profiles.h"
#include "log.h"
#include "qr_svg.h"
#include "voter_code.h"
#include "utc_time.h"

namespace server::console {

namespace {

bool is_hex64(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

Console::Console(ConsoleConfig config, storage::Storage& storage, storage::OfficerStore& officers, const Templates& templates)
    : config_(std::move(config)), storage_(storage), officers_(officers), templates_(templates) {
    // Servers sharing a PostgreSQL count failed sign-ins together; one SQLite server, in memory.
    if (officers_.is_postgres()) throttle_.share_through(&officers_);
    // Scheduled publishes: looked at each second, published by this thread when due.
    scheduler_ = std::thread([this] {
        std::unique_lock<std::mutex> lock(scheduler_mutex_);
        while (!scheduler_wake_.wait_for(lock, std::chrono::seconds(1), [this] { return scheduler_stopping_; })) {
            lock.unlock();
            publish_due(now_seconds());
            purge_due(now_seconds());
            lock.lock();
        }
    });
}

Console::~Console() { stop(); }

void Console::stop() {
    {
        std::lock_guard<std::mutex> lock(scheduler_mutex_);
        scheduler_stopping_ = true;
    }
    scheduler_wake_.notify_all();
    std::call_once(scheduler_joined_, [this] { scheduler_.join(); });
    hashing_.stop();
    work_.stop();
}

namespace {

// Every console answer's headers: its own policy or the console's, never framed, never cached unless it says.
Response with_console_headers(Response r) {
    auto has = [&](const char* name) {
        return std::any_of(r.headers.begin(), r.headers.end(), [&](const auto& h) { return h.first == name; });
    };
    // A page may set its own (a draft's preview frames the resident app); the rest are never framed.
    if (!has("Content-Security-Policy")) r.headers.emplace_back("Content-Security-Policy", kConsoleSecurityPolicy);
    if (!has("X-Frame-Options")) r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
    // Browsers send "Origin: null" on forms from pages with no-referrer; the CSRF check needs the origin.
    r.headers.emplace_back("Referrer-Policy", "same-origin");
    if (!has("Cache-Control")) r.headers.emplace_back("Cache-Control", "no-store");
    return r;
}

Response console_busy() {
    Response r = error_response(503, "console.busy", "the console is busy; try again in a moment");
    r.headers.emplace_back("Retry-After", "5");
    return r;
}

// Sign-in and a password change hash a password (deliberately slow): they queue apart, so a flood
// of guesses never stands in front of a signed-in officer's pages.
bool hashes_password(const Request& r) {
    if (r.method != "POST") return false;
    const std::string_view path = std::string_view(r.target).substr(0, r.target.find('?'));
    return path == "/console/sign-in" || path == "/console/password";
}

}  // namespace

void Console::handle(Request request, std::function<void(Response)> done) {
    auto finish = [done](Response r) { done(with_console_headers(std::move(r))); };
    auto shared = std::make_shared<Request>(std::move(request));
    WorkQueue& queue = hashes_password(*shared) ? hashing_ : work_;
    if (!queue.post([this, shared, finish] {
            const std::string& target = shared->target;
            const auto q = target.find('?');
            Context c(*shared, target.substr(0, q), config_.budgets->get());
            auto query = parse_form(q == std::string::npos ? std::string_view() : std::string_view(target).substr(q + 1));
            if (!query) return finish(error_response(400, "http.bad_request", "the query string could not be read"));
            c.query = std::move(*query);
            try {
                finish(route(c));
            } catch (const std::exception& e) {  // ctemplate and the standard library may throw (out of memory)
                log_line(std::string("console: ") + e.what());
                finish(error_response(500, "http.internal", "the console could not answer"));
            }
        }))
        finish(console_busy());
}

void Console::admit(Request head, std::function<void(std::optional<Response>)> done) {
    auto shared = std::make_shared<Request>(std::move(head));
    if (!work_.post([this, shared, done] {
            const std::string& target = shared->target;
            Context c(*shared, target.substr(0, target.find('?')), config_.budgets->get());
            try {
                Decision d = decide(c);
                if (d.refusal) return done(with_console_headers(std::move(*d.refusal)));
                done(std::nullopt);
            } catch (const std::exception& e) {
                log_line(std::string("console: ") + e.what());
                done(with_console_headers(error_response(500, "http.internal", "the console could not answer")));
            }
        }))
        done(with_console_headers(console_busy()));
}

void Console::audit(const Context& c, const std::string& action, const std::string& object, const std::string& detail) {
    std::string error;
    if (!officers_.audit(c.signed_in ? c.session.officer.name : "", action, object, detail, error))
        log_line("audit log not written (" + action + " " + object + "): " + error);
}

std::string Console::tr(const Context& c, std::string_view english) const {
    return std::string(templates_.translate(c.lang, english));
}

Response Console::message(Context& c, int status, const std::string& heading, const std::string& text) {
    Page page(templates_, c, "message.tpl", heading);
    page.body().SetValue("HEADING", heading);
    page.body().SetValue("MESSAGE", text);
    page.body().SetValue("LINK", c.signed_in ? "/console/" : "/console/sign-in");
    page.body().SetValue("LINK_TEXT", c.signed_in ? tr(c, "Back to the consultations") : tr(c, "Sign in"));
    return page.render(status);
}

// 503: the database (or the export it feeds) could not be reached.
Response Console::unavailable(Context& c) {
    return message(c, 503, tr(c, "The console is unavailable"), tr(c, "The database could not be reached. Try again in a minute."));
}

// Every console route, read top to bottom; the first that fits answers.
//   who:  Anyone (no session is looked up), Visitor (the session is looked up, none needed), Officer.
//   body: what a POST may carry besides a form (application/x-www-form-urlencoded).
//   strict: another method is 405, not passed on.
//   path: {budget} a budget's id (and its version, by ?version=N), {ballot} a ballot's, {consultation}
//         either, {profile} a council profile's, {authored} a budget's or a consultation's started here and not
//         yet published; {rest} the rest of the path, for drafts.cpp's and the tally's own routes.
// A signed-in officer's POST must come from this site (Origin, Sec-Fetch-Site) and, for a form, carry
// the session's token (admin_form). Anything else is 404.
const std::vector<Console::Route>& Console::routes() {
    using M = const Match&;
    static const std::vector<Route> table = {
        {"*",    "/console",                        Who::Anyone,  Body::Form, [](Console&, Context&, M) { return redirect("/console/"); }},
        {"GET",  "/console/console.css",            Who::Anyone,  Body::Form, [](Console& k, Context& c, M) { return k.stylesheet(c); }, true},
        {"GET",  "/console/language",               Who::Anyone,  Body::Form, [](Console& k, Context& c, M) { return k.choose_language(c); }},
        {"GET",  "/console/brand/{budget}/brand.css", Who::Anyone, Body::Form, [](Console& k, Context& c, M m) { return k.brand_css(c, *m.budget); }},
        {"GET",  "/console/sign-in",                Who::Visitor, Body::Form, [](Console& k, Context& c, M) { return k.sign_in_form(c); }, true},
        {"POST", "/console/sign-in",                Who::Visitor, Body::Form, [](Console& k, Context& c, M) { return k.sign_in(c); }, true},
        {"POST", "/console/sign-out",               Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.sign_out(c); }},
        {"GET",  "/console/",                       Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.home(c); }},
        {"GET",  "/console/password",               Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.password_page(c, 200, "", ""); }},
        {"POST", "/console/password",               Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.change_password(c); }},
        {"GET",  "/console/officers",               Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.officers_page(c, 200, "", ""); }},
        {"POST", "/console/officers/add",           Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.change_officers(c); }},
        {"POST", "/console/officers/remove",        Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.change_officers(c); }},
        {"GET",  "/console/tokens",                 Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.tokens_page(c, 200, "", "", ""); }},
        {"POST", "/console/tokens/create",          Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.change_tokens(c); }},
        {"POST", "/console/tokens/revoke",          Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.change_tokens(c); }},
        {"GET",  "/console/audit",                  Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.audit_page(c); }},
        {"POST", "/console/consultations/new",      Who::Officer, Body::FormOrFile, [](Console& k, Context& c, M) { return k.start_consultation(c); }},
        {"GET",  "/console/audit.csv",              Who::Officer, Body::Form, [](Console& k, Context& c, M) { return k.audit_csv(c); }},
        // Events (events.cpp, paper.cpp): the projector's tally, voter codes, paper ballots.
        {"GET",  "/console/tally/{rest}",           Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.open_tally(c, m.rest); }},
        {"GET",  "/console/paper/{ballot}",         Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.paper_page(c, *m.ballot, 200, {}, "", ""); }},
        {"POST", "/console/paper/{ballot}",         Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.enter_paper(c, *m.ballot); }},
        {"POST", "/console/paper/{ballot}/import",  Who::Officer, Body::FormOrFile, [](Console& k, Context& c, M m) { return k.import_papers(c, *m.ballot); }},
        {"GET",  "/console/codes/{consultation}",   Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.codes_page(c, m.codes, 200, "", "100", ""); }},
        {"POST", "/console/codes/{consultation}",   Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.create_codes(c, m.codes); }},
        // A budget's results (results_pages.cpp), settings (consultation_dates.cpp) and comments (comments.cpp).
        {"GET",  "/console/budgets/{budget}",                Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.dashboard(c, *m.budget); }},
        {"GET",  "/console/budgets/{budget}/report",         Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.report(c, *m.budget); }},
        {"POST", "/console/budgets/{budget}/window",         Who::Officer, Body::Form, [](Console& k, Context& c, M m) {
             return k.config_.windows ? k.change_window(c, *m.budget) : k.not_found(c); }},
        {"POST", "/console/budgets/{budget}/threshold",      Who::Officer, Body::Form, [](Console& k, Context& c, M m) {
             return k.config_.thresholds ? k.change_threshold(c, *m.budget) : k.not_found(c); }},
        {"GET",  "/console/budgets/{budget}/comments",       Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.comments(c, *m.budget); }},
        {"GET",  "/console/budgets/{budget}/erase",          Who::Officer, Body::Form, [](Console& k, Context& c, M m) {
             return k.config_.erased ? k.erase_page(c, *m.budget, 200, c.query["reference"].substr(0, 128), nullptr, "") : k.not_found(c); }},
        {"POST", "/console/budgets/{budget}/erase",          Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.erase(c, *m.budget); }},
        {"POST", "/console/budgets/{budget}/comments/hide",  Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.moderate(c, *m.budget, Console::Moderation::Hide); }},
        {"POST", "/console/budgets/{budget}/comments/show",  Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.moderate(c, *m.budget, Console::Moderation::Show); }},
        {"POST", "/console/budgets/{budget}/comments/approve", Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.moderate(c, *m.budget, Console::Moderation::Approve); }},
        {"GET",  "/console/budgets/{budget}/duplicates",     Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.duplicates(c, *m.budget); }},
        {"GET",  "/console/budgets/{budget}/export.csv",     Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.export_file(c, *m.budget, "export.csv"); }},
        {"GET",  "/console/budgets/{budget}/export.xlsx",    Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.export_file(c, *m.budget, "export.xlsx"); }},
        {"GET",  "/console/budgets/{budget}/aggregate.csv",  Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.export_file(c, *m.budget, "aggregate.csv"); }},
        {"GET",  "/console/budgets/{budget}/aggregate.json", Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.export_file(c, *m.budget, "aggregate.json"); }},
        {"GET",  "/console/budgets/{budget}/submissions.jsonl", Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.export_file(c, *m.budget, "submissions.jsonl"); }},
        // Budget authoring (drafts.cpp): versions, drafts, previews and publishing.
        {"GET",  "/console/profiles/{profile}",              Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.profile_page(c, m.id, 200, ""); }},
        {"GET",  "/console/profiles/{profile}/profile.json", Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.current_profile_file(c, m.id, false); }},
        {"GET",  "/console/profiles/{profile}/profile.xlsx", Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.current_profile_file(c, m.id, true); }},
        {"POST", "/console/profiles/{profile}/drafts",       Who::Officer, Body::FormOrFile, [](Console& k, Context& c, M m) { return k.upload_profile_draft(c, m.id); }},
        {"GET",  "/console/profiles/{profile}/drafts/{rest}", Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.profile_draft_route(c, m.id, m.rest); }},
        {"POST", "/console/profiles/{profile}/drafts/{rest}", Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.profile_draft_route(c, m.id, m.rest); }},
        {"GET",  "/console/budgets/{authored}/budget",       Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.budget_page(c, m.id, 200, ""); }},
        {"GET",  "/console/budgets/{budget}/budget.json",    Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.budget_file(c, *m.budget, m.edition->json, false, ""); }},
        {"GET",  "/console/budgets/{budget}/budget.xlsx",    Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.budget_file(c, *m.budget, m.edition->json, true, ""); }},
        {"POST", "/console/budgets/{authored}/drafts",       Who::Officer, Body::FormOrFile, [](Console& k, Context& c, M m) { return k.upload_draft(c, m.id); }},
        {"POST", "/console/budgets/{budget}/rollback",       Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.roll_back(c, m.id); }},
        {"POST", "/console/budgets/{authored}/schedule/cancel", Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.cancel_schedule(c, m.id); }},
        {"POST", "/console/budgets/{authored}/drafts/{rest}/preview-submissions", Who::Officer, Body::Any, [](Console& k, Context& c, M m) {
             return k.draft_route(c, m.id, m.rest + "/preview-submissions"); }},
        {"GET",  "/console/budgets/{authored}/drafts/{rest}", Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.draft_route(c, m.id, m.rest); }},
        {"POST", "/console/budgets/{authored}/drafts/{rest}", Who::Officer, Body::Form, [](Console& k, Context& c, M m) { return k.draft_route(c, m.id, m.rest); }},
    };
    return table;
}

// Fits `path` to `pattern`, filling `m`. {rest} takes one or more whole segments; other names one
// each, resolved at once (a budget, ballot or consultation that does not exist is `unknown`).
bool Console::fit(Context& c, std::string_view pattern, std::string_view path, Match& m, std::string& unknown) {
    std::size_t p = 0, q = 0;
    while (p < pattern.size()) {
        if (pattern[p] != '{') {
            if (q >= path.size() || path[q] != pattern[p]) return false;
            ++p, ++q;
            continue;
        }
        const std::size_t close = pattern.find('}', p);
        const std::string_view name = pattern.substr(p + 1, close - p - 1);
        p = close + 1;
        const std::string_view after = pattern.substr(p);  // the literal text that follows, if any
        std::size_t end = name == "rest" ? (after.empty() ? path.size() : path.rfind(after)) : path.find('/', q);
        if (end == std::string_view::npos || end < q) end = name == "rest" ? std::string_view::npos : path.size();
        if (end == std::string_view::npos || end == q) return false;
        const std::string value(path.substr(q, end - q));
        q = end;
        if (name == "rest") {
            m.rest = value;
        } else if (!resolve(c, name, value, m, unknown)) {
            return false;
        }
    }
    return q == path.size();
}

bool Console::resolve(Context& c, std::string_view name, const std::string& id, Match& m, std::string& unknown) {
    const BallotEdition* ballot = config_.ballots ? config_.ballots->find(id) : nullptr;
    m.id = id;
    if (name == "ballot") {
        if (ballot) m.ballot = ballot->ballot.get();
        else unknown = tr(c, "There is no consultation at this address.");
        return ballot != nullptr;
    }
    if (name == "profile") {
        const bool held = config_.profiles && config_.profiles->get()->profiles.count(id);
        if (!held) unknown = tr(c, "There is no council profile at this address.");
        return held;
    }
    if (name == "consultation") {
        if (ballot) {
            m.codes = {id, ballot->ballot->title, ballot->ballot->codes_required};
        } else if (const BudgetEdition* edition = c.budgets->find(id)) {
            const budget::Budget& b = *edition->budget;
            m.codes = {id, {b.council_name.en + " " + b.financial_year, b.council_name.cy.empty() ? "" : b.council_name.cy + " " + b.financial_year},
                       b.codes_required};
        } else {
            unknown = tr(c, "There is no consultation at this address.");
            return false;
        }
        return true;
    }
    // {authored}: a budget on the server, or one started in the console and not yet published
    // (drafts and publishing only; m.budget is null then).
    if (name == "authored") {
        m.edition = c.budgets->find(id);
        if (m.edition) m.budget = m.edition->budget.get();
        if (m.edition || started_here(id, nullptr)) return true;
        unknown = tr(c, "There is no consultation at this address.");
        return false;
    }
    // {budget}: results and exports are per version, the current one or an earlier one by ?version=N.
    m.edition = c.budgets->find(id);
    if (!m.edition) {
        unknown = tr(c, "There is no consultation at this address.");
        return false;
    }
    if (c.query.count("version")) {
        const std::string& v = c.query["version"];
        const bool digits = !v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos;
        m.edition = digits ? c.budgets->find(id, std::stoll(v)) : nullptr;
        if (!m.edition) {
            unknown = tr(c, "This consultation has no such version.");
            return false;
        }
    }
    m.budget = m.edition->budget.get();
    return true;
}

Response Console::not_found(Context& c) {
    return message(c, 404, tr(c, "Page not found"), tr(c, "There is no console page at this address."));
}

// A council's colour on the edge of its bar, where it has 3:1 against the page (else the console's own).
Response Console::brand_css(Context&, const budget::Budget& b) {
    Response r;
    r.content_type = "text/css; charset=utf-8";
    if (b.brand.colour && b.brand.colour_for_controls) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "#%06x", static_cast<unsigned>(*b.brand.colour & 0xFFFFFFu));
        r.body = std::string(".council-bar { border-bottom-color: ") + hex + "; }\n";
    }
    r.headers.emplace_back("Cache-Control", "max-age=300");
    return r;
}

Response Console::stylesheet(Context&) {
    Response css;
    css.content_type = "text/css; charset=utf-8";
    css.body = templates_.asset("console.css");
    css.headers.emplace_back("Cache-Control", "no-cache");
    return css;
}

Response Console::choose_language(Context& c) {
    Response back = redirect(safe_back(c.query["back"]));
    back.headers.emplace_back("Set-Cookie", std::string("console_lang=") + (c.query["to"] == "cy" ? "cy" : "en") +
                                                "; Path=/console; SameSite=Strict; Max-Age=31536000" + (c.https ? "; Secure" : ""));
    return back;
}

Response Console::sign_in_form(Context& c) {
    if (c.signed_in) return redirect("/console/");
    Response page = sign_in_page(c, 200, "",
                                 c.query.count("signed_out") ? tr(c, "You have signed out.")
                                 : c.expired ? tr(c, "Your session has ended. Sign in again to carry on.")
                                             : "",
                                 "");
    if (c.expired) page.headers.emplace_back("Set-Cookie", ended_cookie(c.https));
    return page;
}

// Who is asking: a session cookie is looked up by its hash and held to both time limits. False when
// the sessions could not be read.
bool Console::identify(Context& c) {
    const std::string sid = cookie_value(c.request.cookie, kSessionCookie);
    if (!is_hex64(sid)) return true;
    std::string error;
    const storage::StoreStatus s = officers_.find_session(session_hash(sid), c.session, error);
    if (s == storage::StoreStatus::Unavailable) {
        log_line("console: sessions unavailable: " + error);
        return false;
    }
    const std::int64_t now = now_seconds();
    if (s == storage::StoreStatus::Ok && (now - c.session.last_seen > kIdleSeconds || now - c.session.created > kAbsoluteSeconds)) {
        officers_.end_session(session_hash(sid), error);
        c.expired = true;
    } else if (s == storage::StoreStatus::Ok) {
        // Idle time is kept to the minute: one write a minute, not one per page.
        if (now - c.session.last_seen >= 60) officers_.touch_session(session_hash(sid), now, error);
        c.signed_in = true;
        c.session_id = sid;
        c.csrf = csrf_token(sid);
    } else {
        c.expired = true;
    }
    return true;
}

// Everything route() checks before a handler runs: the route that fits, and a refusal when there
// is one (no session, a cross-site form, a body of the wrong type). It reads no body.
Console::Decision Console::decide(Context& c) {
    const Request& r = c.request;
    c.lang = cookie_value(r.cookie, "console_lang") == "cy" ? Lang::Cy : Lang::En;
    c.https = config_.trust_proxy && lower_ascii(r.forwarded_proto) == "https";

    // The first route whose path fits; among those, the one for this method.
    Decision d;
    const Route* other_method = nullptr;
    for (const Route& route : routes()) {
        Match m;
        if (!fit(c, route.path, c.path, m, d.unknown)) continue;
        if (r.method != route.method && route.method != std::string_view("*")) {
            if (!other_method) other_method = &route;
            continue;
        }
        d.found = &route;
        d.match = std::move(m);
        break;
    }
    // The stylesheet and the sign-in page answer only their methods.
    const bool strict = !d.found && other_method && other_method->strict;
    if (strict && other_method->who == Who::Anyone) {
        d.refusal = error_response(405, "http.method_not_allowed", "this route answers GET, HEAD");
        return d;
    }
    if (d.found && d.found->who == Who::Anyone) return d;

    if (!identify(c)) {
        d.refusal = unavailable(c);
        return d;
    }
    if (strict && other_method->who == Who::Visitor) {
        d.refusal = error_response(405, "http.method_not_allowed", "this route answers GET, POST");
        return d;
    }
    if (d.found && d.found->who == Who::Visitor) return d;

    if (!c.signed_in) {
        d.refusal = r.method == "GET"
                        ? redirect("/console/sign-in")
                        : message(c, 401, tr(c, "Sign in first"), tr(c, "Your session has ended, so nothing was changed. Sign in and try again."));
        if (c.expired) d.refusal->headers.emplace_back("Set-Cookie", ended_cookie(c.https));
        return d;
    }
    if (r.method == "POST") {
        // Cross-site request forgery: the browser must say the form came from this site, and the
        // form must carry this session's token (checked by the handler, from the body).
        const std::string expected = std::string(c.https ? "https://" : "http://") + r.host;
        const std::string site = lower_ascii(r.sec_fetch_site);
        if ((!site.empty() && site != "same-origin" && site != "none") || (!r.origin.empty() && r.origin != expected)) {
            audit(c, "request.refused", c.path, "cross-site form");
            d.refusal = message(c, 403, tr(c, "That request was refused"), tr(c, "The form did not come from this console. Nothing was changed."));
            return d;
        }
        const std::string type = lower_ascii(r.content_type);
        const bool form = type.rfind("application/x-www-form-urlencoded", 0) == 0;
        const bool file = type.rfind("multipart/form-data", 0) == 0;
        const Body body = d.found ? d.found->body : Body::Form;
        if (!form && !(body == Body::FormOrFile && file) && body != Body::Any)
            d.refusal = error_response(415, "http.unsupported_media_type", "send the form as application/x-www-form-urlencoded");
    }
    return d;
}

Response Console::route(Context& c) {
    Decision d = decide(c);
    if (d.refusal) return std::move(*d.refusal);
    if (d.found) return d.found->handler(*this, c, d.match);
    if (!d.unknown.empty()) return message(c, 404, tr(c, "Page not found"), d.unknown);
    return not_found(c);
}

std::string Console::uk_time(const Context& c, const std::string& utc) const {
    const std::optional<std::int64_t> t = budget::parse_utc(utc);
    return t ? budget::describe_uk(*t, c.lang == Lang::Cy ? "cy" : "en") : utc;
}

Console::AdminForm Console::admin_form(Context& c, const std::string& object, const std::string& needs, const std::string& ask) {
    AdminForm out;
    auto form = parse_form(c.request.body);
    if (!form || !same_secret((*form)["csrf"], c.csrf)) {
        out.error = message(c, 403, tr(c, "That request was refused"),
                            tr(c, "The form had expired or did not come from this console. Nothing was changed."));
        return out;
    }
    if (!c.admin()) {
        audit(c, "request.refused", object, needs);
        out.error = message(c, 403, tr(c, "Only administrators can do that"), ask);
        return out;
    }
    out.fields = std::move(*form);
    out.ok = true;
    return out;
}

}  // namespace server::console
