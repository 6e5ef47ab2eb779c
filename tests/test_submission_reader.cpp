// The fast submission reader agrees with the full validator: it accepts only what the full path
// accepts, with the same content, and defers everything unusual.
#include <boost/test/unit_test.hpp>

#include "sample.h"
#include "submission.h"
#include "submission_reader.h"
#include "support.h"

using namespace budget;
using nlohmann::json;

namespace {
// Both paths on one document: the fast reader's verdict, and whether the results are identical.
struct Both {
    bool fast_ok;
    bool full_ok;
    bool same_content;
};
Both both(const Budget& b, const std::string& text) {
    Submission fast;
    Outcome fast_outcome;
    const bool fast_ok = read_valid_submission_fast(b, text, fast, fast_outcome);
    const SubmissionCheck full = validate_submission_full_path(b, text);
    const bool same = !fast_ok || (full.ok && submission_to_json(b, fast) == submission_to_json(b, full.submission) &&
                                   fast_outcome.remaining_gap == full.outcome.remaining_gap);
    return {fast_ok, full.ok, same};
}
}  // namespace

BOOST_AUTO_TEST_SUITE(submission_reader)

BOOST_AUTO_TEST_CASE(samples_take_the_fast_path_with_identical_results) {
    for (const char* name : {"northmoor-county-2026.json", "eastbrook-district-2026.json", "bro-tegid-2026.json"}) {
        const Budget b = test::load_example(name);
        std::size_t fast = 0, n = 0;
        sample_submissions(b, 500, 77, [&](const std::string& line) {
            ++n;
            const Both r = both(b, line);
            BOOST_TEST(r.full_ok);
            BOOST_TEST(r.same_content);
            fast += r.fast_ok ? 1u : 0u;
        });
        // Only \u escapes would defer; samples have none, so every one is read fast.
        BOOST_TEST(fast == n, name);
    }
}

BOOST_AUTO_TEST_CASE(unusual_documents_defer_to_the_full_path) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    c.service_bp[0] = -1000;
    Submission s = make_submission(b, c, "reader-0001");
    s.overall_comment = "Ŵ ŷ ẁ — “quoted”";
    const std::string good = submission_to_json(b, s);
    BOOST_TEST(both(b, good).fast_ok);
    auto replace = [&](const std::string& from, const std::string& to) {
        std::string t = good;
        t.replace(t.find(from), from.size(), to);
        return t;
    };
    const std::string deferred[] = {
        replace("\"format\":", "\"format\":\"x\",\"format\":"),          // duplicate key (full path keeps the last)
        replace("reader-0001", "reader-\\u0030001"),                    // \u escape
        replace("\"council_tax_bp\":0", "\"council_tax_bp\":0.0"),     // a float
        replace("\"council_tax_bp\":0", "\"council_tax_bp\":00"),      // a leading zero
        replace("{\"budget\"", "\xEF\xBB\xBF{\"budget\""),              // a byte-order mark
        good + "x",                                                     // trailing bytes
        replace("\"care\":-1000", "\"care\":-1000,\"care\":-1000"),      // a service twice
        replace("\"language\":\"en\",", ""),                           // optional field missing: still fast
        replace("\xC5\xB4", "\xC5"),                                    // broken UTF-8
        replace("\"outcome\":{", "\"outcome\":{\"extra\":1,"),          // unknown field
    };
    for (const auto& text : deferred) {
        const Both r = both(b, text);
        BOOST_TEST(r.same_content);
        BOOST_TEST((!r.fast_ok || r.full_ok));
    }
    BOOST_TEST(!both(b, deferred[0]).fast_ok);
    BOOST_TEST(both(b, deferred[1]).full_ok);   // valid, decoded by the full path
    BOOST_TEST(!both(b, deferred[1]).fast_ok);
    BOOST_TEST(both(b, deferred[7]).fast_ok);
    BOOST_TEST(!both(b, deferred[8]).full_ok);
}

BOOST_AUTO_TEST_CASE(a_voter_code_is_read_fast_as_the_full_path_reads_it) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    c.service_bp[0] = -1000;
    Submission s = make_submission(b, c, "reader-0003");
    s.voter_code = "938NKRKAYD";
    const std::string sent = submission_to_send(b, s);
    Submission fast;
    Outcome outcome;
    BOOST_TEST(read_valid_submission_fast(b, sent, fast, outcome));
    BOOST_TEST(fast.voter_code == "938NKRKAYD");
    BOOST_TEST(validate_submission_full_path(b, sent).submission.voter_code == "938NKRKAYD");
    std::string twice = sent;
    twice.insert(twice.size() - 1, R"(,"voter_code":"938NK-RKAYD")");
    BOOST_TEST(!read_valid_submission_fast(b, twice, fast, outcome));  // a key twice defers
    std::string wrong = sent;
    wrong.replace(wrong.find("938NK-RKAYD"), 11, "938NK-RKAY");
    const Both r = both(b, wrong);
    BOOST_TEST(!r.fast_ok);
    BOOST_TEST(!r.full_ok);
}

BOOST_AUTO_TEST_CASE(invalid_documents_never_pass_the_fast_path) {
    const Budget b = test::load_ok(test::small_budget());
    Choices c = default_choices(b);
    c.service_bp[0] = -1000;
    const json good = json::parse(submission_to_json(b, make_submission(b, c, "reader-0002")));
    std::vector<json> bad(8, good);
    bad[0]["outcome"]["remaining_gap_pence"] = -1;
    bad[1]["choices"]["services"]["care"] = -950;
    bad[2]["choices"]["services"]["debt"] = 100;
    bad[3]["choices"]["council_tax_bp"] = 500;
    bad[4]["budget"]["version"] = 2;
    bad[5]["choices"]["efficiencies"] = {"shared", "shared"};
    bad[6]["comments"]["overall"] = std::string(kMaxCommentBytes + 1, 'x');
    bad[7]["choices"]["services"]["care"] = -900;
    for (const auto& doc : bad) {
        const Both r = both(b, doc.dump());
        BOOST_TEST(!r.fast_ok);
        BOOST_TEST(!r.full_ok);
    }
}

BOOST_AUTO_TEST_SUITE_END()
