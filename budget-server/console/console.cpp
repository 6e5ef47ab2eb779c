// The console's routes: sessions, CSRF checks, roles, and the pages they render.
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

namespace {

bool is_hex64(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

Console::Console(ConsoleConfig config, Storage& storage, OfficerStore& officers, const Templates& templates)
    : config_(std::move(config)), storage_(storage), officers_(officers), templates_(templates) {}

void Console::handle(Request request, std::function<void(Response)> done) {
    auto finish = [done](Response r) {
        auto has = [&](const char* name) {
            return std::any_of(r.headers.begin(), r.headers.end(), [&](const auto& h) { return h.first == name; });
        };
        // A page may set its own (a draft's preview frames the resident app); the rest are never framed.
        if (!has("Content-Security-Policy")) r.headers.emplace_back("Content-Security-Policy", kConsoleSecurityPolicy);
        if (!has("X-Frame-Options")) r.headers.emplace_back("X-Frame-Options", "DENY");
        r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
        // Browsers send "Origin: null" on forms from pages with no-referrer; the CSRF check needs the origin.
        r.headers.emplace_back("Referrer-Policy", "same-origin");
        bool cached = false;
        for (const auto& h : r.headers) cached = cached || h.first == "Cache-Control";
        if (!cached) r.headers.emplace_back("Cache-Control", "no-store");
        done(std::move(r));
    };
    auto shared = std::make_shared<Request>(std::move(request));
    if (!work_.post([this, shared, finish] {
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
        })) {
        Response r = error_response(503, "console.busy", "the console is busy; try again in a moment");
        r.headers.emplace_back("Retry-After", "5");
        finish(std::move(r));
    }
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

Response Console::route(Context& c) {
    const Request& r = c.request;
    c.lang = cookie_value(r.cookie, "console_lang") == "cy" ? Lang::Cy : Lang::En;
    c.https = config_.trust_proxy && lower_ascii(r.forwarded_proto) == "https";
    const bool get = r.method == "GET";
    const bool post = r.method == "POST";

    if (c.path == "/console") return redirect("/console/");
    if (c.path == "/console/console.css") {
        if (!get) return error_response(405, "http.method_not_allowed", "this route answers GET, HEAD");
        Response css;
        css.content_type = "text/css; charset=utf-8";
        css.body = templates_.asset("console.css");
        css.headers.emplace_back("Cache-Control", "no-cache");
        return css;
    }
    if (c.path == "/console/language" && get) {
        Response back = redirect(safe_back(c.query["back"]));
        back.headers.emplace_back("Set-Cookie", std::string("console_lang=") + (c.query["to"] == "cy" ? "cy" : "en") +
                                                    "; Path=/console; SameSite=Strict; Max-Age=31536000" + (c.https ? "; Secure" : ""));
        return back;
    }

    // Who is asking: a session cookie is looked up by its hash and held to both time limits.
    const std::string sid = cookie_value(r.cookie, kSessionCookie);
    if (is_hex64(sid)) {
        std::string error;
        const StoreStatus s = officers_.find_session(session_hash(sid), c.session, error);
        if (s == StoreStatus::Unavailable) {
            log_line("console: sessions unavailable: " + error);
            return unavailable(c);
        }
        const std::int64_t now = now_seconds();
        if (s == StoreStatus::Ok && (now - c.session.last_seen > kIdleSeconds || now - c.session.created > kAbsoluteSeconds)) {
            officers_.end_session(session_hash(sid), error);
            c.expired = true;
        } else if (s == StoreStatus::Ok) {
            // Idle time is kept to the minute: one write a minute, not one per page.
            if (now - c.session.last_seen >= 60) officers_.touch_session(session_hash(sid), now, error);
            c.signed_in = true;
            c.session_id = sid;
            c.csrf = csrf_token(sid);
        } else {
            c.expired = true;
        }
    }

    if (c.path == "/console/sign-in") {
        if (post) return sign_in(c);
        if (!get) return error_response(405, "http.method_not_allowed", "this route answers GET, POST");
        if (c.signed_in) return redirect("/console/");
        Response page = sign_in_page(c, 200, "",
                                     c.query.count("signed_out") ? tr(c, "You have signed out.")
                                     : c.expired ? tr(c, "Your session has ended. Sign in again to carry on.")
                                                 : "",
                                     "");
        if (c.expired) page.headers.emplace_back("Set-Cookie", ended_cookie(c.https));
        return page;
    }

    if (!c.signed_in) {
        Response refused = get ? redirect("/console/sign-in")
                               : message(c, 401, tr(c, "Sign in first"), tr(c, "Your session has ended, so nothing was changed. Sign in and try again."));
        if (c.expired) refused.headers.emplace_back("Set-Cookie", ended_cookie(c.https));
        return refused;
    }

    if (post) {
        // Cross-site request forgery: the browser must say the form came from this site, and the
        // form must carry this session's token.
        const std::string expected = std::string(c.https ? "https://" : "http://") + r.host;
        const std::string site = lower_ascii(r.sec_fetch_site);
        if ((!site.empty() && site != "same-origin" && site != "none") || (!r.origin.empty() && r.origin != expected)) {
            audit(c, "request.refused", c.path, "cross-site form");
            return message(c, 403, tr(c, "That request was refused"), tr(c, "The form did not come from this console. Nothing was changed."));
        }
        const std::string type = lower_ascii(r.content_type);
        // Two posts are not forms: a budget upload (a file) and what a draft's preview tries to send.
        const bool budgets = c.path.rfind("/console/budgets/", 0) == 0;
        const bool upload = budgets && c.path.size() > 7 && c.path.compare(c.path.size() - 7, 7, "/drafts") == 0 &&
                            type.rfind("multipart/form-data", 0) == 0;
        const bool preview = budgets && c.path.size() > 20 && c.path.compare(c.path.size() - 20, 20, "/preview-submissions") == 0;
        const bool paper_file = c.path.rfind("/console/paper/", 0) == 0 && c.path.size() > 7 &&
                                c.path.compare(c.path.size() - 7, 7, "/import") == 0 && type.rfind("multipart/form-data", 0) == 0;
        if (type.rfind("application/x-www-form-urlencoded", 0) != 0 && !upload && !preview && !paper_file)
            return error_response(415, "http.unsupported_media_type", "send the form as application/x-www-form-urlencoded");
    }

    if (c.path == "/console/sign-out" && post) return sign_out(c);
    if (c.path == "/console/" && get) return home(c);
    if (c.path == "/console/audit" && get) return audit_page(c);
    if (c.path == "/console/password" && get) return password_page(c, 200, "", "");
    if (c.path == "/console/password" && post) return change_password(c);
    if (c.path == "/console/officers" && get) return officers_page(c, 200, "", "");
    if ((c.path == "/console/officers/add" || c.path == "/console/officers/remove") && post) return change_officers(c);
    if (c.path == "/console/tokens" && get) return tokens_page(c, 200, "", "", "");
    if ((c.path == "/console/tokens/create" || c.path == "/console/tokens/revoke") && post) return change_tokens(c);
    if (c.path == "/console/audit.csv" && get) return audit_csv(c);

    if (c.path.rfind("/console/tally/", 0) == 0 && get) return open_tally(c, c.path.substr(15));
    if (c.path.rfind("/console/paper/", 0) == 0) {
        std::string id = c.path.substr(15);
        const bool import = id.size() > 7 && id.compare(id.size() - 7, 7, "/import") == 0;
        if (import) id.resize(id.size() - 7);
        const BallotEdition* ballot = config_.ballots ? config_.ballots->find(id) : nullptr;
        if (!ballot) return message(c, 404, tr(c, "Page not found"), tr(c, "There is no consultation at this address."));
        if (get && !import) return paper_page(c, *ballot->ballot, 200, {}, "", "");
        if (post && import) return import_papers(c, *ballot->ballot);
        if (post) return enter_paper(c, *ballot->ballot);
    }
    if (c.path.rfind("/console/codes/", 0) == 0) {
        const std::string id = c.path.substr(15);
        CodesFor codes;
        if (const BallotEdition* ballot = config_.ballots ? config_.ballots->find(id) : nullptr) {
            codes = {id, ballot->ballot->title, ballot->ballot->codes_required};
        } else if (const BudgetEdition* edition = c.budgets->find(id)) {
            const budget::Budget& b = *edition->budget;
            codes = {id, {b.council_name.en + " " + b.financial_year, b.council_name.cy.empty() ? "" : b.council_name.cy + " " + b.financial_year},
                     b.codes_required};
        } else {
            return message(c, 404, tr(c, "Page not found"), tr(c, "There is no consultation at this address."));
        }
        if (get) return codes_page(c, codes, 200, "", "100", "");
        if (post) return create_codes(c, codes);
    }

    const std::string prefix = "/console/budgets/";
    if (c.path.rfind(prefix, 0) == 0) {
        const std::string tail = c.path.substr(prefix.size());
        const auto slash = tail.find('/');
        const std::string id = tail.substr(0, slash);
        const std::string rest = slash == std::string::npos ? "" : tail.substr(slash + 1);
        const BudgetEdition* current = c.budgets->find(id);
        if (!current)
            return message(c, 404, tr(c, "Page not found"), tr(c, "There is no consultation at this address."));
        // Results and exports are per version: the current one, or an earlier one asked for by ?version=N.
        const BudgetEdition* edition = current;
        if (c.query.count("version")) {
            const std::string& v = c.query["version"];
            const bool digits = !v.empty() && v.size() <= 18 && v.find_first_not_of("0123456789") == std::string::npos;
            edition = digits ? c.budgets->find(id, std::stoll(v)) : nullptr;
            if (!edition) return message(c, 404, tr(c, "Page not found"), tr(c, "This consultation has no such version."));
        }
        const budget::Budget& b = *edition->budget;
        if (rest.empty() && get) return dashboard(c, b);
        if (rest == "report" && get) return report(c, b);
        if (rest == "window" && post && config_.windows) return change_window(c, b);
        if (rest == "threshold" && post && config_.thresholds) return change_threshold(c, b);
        if (rest == "comments" && get) return comments(c, b);
        if ((rest == "comments/hide" || rest == "comments/show") && post) return moderate(c, b, rest == "comments/hide");
        if ((rest == "export.csv" || rest == "export.xlsx" || rest == "aggregate.csv" || rest == "aggregate.json" ||
             rest == "submissions.jsonl") && get)
            return export_file(c, b, rest);
        if (rest == "budget" && get) return budget_page(c, id, 200, "");
        if ((rest == "budget.json" || rest == "budget.xlsx") && get) return budget_file(c, b, edition->json, rest == "budget.xlsx", "");
        if (rest == "drafts" && post) return upload_draft(c, id);
        if (rest.rfind("drafts/", 0) == 0) return draft_route(c, id, rest.substr(7));
    }
    return message(c, 404, tr(c, "Page not found"), tr(c, "There is no console page at this address."));
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
