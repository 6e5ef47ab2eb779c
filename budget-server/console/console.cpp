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


std::string session_cookie(const std::string& id, bool secure) {
    return std::string(kSessionCookie) + "=" + id + "; Path=/console; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

std::string ended_cookie(bool secure) {
    return std::string(kSessionCookie) + "=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0" + (secure ? "; Secure" : "");
}

// bp as a signed percentage with no trailing zeros: -250 -> "-2.5%", 0 -> "0%", 199 -> "+1.99%".
std::string percent_text(std::int64_t value, int decimals) {
    std::string s = budget::format_fixed(value, decimals);
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    if (s != "0" && s.front() != '-') s = "+" + s;
    if (s.front() == '-') s = "\u2212" + s.substr(1);  // a true minus sign
    return s + "%";
}

std::string bp_text(std::int64_t bp) { return percent_text(bp, 2); }
std::string qbp_text(std::int64_t qbp) { return percent_text(qbp * 25, 4); }

// Bins of a histogram over a step grid, trimmed to those between the lowest and highest chosen
// (always keeping today's level, 0).
BarChart histogram_chart(std::string id, std::string title, std::string label_heading, std::string value_heading,
                         const std::vector<std::uint64_t>& hist, std::int64_t min_bp, std::int64_t step_bp, std::uint64_t total) {
    BarChart chart{std::move(id), std::move(title), std::move(label_heading), std::move(value_heading), {}};
    std::size_t first = hist.size(), last = 0;
    for (std::size_t k = 0; k < hist.size(); ++k) {
        const std::int64_t v = min_bp + static_cast<std::int64_t>(k) * step_bp;
        if (hist[k] || v == 0) {
            first = std::min(first, k);
            last = std::max(last, k);
        }
    }
    // A fine grid (council tax moves in hundredths of a percent) shows only the steps chosen.
    constexpr std::size_t kMostBins = 60;
    const bool sparse = last >= first && last - first + 1 > kMostBins;
    for (std::size_t k = first; k <= last && k < hist.size(); ++k) {
        const std::int64_t v = min_bp + static_cast<std::int64_t>(k) * step_bp;
        if (sparse && hist[k] == 0 && v != 0) continue;
        chart.bars.push_back({bp_text(v), hist[k], count_and_share(hist[k], total), v == 0});
    }
    return chart;
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
        const std::time_t until = std::time(nullptr) + wait + 59;  // to the next whole minute
        std::tm utc{};
        gmtime_r(&until, &utc);
        char clock[8];
        std::snprintf(clock, sizeof clock, "%02d:%02d", utc.tm_hour, utc.tm_min);
        Response page = sign_in_page(
            c, 429, fill(tr(c, "There have been too many attempts to sign in. Try again after {time} (UTC)."), {{"time", clock}}),
            "", name);
        page.headers.emplace_back("Retry-After", std::to_string(wait));
        return page;
    }

    Officer officer;
    std::string error;
    const StoreStatus found = officers_.find_officer(name, officer, error);
    if (found == StoreStatus::Unavailable) {
        log_line("console: officers unavailable: " + error);
        return unavailable(c);
    }
    bool ok = false;
    if (found == StoreStatus::Ok) ok = verify_password(officer.password_hash, password);
    else verify_password_dummy(password);  // the same time whether or not the name exists
    if (!ok) {
        throttle_.failed(name, r.client_address);
        std::string ignored;
        officers_.audit("", "sign_in.failed", found == StoreStatus::Ok ? name : "(unknown name)", "", ignored);
        return sign_in_page(c, 401, tr(c, "The name or password is not right. Check them and try again."), "", name);
    }
    throttle_.succeeded(name);

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

Response Console::home(Context& c) {
    Page page(templates_, c, "home.tpl", tr(c, "Consultations"));
    for (const auto& [id, edition] : c.budgets->current) {
        const budget::Budget& b = *edition.budget;
        budget::Aggregator agg(b);
        std::string error;
        if (!aggregate_stored(storage_, b, agg, error))
            return unavailable(c);
        auto* row = page.body().AddSectionDictionary("BUDGET");
        row->SetValue("ID", id);
        row->SetValue("COUNCIL", b.council_name.in(c.lang == Lang::Cy ? "cy" : "en"));
        row->SetIntValue("VERSION", static_cast<long>(b.version));
        row->SetValue("YEAR", b.financial_year);
        row->SetValue("COUNT", std::to_string(agg.count()));
        row->SetValue("BALANCED", share(agg.balanced(), agg.count()));
        row->SetValue("PUBLIC", b.results_public ? tr(c, "Public") : tr(c, "Officers only"));
    }
    if (c.budgets->current.empty()) page.body().ShowSection("NO_BUDGETS");
    if (config_.ballots && !config_.ballots->by_id.empty()) {
        auto* ballots = page.body().AddSectionDictionary("BALLOTS");
        for (const auto& [id, edition] : config_.ballots->by_id) {
            const budget::Ballot& b = *edition.ballot;
            std::uint64_t votes = 0;
            std::string error;
            if (!storage_.scan(id, false, [&](const StoredRow&) { ++votes; }, error)) return unavailable(c);
            auto* row = ballots->AddSectionDictionary("BALLOT");
            row->SetValue("ID", id);
            row->SetValue("TITLE", b.title.in(c.lang == Lang::Cy ? "cy" : "en"));
            row->SetValue("COUNT", std::to_string(votes));
            row->SetValue("PUBLIC", b.results_public ? tr(c, "Public") : tr(c, "Officers only"));
        }
    }
    return page.render(200);
}

Response Console::codes_page(Context& c, const CodesFor& b, int status, const std::string& problem, const std::string& count,
                             const std::string& batch) {
    VoterCodeCounts counts;
    std::string error;
    if (!officers_.voter_code_counts(b.id, counts, error)) return unavailable(c);
    Page page(templates_, c, "codes.tpl", tr(c, "Voter codes"));
    auto& d = page.body();
    d.SetValue("ID", b.id);
    d.SetValue("TITLE", b.title.in(c.lang == Lang::Cy ? "cy" : "en"));
    d.SetValue("MADE", std::to_string(counts.made));
    d.SetValue("USED", std::to_string(counts.used));
    if (!b.required) d.ShowSection("NOT_REQUIRED");
    if (!problem.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    if (c.admin()) {
        auto* form = d.AddSectionDictionary("CAN_CREATE");
        form->SetValue("CSRF", c.csrf);
        form->SetValue("ID", b.id);
        form->SetValue("COUNT", count);
        form->SetValue("BATCH", batch);
    } else {
        d.ShowSection("ANALYST");
    }
    return page.render(status);
}

Response Console::create_codes(Context& c, const CodesFor& b) {
    auto form = admin_form(c, "codes " + b.id, "making voter codes needs an administrator", tr(c, "Only administrators can make voter codes."));
    if (!form) return std::move(form.error);
    const std::string count_text = (*form)["count"], batch = (*form)["batch"];
    constexpr std::size_t kMaxSlips = 500;  // one printable page
    const bool digits = !count_text.empty() && count_text.size() <= 4 && count_text.find_first_not_of("0123456789") == std::string::npos;
    const std::size_t count = digits ? std::stoul(count_text) : 0;
    if (count < 1 || count > kMaxSlips)
        return codes_page(c, b, 400, tr(c, "Say how many codes to make: a whole number from 1 to 500."), count_text.substr(0, 8), batch.substr(0, 100));
    if (batch.size() > 100) return codes_page(c, b, 400, tr(c, "Keep the batch's name to 100 characters."), count_text, "");
    std::vector<std::string> codes;
    std::string error;
    if (!officers_.create_voter_codes(b.id, count, batch.empty() ? "console" : batch, codes, error)) return unavailable(c);
    audit(c, "codes.created", b.id, std::to_string(count) + " codes" + (batch.empty() ? "" : ", batch " + batch));
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Page page(templates_, c, "slips.tpl", tr(c, "Voter code slips"));
    auto& d = page.body();
    d.SetValue("ID", b.id);
    d.SetValue("COUNT_WORDS", fill(tr(c, "{count} voter codes for {consultation}"), {{"count", std::to_string(count)}, {"consultation", b.title.in(language)}}));
    const std::string link = join_link(config_.public_url, c.request.host, b.id);
    for (const auto& code : codes) {
        const std::string shown = budget::format_voter_code(code);
        const std::string address = link + (c.lang == Lang::Cy ? "&lang=cy" : "") + "&code=" + code;
        const auto qr = qr_path(address);
        if (!qr) return unavailable(c);
        auto* slip = d.AddSectionDictionary("SLIP");
        slip->SetValue("TITLE", b.title.in(language));
        slip->SetIntValue("SIZE", qr->size);
        slip->SetValue("PATH", qr->d);
        slip->SetValue("QR_LABEL", fill(tr(c, "QR code: {link}"), {{"link", address}}));
        slip->SetValue("CODE", shown);
        slip->SetValue("HOW", fill(tr(c, "Scan the QR code, or go to {link} and enter the code. It works once."), {{"link", link}}));
    }
    Response r = page.render(201);
    r.headers.emplace_back("Cache-Control", "no-store");  // the codes are not kept anywhere else
    return r;
}

Response Console::open_tally(Context& c, const std::string& id) {
    const bool budget = c.budgets->find(id) != nullptr;
    const bool ballot = config_.ballots && config_.ballots->find(id);
    if ((!budget && !ballot) || !config_.facilitator_keys)
        return message(c, 404, tr(c, "Page not found"), tr(c, "There is no consultation at this address."));
    // As long as a session may last: the tally runs through an event, then the key lapses.
    const std::string key = config_.facilitator_keys->issue(id, std::time(nullptr) + kAbsoluteSeconds);
    audit(c, "tally.open", id);
    return redirect("/tally.html?budget=" + id + "&key=" + key + (c.lang == Lang::Cy ? "&lang=cy" : ""));
}

bool Console::tally(const budget::Budget& b, Tally& t, std::string& error) {
    budget::Choices choices;
    return storage_.scan(b.id, false, [&](const StoredRow& row) {
        if (row.budget_version != b.version) return;  // results are per version
        ++t.days[row.received_at.substr(0, 10)];
        if (budget::decode_choices(b, row.choices, choices)) t.agg.add(choices, row.balanced, row.has_comments);
        else t.agg.reject();
    }, error);
}

namespace {

// Cut, kept or increased: how many chose each for service i.
struct Direction {
    std::uint64_t cut = 0, kept = 0, increased = 0;
};
Direction direction(const budget::Budget& b, const budget::Aggregator& agg, std::size_t i) {
    Direction d;
    const auto& s = b.services[i];
    const auto& hist = agg.service_histogram(i);
    for (std::size_t k = 0; k < hist.size(); ++k) {
        const std::int64_t v = s.min_bp + static_cast<std::int64_t>(k) * s.step_bp;
        (v < 0 ? d.cut : v == 0 ? d.kept : d.increased) += hist[k];
    }
    return d;
}

}  // namespace

void Console::fill_figures(Context& c, Page& page, const budget::Budget& b, const Tally& t) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    const budget::Aggregator& agg = t.agg;
    const std::uint64_t n = agg.count();
    if (n == 0) return;
    auto* f = page.body().AddIncludeDictionary("FIGURES");
    f->SetFilename(Templates::name("figures.tpl", c.lang));

    BarChart per_day{"days", tr(c, "Responses per day (UTC)"), tr(c, "Day"), tr(c, "Responses"), {}};
    for (const auto& [day, count] : t.days) per_day.bars.push_back({day, count, std::to_string(count), false});
    page.chart(*f, "DAYS", per_day);

    for (std::size_t i = 0; i < b.services.size(); ++i) {
        const auto& s = b.services[i];
        if (s.locked) continue;
        const Direction d = direction(b, agg, i);
        const budget::LeverSummary sum = agg.service(i);
        auto* row = f->AddSectionDictionary("SERVICE");
        row->SetValue("SERVICE_ID", s.id);
        row->SetValue("NAME", s.name.in(language));
        row->SetValue("CUT", share(d.cut, n));
        row->SetValue("KEPT", share(d.kept, n));
        row->SetValue("INCREASED", share(d.increased, n));
        row->SetValue("LOWER", qbp_text(sum.lower_quartile_qbp));
        row->SetValue("MEDIAN", qbp_text(sum.median_qbp));
        row->SetValue("UPPER", qbp_text(sum.upper_quartile_qbp));
        row->SetValue("SPREAD", fill(tr(c, "Median {median}; half chose between {lower} and {upper}."),
                                     {{"median", qbp_text(sum.median_qbp)}, {"lower", qbp_text(sum.lower_quartile_qbp)},
                                      {"upper", qbp_text(sum.upper_quartile_qbp)}}));
        page.columns(*row, "CHART", histogram_chart("service-chart-" + s.id, fill(tr(c, "{service}: the change chosen"), {{"service", s.name.in(language)}}),
                                                  tr(c, "Change"), tr(c, "Responses"), agg.service_histogram(i), s.min_bp, s.step_bp, n),
                     tr(c, "The table leaves out the steps nobody chose."));
    }

    BarChart options{"options", tr(c, "Savings and income options chosen"), tr(c, "Option"), tr(c, "Responses"), {}};
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
        options.bars.push_back({b.efficiencies[i].name.in(language), agg.efficiency_uptake(i), count_and_share(agg.efficiency_uptake(i), n), false});
    for (std::size_t i = 0; i < b.incomes.size(); ++i)
        options.bars.push_back({b.incomes[i].name.in(language), agg.income_uptake(i), count_and_share(agg.income_uptake(i), n), false});
    page.chart(*f, "OPTIONS", options);

    const auto& ct = b.council_tax;
    f->SetValue("TAX_MEDIAN", fill(tr(c, "The median rise chosen is {median}."), {{"median", qbp_text(agg.council_tax().median_qbp)}}));
    page.columns(*f, "TAX", histogram_chart("tax", tr(c, "Council tax rise chosen"), tr(c, "Rise"), tr(c, "Responses"),
                                          agg.council_tax_histogram(), ct.lever_min_bp, ct.lever_step_bp, n),
                 tr(c, "The table leaves out the steps nobody chose."));
}

Response Console::dashboard(Context& c, const budget::Budget& b) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Tally t{budget::Aggregator(b), {}};
    std::string error;
    if (!tally(b, t, error))
        return unavailable(c);
    Page page(templates_, c, "dashboard.tpl", b.council_name.in(language));
    auto& d = page.body();
    d.SetValue("ID", b.id);
    d.SetValue("COUNCIL", b.council_name.in(language));
    d.SetValue("YEAR", b.financial_year);
    const std::uint64_t n = t.agg.count();
    d.SetValue("COUNT", std::to_string(n));
    d.SetValue("BALANCED_SHARE", share(t.agg.balanced(), n));
    d.SetValue("COMMENTED", std::to_string(t.agg.with_comments()));
    if (n == 0) d.ShowSection("EMPTY");
    if (c.query.count("done"))
        d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", c.query["done"] == "threshold" ? tr(c, "The threshold is saved.")
                                                                                            : tr(c, "The dates are saved."));
    const BudgetEdition* current = c.budgets->find(b.id);
    const bool earlier = current && current->budget->version != b.version;
    d.AddSectionDictionary(earlier ? "EARLIER_VERSION" : "CURRENT_VERSION")->SetValue("VERSION", std::to_string(b.version));
    d.SetValue("VERSION_QUERY", earlier ? "?version=" + std::to_string(b.version) : "");
    fill_window(c, d, b);
    fill_threshold(c, d, b);
    fill_figures(c, page, b, t);
    if (!fill_breakdown(c, d, b))
        return unavailable(c);
    if (!earlier && !fill_across_versions(c, d, b))
        return unavailable(c);
    return page.render(200);
}

