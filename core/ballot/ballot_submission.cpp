// Ballot vote documents: bounded parsing, the rule check shared with the app, the canonical form.
#include "ballot_submission.h"

#include "json_document.h"
#include "json_writer.h"
#include "resident_document.h"
#include "utf8.h"
#include "vote.h"
#include "voter_code.h"

namespace budget {

namespace {

void add(BallotSubmissionCheck& c, const JsonDocument& doc, const char* code, const std::string& pointer, const std::string& message) {
    c.problems.push_back(doc.problem(code, pointer, message));
}

}  // namespace

BallotSubmissionCheck read_ballot_submission(const Ballot& b, std::string text) {
    JsonDocument doc;
    Problems malformed;
    if (!parse_json(std::move(text), submission_limits(), doc, malformed)) {
        BallotSubmissionCheck c;
        c.problems = std::move(malformed);
        return c;
    }
    return check_ballot_vote(b, doc);
}

BallotSubmissionCheck check_ballot_vote(const Ballot& b, const JsonDocument& doc) {
    BallotSubmissionCheck c;
    const auto& root = doc.root();
    if (!root.is_object()) {
        add(c, doc, "submission.wrong_type", "", "a vote is a JSON object");
        return c;
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string& k = it.key();
        if (k != "format" && k != "format_version" && k != "submission_id" && k != "ballot" && k != "language" && k != "projects" &&
            k != "voter_code")
            add(c, doc, "submission.unknown_field", "/" + pointer_token(k), "unknown field \"" + k + "\"");
    }
    const auto string_at = [&](const nlohmann::json& obj, const std::string& ptr, const char* key) -> std::optional<std::string> {
        const auto it = obj.find(key);
        if (it == obj.end()) {
            add(c, doc, "submission.missing_field", ptr + "/" + key, std::string("missing required field \"") + key + "\"");
            return std::nullopt;
        }
        if (!it->is_string()) {
            add(c, doc, "submission.wrong_type", ptr + "/" + key, "expected a string");
            return std::nullopt;
        }
        return it->get<std::string>();
    };
    if (auto f = string_at(root, "", "format"); f && *f != kBallotVoteFormat)
        add(c, doc, "submission.wrong_format", "/format", std::string("expected \"") + kBallotVoteFormat + "\"");
    const auto fv = root.find("format_version");
    if (fv == root.end() || !fv->is_number_integer() || fv->get<std::int64_t>() != kBallotVoteFormatVersion)
        add(c, doc, "submission.unsupported_version", "/format_version", "format_version must be 1");
    if (auto id = string_at(root, "", "submission_id")) {
        if (valid_submission_id(*id)) c.submission.submission_id = *id;
        else add(c, doc, "submission.bad_id", "/submission_id", "submission_id must be 8-64 characters of A-Z, a-z, 0-9, '-' or '_'");
    }
    const auto ballot = root.find("ballot");
    if (ballot == root.end() || !ballot->is_object()) {
        add(c, doc, "submission.missing_field", "/ballot", "missing required field \"ballot\" (an object with id and version)");
    } else {
        if (auto id = string_at(*ballot, "/ballot", "id"); id && *id != b.id)
            add(c, doc, "submission.wrong_ballot", "/ballot/id", "this vote is for ballot \"" + *id + "\", not \"" + b.id + "\"");
        const auto v = ballot->find("version");
        if (v == ballot->end() || !v->is_number_integer() || v->get<std::int64_t>() != b.version)
            add(c, doc, "submission.wrong_version", "/ballot/version", "the ballot's version is " + std::to_string(b.version));
        c.submission.ballot_id = b.id;
        c.submission.version = b.version;
    }
    if (root.contains("language")) {
        if (auto l = string_at(root, "", "language")) {
            if (*l == "en" || (*l == "cy" && b.bilingual())) c.submission.language = *l;
            else add(c, doc, "submission.bad_language", "/language", "language must be one of the ballot's languages");
        }
    }
    if (root.contains("voter_code")) {
        if (auto typed = string_at(root, "", "voter_code")) {
            if (auto code = normalise_voter_code(*typed)) c.submission.voter_code = *code;
            else add(c, doc, "submission.bad_voter_code", "/voter_code", kBadVoterCodeMessage);
        }
    }
    const auto projects = root.find("projects");
    std::vector<std::string> ids;
    if (projects == root.end() || !projects->is_array()) {
        add(c, doc, "submission.missing_field", "/projects", "missing required field \"projects\" (an array of project ids)");
    } else {
        for (std::size_t i = 0; i < projects->size(); ++i) {
            if ((*projects)[i].is_string()) ids.push_back((*projects)[i].get<std::string>());
            else add(c, doc, "submission.wrong_type", "/projects/" + std::to_string(i), "expected a project id");
        }
    }
    if (!c.problems.empty()) return c;
    Problems rule;
    const auto chosen = check_vote(b, ids, rule);
    for (auto& p : rule) {
        p.pointer = "/projects";
        c.problems.push_back(std::move(p));
    }
    if (!chosen) return c;
    c.submission.projects = *chosen;
    c.ok = true;
    return c;
}

std::string ballot_submission_json(const Ballot& b, const BallotSubmission& s) {
    JsonWriter w;
    w.begin_object().key("format").string(kBallotVoteFormat).key("format_version").integer(kBallotVoteFormatVersion);
    w.key("submission_id").string(s.submission_id);
    w.key("ballot").begin_object().key("id").string(b.id).key("version").integer(b.version).end_object();
    w.key("language").string(s.language).key("projects").begin_array();
    for (const auto p : s.projects) w.string(b.projects[p].id);
    w.end_array().end_object();
    return w.text();
}

std::string ballot_vote_to_send(const Ballot& b, const BallotSubmission& s) {
    std::string vote = ballot_submission_json(b, s);
    return s.voter_code.empty() ? vote : with_string_member(std::move(vote), "voter_code", format_voter_code(s.voter_code));
}

std::string paper_ballot_json(const Ballot& b, const BallotSubmission& s, const std::string& station) {
    return with_string_member(ballot_submission_json(b, s), "station", station);
}

std::optional<std::string> clean_station(std::string_view typed) {
    while (!typed.empty() && (typed.front() == ' ' || typed.front() == '\t')) typed.remove_prefix(1);
    while (!typed.empty() && (typed.back() == ' ' || typed.back() == '\t' || typed.back() == '\r')) typed.remove_suffix(1);
    if (typed.empty() || typed.size() > kMaxStationBytes) return std::nullopt;
    for (std::size_t i = 0; i < typed.size();) {
        const auto c = static_cast<unsigned char>(typed[i]);
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F) return std::nullopt;
            ++i;
            continue;
        }
        const int n = utf8_sequence(typed, i);
        if (n <= 0) return std::nullopt;
        i += static_cast<std::size_t>(n);
    }
    return std::string(typed);
}

