// Loading ballots, and counting their stored votes with the same core the tool and app use.
#include "ballot_results.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "ballot_count.h"
#include "ballot_loader.h"
#include "ballot_pack.h"
#include "ballot_submission.h"
#include "formats/pabulib.h"
#include "utc_time.h"

namespace server {

const BallotEdition* BallotSet::find(const std::string& id) const {
    const auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &it->second;
}

bool load_ballots(const std::string& dir, BallotSet& out, std::string& error) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return true;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    if (ec) {
        error = "cannot read ballots folder " + dir + ": " + ec.message();
        return false;
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        if (!in) {
            error = "cannot read " + path.string();
            return false;
        }
        budget::BallotLoad l = budget::load_ballot(text.str());
        if (!l.ballot) {
            error = path.string() + " is not a valid ballot:";
            for (const auto& p : l.problems) error += "\n" + budget::format_problem(p, path.string());
            return false;
        }
        const std::string id = l.ballot->id;
        if (out.by_id.count(id)) {
            error = "two files in " + dir + " hold the ballot " + id;
            return false;
        }
        std::string pack = budget::pack_ballot(*l.ballot);
        out.by_id.emplace(id, BallotEdition{std::make_shared<const budget::Ballot>(std::move(*l.ballot)), text.str(), std::move(pack)});
    }
    for (const auto& [id, edition] : out.by_id) out.published.push_back(edition.ballot.get());
    return true;
}

bool BallotResults::refresh(const budget::Ballot& ballot, std::string& error) {
    Tally& t = tallies_[ballot.id];
    if (t.version != ballot.version) {
        t = Tally{};
        t.version = ballot.version;
    }
    const std::size_t before = t.votes.size();
    bool damaged = false;
    const bool ok = storage_.scan_since(
        ballot.id, ballot.version, t.mark,
        [&](const storage::StoredRow& row) {
            auto vote = budget::decode_stored_vote(row.choices, ballot.projects.size());
            if (!vote) {
                damaged = true;
                return;
            }
            t.votes.push_back(std::move(*vote));
            if (const auto at = budget::parse_utc(row.received_at)) {  // rows may arrive out of time order
                if (t.first_vote_at == 0 || *at < t.first_vote_at) t.first_vote_at = *at;
                t.last_vote_at = std::max(t.last_vote_at, *at);
            }
        },
        [](const std::string&, const std::string&) {}, error);
    if (!ok) {
        t = Tally{};  // part of a scan may have been added: read again from the start next time
        return false;
    }
    if (damaged) {
        t = Tally{};
        error = "a stored vote for " + ballot.id + " could not be decoded";
        return false;
    }
    if (t.votes.size() != before) t.pabulib.clear();
    if (t.json.empty() || t.votes.size() != before) {
        budget::Problems problems;
        const auto counted = budget::count_ballot(ballot, t.votes, ballot.counting, problems);
        if (!counted) {
            error = problems.empty() ? "the count failed" : problems.front().message;
            return false;
        }
        t.json = budget::count_json(ballot, *counted);
    }
    return true;
}

std::optional<std::string> BallotResults::count(const budget::Ballot& ballot, std::string& error, std::int64_t* last_row) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!refresh(ballot, error)) return std::nullopt;
    const Tally& t = tallies_[ballot.id];
    if (last_row) *last_row = t.mark.rows_read;
    return t.json;
}

std::shared_ptr<const std::string> BallotResults::pabulib(const budget::Ballot& ballot, const std::string& area, std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!refresh(ballot, error)) return nullptr;
    Tally& t = tallies_[ballot.id];
    if (const auto made = t.pabulib.find(area); made != t.pabulib.end()) return made->second;
    budget::Problems problems;
    std::optional<std::pair<std::int64_t, std::int64_t>> voting;
    if (t.first_vote_at != 0) voting = std::make_pair(t.first_vote_at, t.last_vote_at);
    std::string out;
    if (!budget::export_pabulib(ballot, t.votes, out, problems, voting, area)) {
        error = problems.empty() ? "the file could not be written" : problems.front().message;
        return nullptr;
    }
    auto file = std::make_shared<const std::string>(std::move(out));
    t.pabulib.emplace(area, file);
    return file;
}

}  // namespace server
