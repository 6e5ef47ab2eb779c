// The console's request context, page frame and small helpers, shared by its route files
// (console.cpp, drafts.cpp). Internal to the console.
#pragma once
#include <cstdint>
#include <ctime>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <utility>

#include "charts.h"
#include "console.h"
#include "forms.h"

namespace server::console {

struct Console::Context {
    Context(const Request& r, std::string p, std::shared_ptr<const BudgetSet> b) : request(r), path(std::move(p)), budgets(std::move(b)) {}
    const Request& request;
    std::string path;
    std::map<std::string, std::string> query;
    Lang lang = Lang::En;
    bool https = false;
    bool signed_in = false;
    bool expired = false;  // a session cookie came, but its session had ended
    storage::OfficerSession session;
    std::string session_id, csrf;
    std::shared_ptr<const BudgetSet> budgets;  // this request's view of the budgets
    bool admin() const { return signed_in && session.officer.role == storage::Role::Admin; }
};

// The session cookie, and the one that ends it.
inline std::string session_cookie(const std::string& id, bool secure) {
    return std::string(kSessionCookie) + "=" + id + "; Path=/console; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
}

inline std::string ended_cookie(bool secure) {
    return std::string(kSessionCookie) + "=; Path=/console; HttpOnly; SameSite=Strict; Max-Age=0" + (secure ? "; Secure" : "");
}

inline std::int64_t now_seconds() { return static_cast<std::int64_t>(std::time(nullptr)); }

inline Response redirect(const std::string& location) {
    Response r;
    r.status = 303;
    r.content_type = "text/plain; charset=utf-8";
    r.headers.emplace_back("Location", location);
    return r;
}

// A file name as shown back: its last part, printable, at most 120 bytes.
inline std::string shown_name(std::string name) {
    const auto slash = name.find_last_of("/\\");
    if (slash != std::string::npos) name = name.substr(slash + 1);
    if (!valid_utf8(name)) name = "upload";
    std::string out;
    for (char ch : name)
        if (static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7F) out += ch;
    if (out.size() > 120) out.resize(120);
    return out.empty() ? "upload" : out;
}

// Puts values into a translated sentence in place of {name}.
// One pass over the sentence, so a value that holds "{...}" is never filled in turn.
inline std::string fill(const std::string& text, std::initializer_list<std::pair<const char*, std::string>> values) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool filled = false;
        if (text[i] == '{') {
            for (const auto& [name, value] : values) {
                const std::string mark = std::string("{") + name + "}";
                if (text.compare(i, mark.size(), mark) == 0) {
                    out += value;
                    i += mark.size() - 1;
                    filled = true;
                    break;
                }
            }
        }
        if (!filled) out += text[i];
    }
    return out;
}

// The frame of every page: the header, language switch and who is signed in.
class Page {
public:
    Page(const Templates& t, const Console::Context& c, std::string_view file, const std::string& title)
        : templates_(t), lang_(c.lang), top_("page") {
        top_.SetValue("LANG", c.lang == Lang::Cy ? "cy" : "en");
        top_.SetValue("TITLE", title);
        top_.SetValue("OTHER_LANG", c.lang == Lang::Cy ? "en" : "cy");
        top_.SetValue("OTHER_LANG_NAME", c.lang == Lang::Cy ? "English" : "Cymraeg");
        top_.SetValue("HERE", safe_back(c.request.target));
        if (c.signed_in) {
            auto* s = top_.AddSectionDictionary("SIGNED_IN");
            s->SetValue("OFFICER", c.session.officer.name);
            s->SetValue("ROLE", std::string(t.translate(c.lang, storage::role_name(c.session.officer.role))));
            s->SetValue("CSRF", c.csrf);
            if (c.admin()) s->ShowSection("ADMIN");
        }
        body_ = top_.AddIncludeDictionary("BODY");
        body_->SetFilename(Templates::name(file, c.lang));
        body_->SetValue("CSRF", c.csrf);
    }
    ctemplate::TemplateDictionary& body() { return *body_; }
    // A page about one council's consultation: its name and logo under the header, and its colour
    // as the bar's edge where it has 3:1 against the page (the budget's loader worked that out).
    void council(const budget::Budget& b) {
        auto* s = top_.AddSectionDictionary("COUNCIL_BRAND");
        s->SetValue("COUNCIL_NAME", b.council_name.in(lang_ == Lang::Cy ? "cy" : "en"));
        // The logo names the council itself (its alt text says so); without one, the name as text.
        if (!b.brand.logo.empty()) s->AddSectionDictionary("LOGO")->SetValue("SRC", "/" + b.brand.logo);
        else s->ShowSection("NO_LOGO");
        if (b.brand.colour && b.brand.colour_for_controls)
            top_.AddSectionDictionary("BRAND_CSS")->SetValue("HREF", "/console/brand/" + b.id + "/brand.css");
    }
    // An included chart (chart.tpl) filled from `chart`.
    void chart(ctemplate::TemplateDictionary& parent, const char* include, const BarChart& chart) {
        auto* d = parent.AddIncludeDictionary(include);
        d->SetFilename(Templates::name("chart.tpl", lang_));
        fill_chart(chart, *d);
    }
    // An included histogram (columns.tpl).
    void columns(ctemplate::TemplateDictionary& parent, const char* include, const BarChart& chart, const std::string& note) {
        auto* d = parent.AddIncludeDictionary(include);
        d->SetFilename(Templates::name("columns.tpl", lang_));
        fill_columns(chart, note, *d);
    }
    Response render(int status) {
        Response r;
        r.status = status;
        r.content_type = "text/html; charset=utf-8";
        r.body = templates_.expand("layout.tpl", lang_, top_);
        return r;
    }

private:
    const Templates& templates_;
    Lang lang_;
    ctemplate::TemplateDictionary top_;
    ctemplate::TemplateDictionary* body_ = nullptr;
};

}  // namespace server::console
