// Ballot packs: the example ballot and a small one survive the round trip field for field, and
// damaged, truncated or foreign bytes are refused with a stable code.
#include <boost/test/unit_test.hpp>

#include "ballot_loader.h"
#include "ballot_pack.h"
#include "ballot_support.h"
#include "budget_pack.h"
#include "support.h"

using namespace budget;

namespace {
Ballot example() {
    const auto l = load_ballot(test::read_text(std::string(BUDGETS_DIR) + "/ballots/bro-tegid-community-fund-2027.json"));
    BOOST_REQUIRE(l.ballot);
    return *l.ballot;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(ballot_pack)

BOOST_AUTO_TEST_CASE(ballots_survive_the_round_trip) {
    const auto small = load_ballot(test::small_ballot().dump());
    BOOST_REQUIRE(small.ballot);
    for (const Ballot& b : {example(), *small.ballot}) {
        BOOST_TEST_CONTEXT(b.id) {
            const std::string bytes = pack_ballot(b);
            BOOST_TEST(is_ballot_pack(bytes));
            const BallotUnpack u = unpack_ballot(bytes);
            BOOST_REQUIRE(u.ballot);
            BOOST_TEST(ballot_json(*u.ballot) == ballot_json(b));  // every field the file has
            BOOST_TEST(pack_ballot(*u.ballot) == bytes);
        }
    }
    // The small ballot's dates and the example's areas are among what came back.
    const Ballot back = *unpack_ballot(pack_ballot(*small.ballot)).ballot;
    BOOST_TEST(back.closes_at.value_or(0) == small.ballot->closes_at.value_or(1));
    BOOST_TEST(unpack_ballot(pack_ballot(example())).ballot->areas.size() == 2u);
}

BOOST_AUTO_TEST_CASE(bad_bytes_are_refused_with_a_code) {
    const std::string bytes = pack_ballot(example());
    BOOST_TEST(unpack_ballot("").problem.code == "pack.not_a_pack");
    BOOST_TEST(unpack_ballot(pack_budget(test::load_example("bro-tegid-2026.json"))).problem.code == "pack.not_a_pack");
    BOOST_TEST(unpack_ballot(pack_budget(test::load_example("bro-tegid-2026.json"))).problem.message == "this is not a ballot pack");
    std::string other = bytes;
    other[3] = static_cast<char>(kBallotPackVersion + 1);
    BOOST_TEST(unpack_ballot(other).problem.code == "pack.version");
    std::string damaged = bytes;
    damaged[damaged.size() / 2] ^= 0x20;
    BOOST_TEST(unpack_ballot(damaged).problem.code == "pack.checksum");
    BOOST_TEST(unpack_ballot(bytes.substr(0, bytes.size() - 1)).problem.code == "pack.checksum");
    // Every truncation is refused, never read as a shorter ballot.
    for (std::size_t n = 0; n < bytes.size(); ++n) BOOST_TEST(!unpack_ballot(bytes.substr(0, n)).ballot);
    BOOST_TEST(!is_ballot_pack(pack_budget(test::load_example("bro-tegid-2026.json"))));
}

BOOST_AUTO_TEST_SUITE_END()
