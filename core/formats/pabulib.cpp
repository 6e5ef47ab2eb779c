// pabulib reading and writing. Rows are split as Python's csv module writes them (';', '"' quotes,
// "" for a quote, quoted fields may hold newlines), since that is how the library's files are made.
#include "pabulib.h"

#include <algorithm>
#include <map>
#include <set>

#include "ballot_count.h"
#include "ballot_loader.h"
#include "utc_time.h"

namespace budget {

namespace {

struct Row {
    int line = 0;
    std::vector<std::string> cells;
};

std::string trimmed(std::string_view s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

std::string lower(std::string s) {
    for (auto& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::vector<Row> split_rows(std::string_view text) {
    std::vector<Row> rows;
    Row row;
    std::string cell;
    bool quoted = false, any = false;
    int line = 1;
    row.line = 1;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell.push_back('"');
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                cell.push_back(c);
            }
            continue;
        }
        if (c == '"' && cell.find_first_not_of(" \t") == std::string::npos) {
            cell.clear();
            quoted = true;
            any = true;
        } else if (c == ';') {
            row.cells.push_back(std::move(cell));
            cell.clear();
            any = true;
        } else if (c == '\n') {
            if (!cell.empty() && cell.back() == '\r') cell.pop_back();
            if (any || !cell.empty()) {
                row.cells.push_back(std::move(cell));
                rows.push_back(std::move(row));
            }
            row = Row{};
            cell.clear();
            any = false;
            row.line = ++line;
        } else {
            cell.push_back(c);
            any = true;
        }
    }
    if (any || !cell.empty()) {
        row.cells.push_back(std::move(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

// "1200", "1200.5", "1200.50", "1200.000" -> hundredths; at most two decimals that are not zero.
std::optional<std::int64_t> hundredths(const std::string& text) {
    const std::string s = trimmed(text);
    const auto dot = s.find('.');
    const std::string whole = s.substr(0, dot);
    std::string fraction = dot == std::string::npos ? "" : s.substr(dot + 1);
    if (whole.empty() || whole.size() > 13 || whole.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    if (fraction.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    while (fraction.size() > 2 && fraction.back() == '0') fraction.pop_back();
    if (fraction.size() > 2) return std::nullopt;
    while (fraction.size() < 2) fraction.push_back('0');
    const std::int64_t value = std::stoll(whole) * 100 + std::stoll(fraction);
    if (value > kMaxPence) return std::nullopt;
    return value;
}

std::string decimal(std::int64_t hundredths_value) {
    std::string s = std::to_string(hundredths_value / 100);
    if (hundredths_value % 100 != 0) {
        const auto cents = hundredths_value % 100;
        s += "." + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
    }
    return s;
}

bool valid_id(const std::string& s) {
    return !s.empty() && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
           });
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    const std::string s = trimmed(text);
    if (s.empty()) return out;
    while (start <= s.size()) {
        const auto comma = s.find(',', start);
        out.push_back(trimmed(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

class Importer {
public:
    Importer(Problems& problems, Problems& warnings) : problems_(problems), warnings_(warnings) {}

    void problem(const char* code, int line, std::string message) { problems_.emplace_back(code, "", line, 0, std::move(message), place(line)); }
    void warning(const char* code, int line, std::string message) { warnings_.emplace_back(code, "", line, 0, std::move(message), place(line)); }
    static std::string place(int line) { return line > 0 ? std::to_string(line) : std::string(); }

    Problems& problems_;
    Problems& warnings_;
};

// Warnings for quirks mended on import: each kind's first 20 by line, then one for the rest.
class QuirkWarnings {
public:
    explicit QuirkWarnings(Importer& in) : in_(in) {}
    void note(const char* code, int line, std::string message) {
        if (++seen_[code] <= kShown) in_.warning(code, line, std::move(message));
    }
    void finish() {
        for (const auto& [code, count] : seen_)
            if (count > kShown) in_.warning(code.c_str(), 0, std::to_string(count - kShown) + " more like the above, mended the same way");
    }

private:
    static constexpr std::int64_t kShown = 20;
    Importer& in_;
    std::map<std::string, std::int64_t> seen_;
};

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(";\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (const char c : s) {
        if (c == '"') out += "\"\"";
        else out.push_back(c);
    }
    return out + "\"";
}

void write_row(std::string& out, std::initializer_list<std::string> cells) {
    bool first = true;
    for (const auto& c : cells) {
        if (!first) out.push_back(';');
        out += csv_cell(c);
        first = false;
    }
    out.push_back('\n');
}

// "2026-11-30T09:00:00Z" -> "30.11.2026", pabulib's usual form
std::string pabulib_date(std::int64_t seconds) {
    const std::string iso = format_utc(seconds);
    return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4);
}

// How META's comment names the greedy completion, which pabulib has no rule name for.
constexpr const char* kGreedyCompletion =
    "Counted by equal shares with Add1 completion, then the projects left funded by votes while they fit (greedy completion).";

// Keys the file's other sections decide; never kept from an imported META.
const std::set<std::string> kDerivedMeta = {"num_projects", "num_votes", "budget", "vote_type", "rule",
                                            "min_length", "max_length", "currency"};

}  // namespace

PabulibImport import_pabulib(std::string_view text, const std::string& ballot_id, Problems& problems, Problems& warnings,
                             const PabulibLimits& limits) {
    PabulibImport out;
    Importer in(problems, warnings);
    QuirkWarnings mended(in);
    const std::size_t before = problems.size();
    if (text.size() > limits.max_bytes) {
        in.problem("pabulib.too_large", 0, "the file is larger than " + std::to_string(limits.max_bytes / (1024 * 1024)) + " MiB");
        return out;
    }
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const auto rows = split_rows(text);
    enum class Section { None, Meta, Projects, Votes } section = Section::None;
    std::map<std::string, std::string> meta;
    std::vector<std::pair<std::string, std::string>> meta_order;
    std::vector<std::string> header;
    bool header_due = false;
    std::map<std::string, int> project_line;
    std::vector<std::string> project_ids;
    std::map<std::string, std::uint32_t> project_index;
    Ballot& b = out.ballot;
    std::set<std::string> sections_seen;
    std::set<std::string> voter_ids;
    std::int64_t vote_rows = 0;
    auto column = [&](const std::string& name) -> std::optional<std::size_t> {
        for (std::size_t i = 0; i < header.size(); ++i)
            if (lower(trimmed(header[i])) == name) return i;
        return std::nullopt;
    };
    std::optional<std::size_t> c_id, c_cost, c_name, c_category, c_selected, c_voter, c_vote;
    for (const auto& row : rows) {
        const std::string first = lower(trimmed(row.cells.front()));
        if (row.cells.size() == 1 && (first == "meta" || first == "projects" || first == "votes")) {
            if (!sections_seen.insert(first).second) in.problem("pabulib.duplicate_section", row.line, "a second " + first + " section");
            section = first == "meta" ? Section::Meta : first == "projects" ? Section::Projects : Section::Votes;
            header_due = true;
            continue;
        }
        if (section == Section::None) {
            in.problem("pabulib.no_section", row.line, "a row before the META section");
            return out;
        }
        if (header_due) {
            header = row.cells;
            header_due = false;
            if (section == Section::Projects) {
                c_id = column("project_id"), c_cost = column("cost"), c_name = column("name"), c_category = column("category");
                c_selected = column("selected");
                if (c_selected) out.selected.emplace();
                if (!c_id || !c_cost) in.problem("pabulib.missing_column", row.line, "PROJECTS needs project_id and cost columns");
            } else if (section == Section::Votes) {
                c_voter = column("voter_id"), c_vote = column("vote");
                if (!c_voter || !c_vote) in.problem("pabulib.missing_column", row.line, "VOTES needs voter_id and vote columns");
            }
            continue;
        }
        auto cell = [&](const std::optional<std::size_t>& c) -> std::string {
            return c && *c < row.cells.size() ? row.cells[*c] : std::string();
        };
        if (section == Section::Meta) {
            if (row.cells.size() < 2) {
                in.problem("pabulib.bad_row", row.line, "a META row is key;value");
                continue;
            }
            const std::string key = lower(trimmed(row.cells[0]));
            if (!meta.emplace(key, trimmed(row.cells[1])).second) in.problem("pabulib.duplicate_meta", row.line, "META has " + key + " twice");
            else meta_order.emplace_back(key, trimmed(row.cells[1]));
        } else if (section == Section::Projects) {
            if (!c_id || !c_cost) continue;
            const std::string id = trimmed(cell(c_id));
            if (!valid_id(id)) {
                in.problem("pabulib.bad_project_id", row.line,
                           "project id \"" + id + "\" must be 1-64 characters of a-z, 0-9, '-' or '_'");
                continue;
            }
            if (!project_line.emplace(id, row.line).second) {
                in.problem("pabulib.duplicate_project", row.line, "project " + id + " is listed twice");
                continue;
            }
            const auto cost = hundredths(cell(c_cost));
            if (!cost) {
                in.problem("pabulib.bad_number", row.line, "cost \"" + cell(c_cost) + "\" is not an amount (at most two decimals, up to 10^12)");
                continue;
            }
            if (b.projects.size() >= kMaxBallotProjects) {
                in.problem("pabulib.too_many_projects", row.line, "at most " + std::to_string(kMaxBallotProjects) + " projects");
                return out;
            }
            Project p;
            p.id = id;
            p.name.en = trimmed(cell(c_name));
            if (p.name.en.empty()) p.name.en = id;
            p.category = trimmed(cell(c_category));
            p.cost = *cost;
            project_index.emplace(id, static_cast<std::uint32_t>(b.projects.size()));
            b.projects.push_back(std::move(p));
            if (out.selected) out.selected->push_back(trimmed(cell(c_selected)) == "1");
        } else {
            if (!c_voter || !c_vote) continue;
            if (++vote_rows > static_cast<std::int64_t>(limits.max_votes)) {
                in.problem("pabulib.too_many_votes", row.line, "at most " + std::to_string(limits.max_votes) + " votes");
                return out;
            }
            BallotVote v;
            v.voter = trimmed(cell(c_voter));
            if (!voter_ids.insert(v.voter).second) {
                in.problem("pabulib.duplicate_voter", row.line, "voter " + v.voter + " votes twice");
                continue;
            }
            bool ok = true;
            const auto items = split_list(cell(c_vote));
            for (const auto& id : items) {
                if (id.empty() && !limits.strict) {
                    mended.note("pabulib.empty_item", row.line, "voter " + v.voter + "'s vote has an empty item (a separator with nothing after it): it is left out");
                    continue;
                }
                const auto it = project_index.find(id);
                if (it == project_index.end()) {
                    in.problem("pabulib.unknown_project", row.line, "vote for unknown project \"" + id + "\"");
                    ok = false;
                    break;
                }
                if (std::find(v.projects.begin(), v.projects.end(), it->second) != v.projects.end()) {
                    if (!limits.strict) {
                        mended.note("pabulib.repeated_project", row.line, "voter " + v.voter + "'s vote lists project " + id + " twice: it is counted once");
                        continue;
                    }
                    in.problem("pabulib.duplicate_project", row.line, "project " + id + " is in the vote twice");
                    ok = false;
                    break;
                }
                v.projects.push_back(it->second);
            }
            if (ok && v.projects.empty())
                mended.note("pabulib.empty_vote", row.line, "voter " + v.voter + " chose no project: kept as a voter who chose nothing");
            if (ok) out.votes.push_back(std::move(v));
        }
    }
    mended.finish();
    for (const char* s : {"meta", "projects", "votes"})
        if (!sections_seen.count(s)) in.problem("pabulib.missing_section", 0, std::string("no ") + s + " section");
    auto meta_value = [&](const char* key) -> std::string {
        const auto it = meta.find(key);
        return it == meta.end() ? std::string() : it->second;
    };
    const std::string vote_type = lower(meta_value("vote_type"));
    if (vote_type != "approval")
        in.problem("pabulib.unsupported_vote_type", 0,
                   vote_type.empty() ? "META has no vote_type" : "vote_type " + vote_type + " is not read yet; only approval ballots are");
    if (const auto budget = hundredths(meta_value("budget"))) b.budget = *budget;
    else in.problem("pabulib.bad_number", 0, "META budget \"" + meta_value("budget") + "\" is not an amount");
    b.id = ballot_id;
    b.languages = {"en"};
    b.council.en = meta_value("unit");
    b.title.en = meta_value("description");
    if (b.title.en.empty()) b.title.en = b.council.en.empty() ? ballot_id : b.council.en + " " + meta_value("instance");
    const std::string currency = meta_value("currency");
    b.currency = "XXX";  // ISO 4217's code for "no currency", when the file names none we can keep
    if (currency.size() == 3 && std::all_of(currency.begin(), currency.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); })) {
        b.currency = currency;
        for (auto& c : b.currency)
            if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    b.rule = BallotRule::Approval;
    auto length = [&](const char* key, int fallback) {
        const std::string v = meta_value(key);
        if (v.empty()) return fallback;
        const auto h = hundredths(v);
        if (!h || *h % 100 != 0 || *h / 100 > static_cast<std::int64_t>(kMaxBallotProjects)) {
            in.problem("pabulib.bad_number", 0, std::string("META ") + key + " \"" + v + "\" is not a whole number of projects");
            return fallback;
        }
        return static_cast<int>(*h / 100);
    };
    b.min_projects = length("min_length", 1);
    b.max_projects = length("max_length", 0);
    if (b.max_projects > 0 && b.min_projects > b.max_projects)  // no vote could keep such a rule
        in.problem("pabulib.min_above_max", 0, "META min_length " + std::to_string(b.min_projects) + " is above max_length " +
                                                   std::to_string(b.max_projects));
    const std::string rule = lower(meta_value("rule"));
    if (rule.rfind("equalshares", 0) == 0) {
        b.counting = CountingRule::EqualShares;
        if (rule == "equalshares" && meta_value("comment").find(kGreedyCompletion) != std::string::npos) {
            b.completion = Completion::Add1ThenGreedy;  // as this program writes it
        } else if (rule != "equalshares/add1") {
            in.warning("pabulib.rule_approximated", 0, "rule \"" + rule + "\" is counted as equal shares with Add1 completion (equalshares/add1); "
                                                      "its selected column may differ");
        }
    } else {
        b.counting = CountingRule::Greedy;
        if (rule.empty()) in.warning("pabulib.unknown_rule", 0, "META has no rule; greedy is used");
        else if (rule != "greedy") in.warning("pabulib.unknown_rule", 0, "rule \"" + rule + "\" is not one we count; greedy is used");
    }
    for (const auto& [key, value] : meta_order)
        if (!kDerivedMeta.count(key)) b.pabulib_meta.emplace_back(key, value);
    if (const auto n = meta_value("num_projects"); !n.empty() && n != std::to_string(b.projects.size()))
        in.warning("pabulib.count_mismatch", 0, "META num_projects is " + n + " but PROJECTS lists " + std::to_string(b.projects.size()));
    if (const auto n = meta_value("num_votes"); !n.empty() && n != std::to_string(vote_rows))
        in.warning("pabulib.count_mismatch", 0, "META num_votes is " + n + " but VOTES has " + std::to_string(vote_rows));
    std::int64_t off_rule = 0;
    for (const auto& v : out.votes) {
        Problems p;
        check_vote_rule(b, v.projects, p);
        if (!p.empty()) ++off_rule;
    }
    if (off_rule > 0)
        in.warning("pabulib.votes_break_rule", 0,
                   std::to_string(off_rule) +
                       (off_rule == 1 ? " vote chooses fewer or more projects than min_length/max_length allow; it is kept"
                                      : " votes choose fewer or more projects than min_length/max_length allow; they are kept"));
    out.ok = problems.size() == before;
    return out;
}

bool export_pabulib(const Ballot& b, const std::vector<BallotVote>& votes, std::string& out, Problems& problems,
                    std::optional<std::pair<std::int64_t, std::int64_t>> voting, const std::string& area) {
    const std::size_t before = problems.size();
    if (!b.areas.empty() || !area.empty()) {
        const auto a = b.find_area(area);
        if (!a) {
            problems.emplace_back("pabulib.areas", "", 0, 0,
                                  area.empty() ? "a pabulib file holds one budget: name one of the ballot's areas"
                                               : "the ballot has no area \"" + area + "\"");
            return false;
        }
        // The area as a ballot of its own: its projects and budget, and the votes cast in it.
        Ballot one = b;
        one.areas.clear();
        one.budget = b.areas[*a].budget;
        one.projects.clear();
        std::vector<std::uint32_t> local(b.projects.size(), UINT32_MAX);
        for (std::size_t p = 0; p < b.projects.size(); ++p) {
            if (b.projects[p].area != area) continue;
            local[p] = static_cast<std::uint32_t>(one.projects.size());
            one.projects.push_back(b.projects[p]);
            one.projects.back().area.clear();
        }
        one.pabulib_meta.emplace_back("district", b.areas[*a].name.en);
        std::vector<BallotVote> in_area;
        for (std::size_t i = 0; i < votes.size(); ++i) {
            BallotVote v;
            v.voter = votes[i].voter.empty() ? std::to_string(i + 1) : votes[i].voter;
            for (const auto p : votes[i].projects)
                if (local[p] != UINT32_MAX) v.projects.push_back(local[p]);
            if (!v.projects.empty()) in_area.push_back(std::move(v));
        }
        return export_pabulib(one, in_area, out, problems, voting);
    }
    std::vector<std::pair<std::string, std::string>> meta = b.pabulib_meta;
    auto has = [&](const std::string& key) {
        return std::any_of(meta.begin(), meta.end(), [&](const auto& kv) { return kv.first == key; });
    };
    auto fill = [&](const std::string& key, const std::string& value) {
        if (!has(key)) meta.emplace_back(key, value);
    };
    fill("description", b.title.en);
    fill("country", "United Kingdom");
    fill("unit", b.council.en.empty() ? b.id : b.council.en);
    fill("instance", b.opens_at ? format_utc(*b.opens_at).substr(0, 4) : b.id);
    if (!has("date_begin") || !has("date_end")) {
        if (b.opens_at && b.closes_at) {
            fill("date_begin", pabulib_date(*b.opens_at));
            fill("date_end", pabulib_date(*b.closes_at - 1));
        } else if (voting) {
            fill("date_begin", pabulib_date(voting->first));
            fill("date_end", pabulib_date(voting->second));
        } else {
            problems.emplace_back("pabulib.missing_dates", "", 0, 0,
                                  "pabulib needs the voting dates: give the ballot opens_at and closes_at");
            return false;
        }
    }
    std::set<std::string> voters;
    std::vector<std::string> voter_ids;
    for (std::size_t i = 0; i < votes.size(); ++i) {
        std::string id = votes[i].voter.empty() ? std::to_string(i + 1) : votes[i].voter;
        if (!voters.insert(id).second) {
            problems.emplace_back("pabulib.duplicate_voter", "", static_cast<int>(i + 1), 0, "voter " + id + " votes twice");
            return false;
        }
        voter_ids.push_back(std::move(id));
    }
    const auto count = count_ballot(b, votes, b.counting, problems);
    if (!count) return false;
    std::vector<bool> selected(b.projects.size(), false);
    for (const auto p : count->winners()) selected[p] = true;
    meta.emplace_back("num_projects", std::to_string(b.projects.size()));
    meta.emplace_back("num_votes", std::to_string(votes.size()));
    meta.emplace_back("budget", decimal(b.budget));
    meta.emplace_back("vote_type", "approval");
    const bool greedy_completion = b.counting == CountingRule::EqualShares && b.completion == Completion::Add1ThenGreedy;
    meta.emplace_back("rule", b.counting == CountingRule::Greedy ? "greedy" : greedy_completion ? "equalshares" : "equalshares/add1");
    if (greedy_completion) {
        auto comment = std::find_if(meta.begin(), meta.end(), [](const auto& kv) { return kv.first == "comment"; });
        if (comment == meta.end()) meta.emplace_back("comment", kGreedyCompletion);
        else if (comment->second.find(kGreedyCompletion) == std::string::npos) comment->second = std::string(kGreedyCompletion) + " " + comment->second;
    }
    meta.emplace_back("currency", b.currency);
    meta.emplace_back("min_length", std::to_string(b.min_projects));
    if (b.max_projects > 0) meta.emplace_back("max_length", std::to_string(b.max_projects));
    // pabulib's usual order: the checker's fields first, then whatever else the file kept.
    const std::vector<std::string> order = {"description", "country", "unit", "subunit", "instance", "district",
                                            "num_projects", "num_votes", "budget", "vote_type", "rule", "date_begin",
                                            "date_end", "min_length", "max_length", "currency"};
    auto rank = [&](const std::string& key) {
        return static_cast<std::size_t>(std::find(order.begin(), order.end(), key) - order.begin());
    };
    std::stable_sort(meta.begin(), meta.end(), [&](const auto& x, const auto& y) { return rank(x.first) < rank(y.first); });
    out.clear();
    out += "META\n";
    write_row(out, {"key", "value"});
    for (const auto& [k, v] : meta) write_row(out, {k, v});
    out += "PROJECTS\n";
    write_row(out, {"project_id", "cost", "votes", "name", "category", "selected"});
    const auto& approvals = count->areas.front().outcome.approvals;
    for (std::size_t p = 0; p < b.projects.size(); ++p) {
        const auto& pr = b.projects[p];
        write_row(out, {pr.id, decimal(pr.cost), std::to_string(approvals[p]), pr.name.en, pr.category, selected[p] ? "1" : "0"});
    }
    out += "VOTES\n";
    write_row(out, {"voter_id", "vote"});
    for (std::size_t i = 0; i < votes.size(); ++i) {
        std::string list;
        for (const auto p : votes[i].projects) list += (list.empty() ? "" : ",") + b.projects[p].id;
        write_row(out, {voter_ids[i], list});
    }
    return problems.size() == before;
}

}  // namespace budget
