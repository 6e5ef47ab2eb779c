// Ballot <-> pack bytes. One field list (`fields`) drives both directions, so they cannot drift.
#include "ballot_pack.h"

#include <limits>
#include <utility>

#include "ballot_loader.h"
#include "pack_io.h"

namespace budget {

namespace {

using namespace pack_io;

constexpr std::string_view kMagic = "BBK";
constexpr std::int64_t kMaxProjects = static_cast<std::int64_t>(kMaxBallotProjects);

template <class IO>
bool fields(IO& io, Ballot& b) {
    const auto time = [&](std::int64_t& t) { return io.num(t, kI64Min, kI64Max); };
    bool ok = io.str(b.id) && io.num(b.version, kI64Min, kI64Max) &&
              io.list(b.languages, [&](std::string& l) { return io.str(l); }) && local(io, b.council) && local(io, b.title) &&
              local(io, b.description) && io.str(b.currency) && io.num(b.budget, 0, kMoneyLimit) && io.choice(b.rule, 2) &&
              io.num(b.min_projects, 0, kMaxProjects) && io.num(b.max_projects, 0, kMaxProjects) &&
              io.num(b.min_share_bp, 0, 10000) && io.choice(b.counting, 2) && io.flag(b.results_public) &&
              io.flag(b.codes_required) && io.maybe(b.opens_at, time) && io.maybe(b.closes_at, time);
    ok = ok && io.list(b.areas, [&](BallotArea& a) { return io.str(a.id) && local(io, a.name) && io.num(a.budget, 0, kMoneyLimit); });
    ok = ok && io.list(b.projects, [&](Project& p) {
        return io.str(p.id) && local(io, p.name) && local(io, p.description) && io.num(p.cost, 0, kMoneyLimit) &&
               io.str(p.category) && io.str(p.area);
    });
    return ok && b.projects.size() <= kMaxBallotProjects;
}

}  // namespace

std::string pack_ballot(const Ballot& b) {
    return pack(b, kMagic, kBallotPackVersion, [](auto& io, Ballot& v) { return fields(io, v); });
}

BallotUnpack unpack_ballot(std::string_view bytes) {
    BallotUnpack r;
    r.ballot = unpack<Ballot>(bytes, kMagic, kBallotPackVersion, "ballot", [](auto& io, Ballot& v) { return fields(io, v); }, r.problem);
    return r;
}

bool is_ballot_pack(std::string_view bytes) { return bytes.substr(0, kMagic.size()) == kMagic; }

}  // namespace budget
