// A ballot pack: a checked ballot in compact binary form for the browser app, as budget packs are
// for budgets, so the app needs no JSON parser. `budget-tool pack` and the collector write them.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "ballot.h"
#include "problem.h"

namespace budget {

constexpr unsigned kBallotPackVersion = 1;

// "BBK", u8 version, u64 FNV-1a checksum of the payload, then the ballot's fields in order. META kept
// from a pabulib file stays out: the app does not show it.
std::string pack_ballot(const Ballot& b);

struct BallotUnpack {
    std::optional<Ballot> ballot;  // set only when the pack is whole and well formed
    Problem problem;               // otherwise: pack.not_a_pack, pack.version, pack.checksum or pack.malformed
};
BallotUnpack unpack_ballot(std::string_view bytes);

// Whether bytes begin as a ballot pack (the app is given either kind at the same address).
bool is_ballot_pack(std::string_view bytes);

}  // namespace budget
