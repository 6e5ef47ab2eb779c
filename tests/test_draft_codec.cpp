// Drafts: everything a resident entered comes back; bytes that do not fit the budget are refused.
#include <boost/test/unit_test.hpp>

#include "byte_codec.h"
#include "choices_codec.h"
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

BOOST_AUTO_TEST_CASE(a_draft_outlives_a_new_version_keeping_what_still_applies) {
    nlohmann::json v1 = test::small_budget();
    const Budget old_budget = test::load_ok(v1);
    Draft d;
    d.choices = default_choices(old_budget);
    d.choices.service_bp = {500, -1000, 0};  // care +5%, parks -10%
    d.choices.efficiency_on = {1};
    d.choices.income_on = {1};
    d.choices.council_tax_bp = 199;
    d.overall_comment = "Protect care";
    d.service_comments = {{0, "care matters"}, {1, "parks too"}};
    d.demographics_consent = true;
    d.demographics = {{0, 1}};
    const std::string saved = encode_draft(old_budget, d);

    // Version 4: parks now moves in 5% steps from -5%, the income option is gone, a service is renamed.
    nlohmann::json v2 = v1;
    v2["version"] = 4;
    v2["services"][1]["min_percent"] = -5;
    v2["services"][1]["consequences"][0]["from_percent"] = -5;
    v2["income"] = nlohmann::json::array();
    v2["services"][0]["name"] = "Care and support";
    const Budget new_budget = test::load_ok(v2);
    Draft back;
    bool changed = false;
    BOOST_REQUIRE(decode_draft(new_budget, saved, back, &changed));
    BOOST_TEST(changed);
    BOOST_TEST(back.choices.service_bp[0] == 500);  // still fits
    BOOST_TEST(back.choices.service_bp[1] == 0);    // -10% is no longer on the lever
    BOOST_TEST(back.choices.efficiency_on[0] == 1);
    BOOST_TEST(back.choices.income_on.empty());
    BOOST_TEST(back.choices.council_tax_bp == 199);
    BOOST_TEST(back.overall_comment == "Protect care");
    BOOST_TEST(back.service_comments.size() == 2u);
    BOOST_TEST(back.demographics == d.demographics);

    // The same version: nothing changed, and a value that does not fit refuses the draft.
    BOOST_REQUIRE(decode_draft(old_budget, saved, back, &changed));
    BOOST_TEST(!changed);
    BOOST_TEST(back.choices.service_bp == d.choices.service_bp, boost::test_tools::per_element());

    // Version 1 drafts (choices by position) still read.
    ByteWriter v1_bytes;
    v1_bytes.u8(1);
    v1_bytes.text(encode_choices(old_budget, d.choices));
    v1_bytes.text("old");
    v1_bytes.varint(0);
    v1_bytes.boolean(false);
    v1_bytes.varint(0);
    BOOST_REQUIRE(decode_draft(old_budget, v1_bytes.bytes(), back, &changed));
    BOOST_TEST(back.overall_comment == "old");
    BOOST_TEST(back.choices.council_tax_bp == 199);
}

BOOST_AUTO_TEST_SUITE_END()