// The current version's results with earlier versions' added where a lever kept its meaning.
bool Console::fill_across_versions(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b) {
    const auto versions = c.budgets->versions.find(b.id);
    if (versions == c.budgets->versions.end() || versions->second.size() < 2) return true;
    std::vector<std::unique_ptr<Tally>> tallies;
    std::vector<budget::VersionResults> results;
    std::string error;
    for (const auto& [number, edition] : versions->second) {  // oldest first; the current one is the newest
        tallies.push_back(std::make_unique<Tally>(Tally{budget::Aggregator(*edition.budget), {}}));
        if (!tally(*edition.budget, *tallies.back(), error)) return false;
        results.push_back({edition.budget.get(), &tallies.back()->agg});
    }
    const budget::AcrossVersions across = budget::across_versions(results);
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    auto versions_text = [](const std::vector<std::int64_t>& vs) {
        std::string out;
        for (auto v : vs) out += (out.empty() ? "" : ", ") + std::to_string(v);
        return out;
    };
    auto* s = d.AddSectionDictionary("ACROSS");
    auto lever = [&](const std::string& name, const budget::LeverAcrossVersions& l) {
        auto* row = s->AddSectionDictionary("ACROSS_LEVER");
        row->SetValue("NAME", name);
        row->SetValue("VERSIONS", versions_text(l.versions));
        row->SetValue("COUNT", std::to_string(l.summary.count));
        row->SetValue("LOWER", l.summary.count ? qbp_text(l.summary.lower_quartile_qbp) : "\u2013");
        row->SetValue("MEDIAN", l.summary.count ? qbp_text(l.summary.median_qbp) : "\u2013");
        row->SetValue("UPPER", l.summary.count ? qbp_text(l.summary.upper_quartile_qbp) : "\u2013");
    };
    for (const auto& l : across.services) lever(b.services[l.index].name.in(language), l);
    lever(tr(c, "Council tax"), across.council_tax);
    auto option = [&](const std::string& name, const budget::OptionAcrossVersions& o) {
        auto* row = s->AddSectionDictionary("ACROSS_OPTION");
        row->SetValue("NAME", name);
        row->SetValue("VERSIONS", versions_text(o.versions));
        row->SetValue("TAKEN", count_and_share(o.taken, o.responses));
    };
    for (const auto& o : across.efficiencies) option(b.efficiencies[o.index].name.in(language), o);
    for (const auto& o : across.incomes) option(b.incomes[o.index].name.in(language), o);
    return true;
}

