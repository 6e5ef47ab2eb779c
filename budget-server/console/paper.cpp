// Paper ballots in the console: a form for one paper, a CSV import for many, each tagged with its
// polling station and checked by the same rule as online votes; the votes by station; all audited.
// A paper's id comes from the form (a token drawn when the page was drawn) or from the file's
// contents and line, so sending the same form or file twice adds nothing.
#include <future>

#include <sodium.h>

#include "ballot_count.h"
#include "ballot_submission.h"
#include "money.h"
#include "page.h"
#include "vote.h"

namespace server::console {

namespace {

constexpr std::size_t kMaxImportBytes = 1 << 20;
constexpr std::size_t kMaxImportLines = 20000;

std::string hex_digest(const std::string& bytes, std::size_t hex_digits) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return std::string(hex, hex_digits);
}

// One line of the file as project ids: split at commas, blanks and quotes around each taken off.
std::vector<std::string> line_ids(std::string_view line) {
    std::vector<std::string> ids;
    std::size_t start = 0;
    while (start <= line.size()) {
        const auto comma = line.find(',', start);
        std::string_view cell = line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        while (!cell.empty() && (cell.front() == ' ' || cell.front() == '"' || cell.front() == '\t')) cell.remove_prefix(1);
        while (!cell.empty() && (cell.back() == ' ' || cell.back() == '"' || cell.back() == '\t' || cell.back() == '\r')) cell.remove_suffix(1);
        if (!cell.empty()) ids.emplace_back(cell);
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return ids;
}

storage::NewSubmission paper(const budget::Ballot& b, const std::vector<std::uint32_t>& projects, const std::string& id, const std::string& station) {
    budget::BallotSubmission s;
    s.ballot_id = b.id;
    s.version = b.version;
    s.submission_id = id;
    s.projects = projects;
    storage::NewSubmission row;
    row.budget_id = b.id;
    row.budget_version = b.version;
    row.submission_id = id;
    row.document = budget::paper_ballot_json(b, s, station);
    row.choices = budget::encode_stored_vote(projects, station);
    return row;
}

}  // namespace

bool Console::store_papers(std::vector<storage::NewSubmission> papers, std::size_t& stored, std::size_t& already) {
    stored = already = 0;
    std::vector<std::future<storage::InsertResult>> results;
    for (auto& p : papers) {
        auto promise = std::make_shared<std::promise<storage::InsertResult>>();
        results.push_back(promise->get_future());
        storage_.insert(std::move(p), [promise](storage::InsertResult r) { promise->set_value(std::move(r)); });
    }
    bool ok = true;
    for (auto& f : results) {
        const storage::InsertResult r = f.get();
        if (r.kind == storage::InsertResult::Kind::Inserted) ++stored;
        else if (r.kind == storage::InsertResult::Kind::Duplicate) ++already;
        else ok = false;  // unavailable, or an id taken by something else: the officer is told to try again
    }
    return ok;
}

Response Console::paper_page(Context& c, const budget::Ballot& b, int status, const std::vector<std::string>& problems,
                             const std::string& notice, const std::string& station) {
    // Votes by station, online ones first, from the stored votes.
    std::map<std::string, std::uint64_t> by_station;
    std::string error;
    const bool read = storage_.scan(b.id, false, [&](const storage::StoredRow& row) {
        if (row.budget_version != b.version) return;
        if (const auto v = budget::decode_stored_vote(row.choices, b.projects.size())) ++by_station[v->station];
    }, error);
    if (!read) return unavailable(c);
    const std::string language = c.lang == Lang::Cy ? "cy" : "en";
    Page page(templates_, c, "paper.tpl", tr(c, "Paper ballots"));
    auto& d = page.body();
    d.SetValue("TITLE", b.title.in(language));
    if (!notice.empty()) d.AddSectionDictionary("NOTICE")->SetValue("MESSAGE", notice);
    if (!problems.empty()) {
        auto* e = d.AddSectionDictionary("ERRORS");
        for (const auto& p : problems) e->AddSectionDictionary("PROBLEM")->SetValue("TEXT", p);
    }
    for (const auto& [name, votes] : by_station) {
        auto* row = d.AddSectionDictionary("STATION");
        row->SetValue("NAME", name.empty() ? tr(c, "Online") : name);
        row->SetValue("VOTES", std::to_string(votes));
    }
    if (!c.admin()) {
        d.ShowSection("ANALYST");
        return page.render(status);
    }
    auto* form = d.AddSectionDictionary("CAN_ENTER");
    form->SetValue("ID", b.id);
    form->SetValue("CSRF", c.csrf);
    form->SetValue("ENTRY", new_session_id().substr(0, 32));
    form->SetValue("STATION_VALUE", station);
    form->SetValue("RULE", b.rule == budget::BallotRule::Approval && b.max_projects > 0
                               ? fill(tr(c, "A paper may choose {min} to {max} projects, in one area."),
                                      {{"min", std::to_string(b.min_projects)}, {"max", std::to_string(b.max_projects)}})
                               : tr(c, "A paper's projects must keep to the ballot's rule, in one area."));
    const auto add_area = [&](const std::string& area_id, const std::string& name) {
        auto* area = form->AddSectionDictionary("AREA");
        area->SetValue("AREA_NAME", name);
        for (const auto& p : b.projects) {
            if (p.area != area_id) continue;
            auto* project = area->AddSectionDictionary("PROJECT");
            project->SetValue("PROJECT_ID", p.id);
            project->SetValue("PROJECT_NAME", p.name.in(language));
            project->SetValue("COST", budget::format_pounds(p.cost));
        }
    };
    if (b.areas.empty()) add_area("", tr(c, "Projects"));
    for (const auto& a : b.areas) add_area(a.id, a.name.in(language));
    return page.render(status);
}

Response Console::enter_paper(Context& c, const budget::Ballot& b) {
    auto form = admin_form(c, "paper " + b.id, "entering paper ballots needs an administrator", tr(c, "Only administrators can enter paper ballots."));
    if (!form) return std::move(form.error);
    const auto station = budget::clean_station((*form)["station"]);
    const std::string entry = (*form)["entry"];
    if (!station) return paper_page(c, b, 400, {tr(c, "Say which polling station the paper is from (up to 100 characters).")}, "", "");
    if (entry.size() != 32 || entry.find_first_not_of("0123456789abcdef") != std::string::npos)
        return paper_page(c, b, 400, {tr(c, "The form could not be read. Try again.")}, "", *station);
    std::vector<std::string> ids;
    for (const auto& [field, value] : parse_form_all(c.request.body))
        if (field == "project") ids.push_back(value);
    budget::Problems problems;
    const auto chosen = budget::check_vote(b, ids, problems);
    if (!chosen) {
        std::vector<std::string> said;
        for (const auto& p : problems) said.push_back(p.message + " [" + p.code + "]");
        return paper_page(c, b, 400, said, "", *station);
    }
    std::size_t stored = 0, already = 0;
    if (!store_papers({paper(b, *chosen, "paper-" + entry, *station)}, stored, already)) return unavailable(c);
    if (stored) {
        audit(c, "paper.entered", b.id, "station " + *station + ", paper-" + entry);
        if (config_.ballot_changed) config_.ballot_changed(b.id);
    }
    return paper_page(c, b, stored ? 201 : 200, {},
                      stored ? fill(tr(c, "Added a ballot paper from {station}."), {{"station", *station}})
                             : tr(c, "This ballot paper was already added; it is counted once."),
                      *station);
}

Response Console::import_papers(Context& c, const budget::Ballot& b) {
    const auto parts = parse_multipart(c.request.body, multipart_boundary(c.request.content_type));
    std::string csrf, station_text;
    const FormPart* file = nullptr;
    if (parts)
        for (const auto& p : *parts) {
            if (p.name == "csrf" && !p.is_file) csrf = p.data;
            if (p.name == "station" && !p.is_file) station_text = p.data;
            if (p.name == "file" && p.is_file) file = &p;
        }
    if (!parts || !same_secret(csrf, c.csrf))
        return message(c, 403, tr(c, "That request was refused"), tr(c, "The form had expired or did not come from this console. Nothing was changed."));
    if (!c.admin()) {
        audit(c, "request.refused", "paper " + b.id, "importing paper ballots needs an administrator");
        return message(c, 403, tr(c, "Only administrators can do that"), tr(c, "Only administrators can enter paper ballots."));
    }
    const auto station = budget::clean_station(station_text);
    if (!station) return paper_page(c, b, 400, {tr(c, "Say which polling station the papers are from (up to 100 characters).")}, "", "");
    if (!file || file->data.empty()) return paper_page(c, b, 400, {tr(c, "Choose the file of ballot papers.")}, "", *station);
    std::string_view text = file->data;
    if (text.size() > kMaxImportBytes) return paper_page(c, b, 400, {tr(c, "The file is larger than 1 MB: split it and import each part.")}, "", *station);
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a byte order mark, as spreadsheets write
    if (!valid_utf8(text)) return paper_page(c, b, 400, {tr(c, "The file is not text (UTF-8). Save it as CSV and try again.")}, "", *station);
    // Every line is checked before any is stored.
    const std::string batch = hex_digest(*station + "\n" + std::string(text), 24);
    std::vector<storage::NewSubmission> papers;
    std::vector<std::string> problems;
    std::size_t line_number = 0;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = text.find('\n', start);
        const std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        start = end == std::string_view::npos ? text.size() : end + 1;
        ++line_number;
        if (line_number > kMaxImportLines) {
            problems.push_back(tr(c, "The file has more than 20,000 lines: split it and import each part."));
            break;
        }
        const auto ids = line_ids(line);
        if (ids.empty()) continue;
        budget::Problems found;
        const auto chosen = budget::check_vote(b, ids, found);
        if (!chosen) {
            for (const auto& p : found)
                if (problems.size() < 50) problems.push_back(fill(tr(c, "Line {line}: {problem}"), {{"line", std::to_string(line_number)}, {"problem", p.message + " [" + p.code + "]"}}));
            continue;
        }
        papers.push_back(paper(b, *chosen, "paper-" + batch + "-" + std::to_string(line_number), *station));
    }
    if (problems.empty() && papers.empty()) problems.push_back(tr(c, "The file has no ballot papers in it."));
    if (!problems.empty()) return paper_page(c, b, 400, problems, "", *station);
    std::size_t stored = 0, already = 0;
    if (!store_papers(std::move(papers), stored, already)) return unavailable(c);
    audit(c, "paper.imported", b.id, std::to_string(stored) + " papers from " + shown_name(file->filename) + ", station " + *station +
                                         (already ? ", " + std::to_string(already) + " already added" : ""));
    if (stored && config_.ballot_changed) config_.ballot_changed(b.id);
    return paper_page(c, b, 201, {},
                      fill(tr(c, "Imported {count} ballot papers from {station}; {already} were already added."),
                           {{"count", std::to_string(stored)}, {"station", *station}, {"already", std::to_string(already)}}),
                      *station);
}

}  // namespace server::console
