// Participatory-budgeting ballots held by the server (loaded from BUDGETS/ballots/ at start), and
// their results: the stored votes, read a little at a time, counted by the core on request.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ballot.h"
#include "storage.h"
#include "vote.h"

namespace server {

struct BallotEdition {
    std::shared_ptr<const budget::Ballot> ballot;
    std::string json;  // the file as loaded
    std::string pack;  // what the app downloads (budgets/ID.pack)
};

struct BallotSet {
    std::map<std::string, BallotEdition> by_id;
    std::vector<const budget::Ballot*> published;  // the same ballots, for the core's intake
    const BallotEdition* find(const std::string& id) const;
};

// Loads every *.json in `dir` (a missing folder is no ballots). False with `error` (every problem,
// FILE:LINE:COLUMN) when a file cannot be read or is not a valid ballot, or two share an id.
bool load_ballots(const std::string& dir, BallotSet& out, std::string& error);

class BallotResults {
public:
    explicit BallotResults(storage::Storage& storage) : storage_(storage) {}
    // The count as budget::count_json writes it, of every vote stored so far for the ballot's version.
    // Thread-safe; new rows are read since the last call, and counted again only when there are any.
    // `last_row` (may be null) becomes the number of votes counted (the live tally's event id).
    std::optional<std::string> count(const budget::Ballot& ballot, std::string& error, std::int64_t* last_row = nullptr);

    // Every tally read again from the first vote at its next count.
    void forget() {
        std::lock_guard<std::mutex> lock(mutex_);
        tallies_.clear();
    }
    // The stored votes as a pabulib file (selected by the ballot's rule; dates from the ballot, else
    // from the first and last vote), null with `error`. Made once for each area after the votes
    // change, then the same copy is shared by every request until they change again.
    std::shared_ptr<const std::string> pabulib(const budget::Ballot& ballot, const std::string& area, std::string& error);

private:
    bool refresh(const budget::Ballot& ballot, std::string& error);  // mutex_ held
    struct Tally {
        std::int64_t version = 0;
        storage::ScanMark mark;  // how far `votes` has read
        std::vector<budget::BallotVote> votes;
        std::string json;  // the count at `mark` ("" before the first)
        std::map<std::string, std::shared_ptr<const std::string>> pabulib;  // by area, at `mark`
        std::int64_t first_vote_at = 0, last_vote_at = 0;  // UTC seconds
    };
    storage::Storage& storage_;
    std::mutex mutex_;
    std::map<std::string, Tally> tallies_;
};

}  // namespace server