// The "results by group" choice for the dashboard (?by=), and its table.
bool Console::fill_breakdown(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b) {
    if (b.demographics.empty()) return true;
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    auto* section = d.AddSectionDictionary("HAS_QUESTIONS");
    section->SetValue("ID", b.id);
    const std::string& by = c.query["by"];
    std::optional<std::size_t> chosen;
    for (std::size_t q = 0; q < b.demographics.size(); ++q) {
        auto* option = section->AddSectionDictionary("QUESTION");
        option->SetValue("VALUE", b.demographics[q].id);
        option->SetValue("TEXT", b.demographics[q].label.in(language));
        if (b.demographics[q].id == by) {
            option->ShowSection("SELECTED");
            chosen = q;
        }
    }
    return !chosen || fill_group_table(c, *section, b, *chosen);
}

// A breakdown.tpl table for one question: every figure of a group with fewer than kSmallestGroup
// responses is replaced by "fewer than 10".
bool Console::fill_group_table(Context& c, ctemplate::TemplateDictionary& parent, const budget::Budget& b, std::size_t question) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    std::vector<Group> groups;
    std::string error;
    if (!breakdown(storage_, b, question, groups, error)) return false;
    auto* table = parent.AddIncludeDictionary("BREAKDOWN");
    table->SetFilename(Templates::name("breakdown.tpl", c.lang));
    table->SetValue("TABLE_ID", "groups-" + b.demographics[question].id);
    table->SetValue("CAPTION", fill(tr(c, "Results by answer to: {question}"), {{"question", b.demographics[question].label.in(language)}}));
    const std::string few = fill(tr(c, "fewer than {n}"), {{"n", std::to_string(kSmallestGroup)}});
    for (const auto& g : groups) table->AddSectionDictionary("GROUP")->SetValue("NAME", g.option_id.empty() ? tr(c, "No answer") : g.label.in(language));
    auto row = [&](const std::string& label, const std::function<std::string(const budget::Aggregator&)>& figure) {
        auto* r = table->AddSectionDictionary("ROW");
        r->SetValue("LABEL", label);
        for (const auto& g : groups) r->AddSectionDictionary("CELL")->SetValue("VALUE", g.suppressed() ? few : figure(g.aggregate));
    };
    row(tr(c, "Responses"), [](const budget::Aggregator& a) { return std::to_string(a.count()); });
    row(tr(c, "Balanced the budget"), [](const budget::Aggregator& a) { return share(a.balanced(), a.count()); });
    for (std::size_t i = 0; i < b.services.size(); ++i) {
        if (b.services[i].locked) continue;
        row(fill(tr(c, "{service}: median change"), {{"service", b.services[i].name.in(language)}}),
            [i](const budget::Aggregator& a) { return qbp_text(a.service(i).median_qbp); });
    }
    row(tr(c, "Council tax: median rise"), [](const budget::Aggregator& a) { return qbp_text(a.council_tax().median_qbp); });
    for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
        row(fill(tr(c, "{option}: chosen by"), {{"option", b.efficiencies[i].name.in(language)}}),
            [i](const budget::Aggregator& a) { return share(a.efficiency_uptake(i), a.count()); });
    for (std::size_t i = 0; i < b.incomes.size(); ++i)
        row(fill(tr(c, "{option}: chosen by"), {{"option", b.incomes[i].name.in(language)}}),
            [i](const budget::Aggregator& a) { return share(a.income_uptake(i), a.count()); });
    return true;
}

