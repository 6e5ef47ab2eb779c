// The console's tools for events: voter codes made and printed as slips, and the live tally's facilitator key.
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

Response Console::codes_page(Context& c, const CodesFor& b, int status, const std::string& problem, const std::string& count,
                             const std::string& batch) {
    storage::VoterCodeCounts counts;
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

}  // namespace server::console