namespace {

void put_varint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

// The chosen projects from the start of `bytes`; `at` is left after them.
std::optional<std::vector<std::uint32_t>> read_projects(const std::string& bytes, std::size_t project_count, std::size_t& at) {
    auto get = [&](std::uint64_t& v) {
        v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (at >= bytes.size()) return false;
            const auto byte = static_cast<unsigned char>(bytes[at++]);
            v |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) return true;
        }
        return false;
    };
    std::uint64_t n = 0;
    if (!get(n) || n > project_count) return std::nullopt;
    std::vector<std::uint32_t> out;
    for (std::uint64_t i = 0; i < n; ++i) {
        std::uint64_t p = 0;
        if (!get(p) || p >= project_count) return std::nullopt;
        out.push_back(static_cast<std::uint32_t>(p));
    }
    return out;
}

}  // namespace

std::string encode_vote(const std::vector<std::uint32_t>& projects) {
    std::string out;
    put_varint(out, projects.size());
    for (const auto p : projects) put_varint(out, p);
    return out;
}

std::optional<std::vector<std::uint32_t>> decode_vote(const std::string& bytes, std::size_t project_count) {
    std::size_t at = 0;
    auto out = read_projects(bytes, project_count, at);
    if (!out || at != bytes.size()) return std::nullopt;
    return out;
}

std::string encode_stored_vote(const std::vector<std::uint32_t>& projects, const std::string& station) {
    std::string out = encode_vote(projects);
    if (station.empty()) return out;
    out.push_back(static_cast<char>(station.size()));  // at most kMaxStationBytes: one byte
    return out + station;
}

std::optional<BallotVote> decode_stored_vote(const std::string& bytes, std::size_t project_count) {
    std::size_t at = 0;
    auto projects = read_projects(bytes, project_count, at);
    if (!projects) return std::nullopt;
    BallotVote v;
    v.projects = std::move(*projects);
    if (at == bytes.size()) return v;
    const auto length = static_cast<unsigned char>(bytes[at++]);
    if (length == 0 || length > kMaxStationBytes || bytes.size() - at != length) return std::nullopt;
    v.station = bytes.substr(at);
    return v;
}

}  // namespace budget