void Console::fill_window(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    const ConsultationWindow w = config_.windows ? config_.windows->get(b.id) : ConsultationWindow{};
    const std::int64_t now = now_seconds();
    auto when = [&](std::int64_t t) { return budget::describe_utc(t, language); };
    std::string state;
    if (w.opens_at && now < *w.opens_at) state = fill(tr(c, "Not open yet: opens on {time}."), {{"time", when(*w.opens_at)}});
    else if (w.closes_at && now >= *w.closes_at) state = fill(tr(c, "Closed on {time}."), {{"time", when(*w.closes_at)}});
    else if (w.closes_at) state = fill(tr(c, "Open now; closes on {time}."), {{"time", when(*w.closes_at)}});
    else state = tr(c, "Open now, with no closing date.");
    d.SetValue("WINDOW_STATE", state);
    d.SetValue("WINDOW_SOURCE", w.changed_by_officer ? fill(tr(c, "Dates set in the console by {officer} at {time} UTC."),
                                                            {{"officer", w.changed_by},
                                                             {"time", w.changed_at.substr(0, 10) + " " + w.changed_at.substr(11, 5)}})
                                                     : tr(c, "Dates from the budget file."));
    if (c.admin()) {
        auto* form = d.AddSectionDictionary("CAN_CHANGE_WINDOW");
        form->SetValue("OPENS_VALUE", w.opens_at ? budget::format_utc(*w.opens_at).substr(0, 16) : "");
        form->SetValue("CLOSES_VALUE", w.closes_at ? budget::format_utc(*w.closes_at).substr(0, 16) : "");
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
    // A datetime-local field sends "2027-01-05T09:00" (seconds optional): read as UTC.
    auto read = [](std::string text, std::optional<std::int64_t>& out) {
        if (text.empty()) return true;
        if (text.size() == 16) text += ":00";
        out = budget::parse_utc(text + "Z");
        return out.has_value();
    };
    WindowOverride w;
    w.changed_by = c.session.officer.name;
    if (!read((*form)["opens_at"], w.opens_at) || !read((*form)["closes_at"], w.closes_at))
        return message(c, 400, tr(c, "Check the dates"), tr(c, "Give each date and time as the form asks, or leave it empty. Nothing was changed."));
    if (w.opens_at && w.closes_at && *w.closes_at <= *w.opens_at)
        return message(c, 400, tr(c, "Check the dates"), tr(c, "The closing time must be after the opening time. Nothing was changed."));
    if (!config_.windows->change(b.id, w, error))
        return unavailable(c);
    audit(c, "consultation.dates_changed", b.id,
          "opens " + (w.opens_at ? budget::format_utc(*w.opens_at) : std::string("(none)")) + ", closes " +
              (w.closes_at ? budget::format_utc(*w.closes_at) : std::string("(none)")));
    return redirect("/console/budgets/" + b.id + "?done=dates");
}

void Console::fill_threshold(Context& c, ctemplate::TemplateDictionary& d, const budget::Budget& b) {
    if (!config_.thresholds) return;
    const std::int64_t threshold = config_.thresholds->get(b.id);
    auto* section = d.AddSectionDictionary("THRESHOLD");
    section->SetValue("THRESHOLD_STATE", fill(tr(c, "The public results show no figures until {count} people have responded."),
                                              {{"count", std::to_string(threshold)}}));
    const ResultsThreshold set = config_.thresholds->setting(b.id);
    section->SetValue("THRESHOLD_SOURCE",
                      set.responses ? fill(tr(c, "Set in the console by {officer} at {time} UTC."),
                                           {{"officer", set.changed_by}, {"time", set.changed_at.substr(0, 10) + " " + set.changed_at.substr(11, 5)}})
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
    ResultsThreshold t;
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

Response Console::report(Context& c, const budget::Budget& b) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Tally t{budget::Aggregator(b), {}};
    std::string error;
    if (!tally(b, t, error))
        return unavailable(c);
    const budget::Aggregator& agg = t.agg;
    const std::uint64_t n = agg.count();
    const std::string title = fill(tr(c, "{council}: budget consultation {year}, results"),
                                   {{"council", b.council_name.in(language)}, {"year", b.financial_year}});
    Page page(templates_, c, "report.tpl", title);
    auto& d = page.body();
    d.SetValue("ID", b.id);
    d.SetValue("TITLE", title);
    d.SetValue("COUNCIL", b.council_name.in(language));
    d.SetValue("YEAR", b.financial_year);
    d.SetValue("COUNT", std::to_string(n));
    d.SetValue("MADE", utc_now().substr(0, 10));
    const ConsultationWindow w = config_.windows ? config_.windows->get(b.id) : ConsultationWindow{};
    d.SetValue("WINDOW", fill(tr(c, "From {opens} to {closes}"),
                              {{"opens", w.opens_at ? budget::describe_utc(*w.opens_at, language) : tr(c, "no start date")},
                               {"closes", w.closes_at ? budget::describe_utc(*w.closes_at, language) : tr(c, "no closing date")}}));
    d.SetValue("PERIOD", t.days.empty() ? tr(c, "None yet")
                                        : fill(tr(c, "{first} to {last}"), {{"first", t.days.begin()->first}, {"last", t.days.rbegin()->first}}));
    d.SetValue("SUPPRESSION", b.demographics.empty()
                                  ? tr(c, "This report has no breakdown by demographic group, so no figure in it comes from fewer than 10 responses except the totals above.")
                                  : tr(c, "In the results by group, a group with fewer than 10 responses shows \"fewer than 10\" in place of each figure, so that nobody can be picked out."));
    if (!b.demographics.empty() && n > 0) {
        auto* groups = d.AddSectionDictionary("HAS_GROUPS");
        for (std::size_t q = 0; q < b.demographics.size(); ++q)
            if (!fill_group_table(c, *groups->AddSectionDictionary("GROUPS"), b, q))
                return unavailable(c);
    }
    if (n == 0) d.ShowSection("EMPTY");
    auto finding = [&](const std::string& text) { d.AddSectionDictionary("FINDING")->SetValue("TEXT", text); };
    if (n > 0) {
        finding(fill(tr(c, "{share} of responses balanced the budget."), {{"share", share(agg.balanced(), n)}}));
        std::size_t most_cut = b.services.size(), most_raised = b.services.size();
        std::uint64_t cut_count = 0, raised_count = 0;
        for (std::size_t i = 0; i < b.services.size(); ++i) {
            if (b.services[i].locked) continue;
            const Direction dir = direction(b, agg, i);
            if (dir.cut > cut_count) cut_count = dir.cut, most_cut = i;
            if (dir.increased > raised_count) raised_count = dir.increased, most_raised = i;
        }
        if (most_cut < b.services.size())
            finding(fill(tr(c, "{service} was the service cut most often: by {share} of responses."),
                         {{"service", b.services[most_cut].name.in(language)}, {"share", share(cut_count, n)}}));
        if (most_raised < b.services.size())
            finding(fill(tr(c, "{service} was the service increased most often: by {share} of responses."),
                         {{"service", b.services[most_raised].name.in(language)}, {"share", share(raised_count, n)}}));
        finding(fill(tr(c, "The median council tax rise chosen was {median}."), {{"median", qbp_text(agg.council_tax().median_qbp)}}));
        std::string top;
        std::uint64_t top_count = 0;
        for (std::size_t i = 0; i < b.efficiencies.size(); ++i)
            if (agg.efficiency_uptake(i) > top_count) top_count = agg.efficiency_uptake(i), top = b.efficiencies[i].name.in(language);
        for (std::size_t i = 0; i < b.incomes.size(); ++i)
            if (agg.income_uptake(i) > top_count) top_count = agg.income_uptake(i), top = b.incomes[i].name.in(language);
        if (top_count > 0)
            finding(fill(tr(c, "The option chosen most often was {option}, by {share} of responses."),
                         {{"option", top}, {"share", share(top_count, n)}}));
    }
    fill_figures(c, page, b, t);
    return page.render(200);
}

Response Console::comments(Context& c, const budget::Budget& b) {
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    constexpr std::size_t kPerPage = 50;
    const std::string q = c.query["q"].substr(0, 200), about = c.query["about"].substr(0, 100);
    std::size_t page_number = 1;
    if (const std::string& p = c.query["page"]; !p.empty() && p.size() < 7 && p.find_first_not_of("0123456789") == std::string::npos)
        page_number = std::max<std::size_t>(1, std::stoul(p));

    HiddenComments hidden;
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
    for (const auto& s : b.services) {
        if (s.locked) continue;
        auto* o = d.AddSectionDictionary("ABOUT");
        o->SetValue("VALUE", s.id);
        o->SetValue("TEXT", s.name.in(language));
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
            hs->SetValue("HIDDEN_NOTE", fill(tr(c, "Hidden by {officer} at {time} UTC: {reason}"),
                                             {{"officer", h->second.officer},
                                              {"time", h->second.hidden_at.substr(0, 10) + " " + h->second.hidden_at.substr(11, 5)},
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
    const StoreStatus s = hide ? officers_.hide_comment(b.id, submission, about, reason, c.session.officer.name, error)
                               : officers_.show_comment(b.id, submission, about, error);
    if (s == StoreStatus::Unavailable)
        return unavailable(c);
    if (s == StoreStatus::Ok) audit(c, hide ? "comment.hidden" : "comment.shown", b.id + "/" + submission + "/" + about, reason);
    std::string back = safe_back((*form)["back"]);
    back += (back.find('?') == std::string::npos ? "?" : "&") + std::string("done=") + (hide ? "hidden" : "shown");
    return redirect(back);
}

Response Console::export_file(Context& c, const budget::Budget& b, const std::string& what) {
    static std::atomic<unsigned> counter{0};
    const std::string path = config_.export_dir + "/console-export-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".tmp";
    std::string error;
    if (!write_officer_file(storage_, &officers_, b, what, path, error)) {
        std::remove(path.c_str());
        log_line("console: export failed: " + error);
        return message(c, 503, tr(c, "The console is unavailable"), tr(c, "The export could not be made just now. Try again in a minute."));
    }
    audit(c, "export", b.id, what);
    Response r;
    r.file = path;
    r.content_type = export_content_type(what);
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + b.id + "-" + what + "\"");
    return r;
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
    if (hash.empty() || officers_.set_password(name, hash, error) != StoreStatus::Ok)
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

Response Console::officers_page(Context& c, int status, const std::string& notice, const std::string& problem) {
    if (!c.admin()) return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Only administrators can manage officers."));
    std::vector<Officer> officers;
    std::string error;
    if (!officers_.list_officers(officers, error))
        return unavailable(c);
    Page page(templates_, c, "officers.tpl", tr(c, "Officers"));
    auto& d = page.body();
    if (!notice.empty()) d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", notice);
    if (!problem.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    for (const auto& o : officers) {
        auto* row = d.AddSectionDictionary("OFFICER_ROW");
        row->SetValue("NAME", o.name);
        row->SetValue("ROLE", tr(c, role_name(o.role)));
        row->SetValue("ADDED", o.created_at.substr(0, 10));
        if (o.name != c.session.officer.name) {  // nobody removes themselves (there is always an admin)
            auto* r = row->AddSectionDictionary("REMOVABLE");
            r->SetValue("CSRF", c.csrf);
            r->SetValue("NAME", o.name);
            r->SetValue("REMOVE_LABEL", fill(tr(c, "Remove {officer}"), {{"officer", o.name}}));
        }
    }
    return page.render(status);
}

Response Console::change_officers(Context& c) {
    auto form = admin_form(c, "officers", "managing officers needs an administrator", tr(c, "Only administrators can manage officers."));
    if (!form) return std::move(form.error);
    const std::string name = (*form)["name"];
    std::string error;
    if (c.path == "/console/officers/remove") {
        if (name == c.session.officer.name) return officers_page(c, 400, "", tr(c, "You cannot remove yourself."));
        const StoreStatus s = officers_.remove_officer(name, error);
        if (s == StoreStatus::Unavailable)
            return unavailable(c);
        if (s == StoreStatus::Ok) audit(c, "officer.removed", name);
        return officers_page(c, s == StoreStatus::Ok ? 200 : 404, s == StoreStatus::Ok ? fill(tr(c, "{officer} can no longer sign in."), {{"officer", name}}) : "",
                             s == StoreStatus::Ok ? "" : tr(c, "There is no officer with that name."));
    }
    const auto role = parse_role((*form)["role"]);
    const std::string password = (*form)["password"];
    const bool name_ok = !name.empty() && name.size() <= 64 && name.front() != ' ' && name.back() != ' ' &&
                         std::none_of(name.begin(), name.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F; });
    if (!name_ok) return officers_page(c, 400, "", tr(c, "A name is 1 to 64 characters, with no spaces at either end."));
    if (!role) return officers_page(c, 400, "", tr(c, "Choose a role."));
    if (const std::string problem = password_problem(name, password); !problem.empty()) return officers_page(c, 400, "", tr(c, problem));
    const std::string hash = hash_password(password);
    const StoreStatus s = hash.empty() ? StoreStatus::Unavailable : officers_.add_officer(name, *role, hash, error);
    if (s == StoreStatus::Exists) return officers_page(c, 400, "", tr(c, "There is already an officer with that name."));
    if (s != StoreStatus::Ok)
        return unavailable(c);
    audit(c, "officer.added", name, std::string("role ") + role_name(*role));
    return officers_page(c, 201, fill(tr(c, "{officer} can now sign in."), {{"officer", name}}), "");
}

Response Console::tokens_page(Context& c, int status, const std::string& notice, const std::string& problem, const std::string& token) {
    if (!c.admin()) return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Only administrators can manage API tokens."));
    std::vector<ApiToken> tokens;
    std::vector<Officer> officers;
    std::string error;
    if (!officers_.list_tokens(tokens, error) || !officers_.list_officers(officers, error))
        return unavailable(c);
    Page page(templates_, c, "tokens.tpl", tr(c, "API tokens"));
    auto& d = page.body();
    if (!token.empty()) d.AddSectionDictionary("NEW_TOKEN")->SetValue("TOKEN", token);
    if (!notice.empty()) d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", notice);
    if (!problem.empty()) d.AddSectionDictionary("ERROR")->SetValue("MESSAGE", problem);
    for (const auto& t : tokens) {
        auto* row = d.AddSectionDictionary("TOKEN_ROW");
        row->SetValue("NAME", t.name);
        row->SetValue("OFFICER", t.officer);
        std::string ids;
        for (const auto& b : t.budgets) ids += (ids.empty() ? "" : ", ") + b;
        row->SetValue("BUDGETS", ids);
        row->SetValue("MADE", t.created_at.substr(0, 16));
        row->SetValue("USED", t.last_used_at.empty() ? tr(c, "Never") : t.last_used_at.substr(0, 16));
        if (t.revoked_at.empty()) {
            auto* live = row->AddSectionDictionary("LIVE");
            live->SetValue("CSRF", c.csrf);
            live->SetIntValue("ID", static_cast<long>(t.id));
            live->SetValue("REVOKE_LABEL", fill(tr(c, "Revoke {token}"), {{"token", t.name}}));
        } else {
            row->AddSectionDictionary("REVOKED")->SetValue("REVOKED_TEXT", fill(tr(c, "Revoked {time}"), {{"time", t.revoked_at.substr(0, 16)}}));
        }
    }
    if (tokens.empty()) d.ShowSection("NO_TOKENS");
    for (const auto& o : officers) d.AddSectionDictionary("OFFICER_OPTION")->SetValue("NAME", o.name);
    for (const auto& [id, edition] : c.budgets->current) {
        auto* option = d.AddSectionDictionary("BUDGET_OPTION");
        option->SetValue("ID", id);
        option->SetValue("COUNCIL", edition.budget->council_name.in(c.lang == Lang::Cy ? "cy" : "en"));
    }
    return page.render(status);
}

Response Console::change_tokens(Context& c) {
    auto form = admin_form(c, "tokens", "managing tokens needs an administrator", tr(c, "Only administrators can manage API tokens."));
    if (!form) return std::move(form.error);
    std::string error;
    if (c.path == "/console/tokens/revoke") {
        const std::string& id = (*form)["id"];
        if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
            return tokens_page(c, 400, "", tr(c, "There is no such token."), "");
        const StoreStatus s = officers_.revoke_token(std::stoll(id), error);
        if (s == StoreStatus::Unavailable)
            return unavailable(c);
        if (s == StoreStatus::Ok) audit(c, "token.revoked", "token " + id);
        return tokens_page(c, s == StoreStatus::Ok ? 200 : 404, s == StoreStatus::Ok ? tr(c, "The token is revoked: it no longer works.") : "",
                           s == StoreStatus::Ok ? "" : tr(c, "There is no such token."), "");
    }
    const std::string name = (*form)["name"], officer = (*form)["officer"];
    // Every budget ticked (a form repeats the field once per box).
    std::vector<std::string> budgets;
    for (const auto& [field, value] : parse_form_all(c.request.body))
        if (field == "budget" && c.budgets->find(value) && std::find(budgets.begin(), budgets.end(), value) == budgets.end())
            budgets.push_back(value);
    if (name.empty() || name.size() > 200) return tokens_page(c, 400, "", tr(c, "Say what the token is for."), "");
    if (budgets.empty()) return tokens_page(c, 400, "", tr(c, "Choose at least one consultation."), "");
    const std::string token = "bst_" + new_session_id();
    const StoreStatus s = officers_.create_token(officer, name, budgets, session_hash(token), error);
    if (s == StoreStatus::NotFound) return tokens_page(c, 400, "", tr(c, "There is no officer with that name."), "");
    if (s != StoreStatus::Ok)
        return unavailable(c);
    std::string ids;
    for (const auto& b : budgets) ids += (ids.empty() ? "" : ",") + b;
    audit(c, "token.created", name, "for " + officer + ", budgets " + ids);
    return tokens_page(c, 201, "", "", token);
}

Response Console::audit_page(Context& c) {
    if (!c.admin()) return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Only administrators can read the audit log."));
    std::int64_t before = 0;
    if (const std::string& p = c.query["before"]; !p.empty() && p.size() < 19 && p.find_first_not_of("0123456789") == std::string::npos)
        before = std::stoll(p);
    constexpr std::size_t kPerPage = 100;
    std::vector<AuditEntry> entries;
    std::string error;
    if (!officers_.audit_entries(kPerPage + 1, before, entries, error))
        return unavailable(c);
    Page page(templates_, c, "audit.tpl", tr(c, "Audit log"));
    for (std::size_t i = 0; i < entries.size() && i < kPerPage; ++i) {
        auto* row = page.body().AddSectionDictionary("ENTRY");
        row->SetValue("AT", entries[i].at.substr(0, 19));
        row->SetValue("OFFICER", entries[i].officer.empty() ? "–" : entries[i].officer);
        row->SetValue("ACTION", entries[i].action);
        row->SetValue("OBJECT", entries[i].object);
        row->SetValue("DETAIL", entries[i].detail);
    }
    if (entries.size() > kPerPage) page.body().AddSectionDictionary("OLDER")->SetValue("BEFORE", std::to_string(entries[kPerPage - 1].id));
    return page.render(200);
}

Response Console::audit_csv(Context& c) {
    if (!c.admin()) return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Only administrators can read the audit log."));
    Response r;
    r.content_type = "text/csv; charset=utf-8";
    r.headers.emplace_back("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
    r.body = budget::csv_row({"id", "at", "officer", "action", "object", "detail"});
    std::vector<AuditEntry> entries;
    std::string error;
    std::int64_t before = 0;
    do {
        if (!officers_.audit_entries(1000, before, entries, error))
            return unavailable(c);
        for (const auto& e : entries) {
            r.body += budget::csv_row({std::to_string(e.id), e.at, budget::csv_text(e.officer), budget::csv_text(e.action),
                                       budget::csv_text(e.object), budget::csv_text(e.detail)});
            before = e.id;
        }
    } while (entries.size() == 1000);
    audit(c, "export", "audit log", "audit.csv");
    return r;
}

}  // namespace server::console
