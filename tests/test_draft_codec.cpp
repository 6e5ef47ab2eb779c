// Drafts: everything a resident entered comes back; bytes that do not fit the budget are refused.
#include <boost/test/unit_test.hpp>

#include "draft_codec.h"
#include "sample.h"
#include "submission.h"
#include "support.h"

using namespace budget;

BOOST_AUTO_TEST_SUITE(draft_codec)

BOOST_AUTO_TEST_CASE(round_trips_everything_entered) {
    const Budget b = test::load_example("northmoor-county-2026.json");
    Rng rng(3);
    Draft d;
    d.choices = sample_choices(b, rng);
    d.overall_comment = "Keep the libraries open – please. “Diolch”";
    d.service_comments = {{2, "More gritting"}, {0, std::string(kMaxCommentBytes, 'x')}};
    d.demographics_consent = true;
    d.demographics = {{0, 1}};
    Draft back;
    BOOST_REQUIRE(decode_draft(b, encode_draft(b, d), back));
    BOOST_TEST(back.choices.service_bp == d.choices.service_bp, boost::test_tools::per_element());
    BOOST_TEST(back.choices.efficiency_on == d.choices.efficiency_on, boost::test_tools::per_element());
    BOOST_TEST(back.choices.income_on == d.choices.income_on, boost::test_tools::per_element());
    BOOST_TEST(back.choices.council_tax_bp == d.choices.council_tax_bp);
    BOOST_TEST(back.overall_comment == d.overall_comment);
    BOOST_TEST(back.service_comments == d.service_comments);
    BOOST_TEST(back.demographics_consent);
    BOOST_TEST(back.demographics == d.demographics);

    Draft consent_only;
    consent_only.choices = default_choices(b);
    consent_only.demographics_consent = true;
    BOOST_REQUIRE(decode_draft(b, encode_draft(b, consent_only), back));
    BOOST_TEST(back.demographics_consent);  // consent given before any answer is kept
    BOOST_TEST(back.demographics.empty());
}

BOOST_AUTO_TEST_CASE(refuses_bytes_that_do_not_fit) {
    const Budget b = test::load_ok(test::small_budget());
    Draft d;
    d.choices = default_choices(b);
    d.service_comments = {{1, "ok"}};
    d.demographics = {{0, 1}};
    const std::string good = encode_draft(b, d);
    Draft out;
    BOOST_TEST(decode_draft(b, good, out));
    for (std::size_t n = 0; n < good.size(); ++n) BOOST_TEST(!decode_draft(b, good.substr(0, n), out));
    BOOST_TEST(!decode_draft(b, good + "x", out));
    d.service_comments = {{3, "no such service"}};
    BOOST_TEST(!decode_draft(b, encode_draft(b, d), out));
    d.service_comments.clear();
    d.demographics = {{0, 2}};  // no such option
    BOOST_TEST(!decode_draft(b, encode_draft(b, d), out));
    d.demographics.clear();
    d.overall_comment = std::string(kMaxCommentBytes + 1, 'x');
    BOOST_TEST(!decode_draft(b, encode_draft(b, d), out));
    // A draft for another budget (another shape of choices) is refused, and `out` is left at rest.
    const Budget other = test::load_example("eastbrook-district-2026.json");
    BOOST_TEST(!decode_draft(other, good, out));
    BOOST_TEST(out.choices.service_bp.size() == other.services.size());
    BOOST_TEST(out.overall_comment.empty());
}

BOOST_AUTO_TEST_SUITE_END()
