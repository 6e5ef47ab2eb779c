// resident_ratings: the scales and questions, the stored codes both ways (and damaged ones), the
// share positive with its Wilson interval against published values, suppression at 9 and 10, and
// ratings read from a submission by both paths and written back in canonical order.
#include <boost/test/unit_test.hpp>

#include "aggregation.h"
#include "draft_codec.h"
#include "resident_ratings.h"
#include "submission.h"
#include "submission_reader.h"
#include "support.h"

using namespace budget;

namespace {

RatingCount counted(std::uint64_t positive, std::uint64_t other, std::uint64_t dont_know = 0) {
    RatingCount c;
    c.points[1] = positive;  // "fairly satisfied": one of the top two
    c.points[3] = other;
    c.dont_know = dont_know;
    return c;
}

// A balanced submission of the test budget (care -10% closes its gap) with the given ratings member.
std::string with_ratings(const Budget& b, const std::string& ratings) {
    Choices choices = default_choices(b);
    choices.service_bp[*b.find_service("care")] = -1000;
    std::string doc = submission_to_json(b, make_submission(b, choices, "rate-0001-abcd"));
    const auto at = doc.find("\"submission_id\"");
    return doc.substr(0, at) + "\"ratings\":" + ratings + "," + doc.substr(at);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(resident_ratings)

BOOST_AUTO_TEST_CASE(each_scale_has_its_points_best_first_and_dont_know_apart) {
    BOOST_TEST(scale_point_ids(RatingScale::Satisfaction).size() == 5u);
    BOOST_TEST(scale_point_ids(RatingScale::Informed).size() == 4u);
    BOOST_TEST(*find_point(RatingScale::Agreement, "tend_to_agree") == 1);
    BOOST_TEST(*find_point(RatingScale::Extent, "dont_know") == kDontKnow);
    BOOST_TEST(!find_point(RatingScale::Extent, "very_satisfied"));
    BOOST_TEST(std::string(point_id(RatingScale::Satisfaction, 4)) == "very_dissatisfied");
    BOOST_TEST(perception_questions().size() == 5u);
    BOOST_TEST(*find_perception_question("trust") == 4u);
}

BOOST_AUTO_TEST_CASE(wilson_intervals_match_published_values) {
    // Wilson (1927) at z = 1.96: 7/10 is 0.3968-0.8922; 50/100 is 0.4038-0.5962; 0/10 is 0-0.2775.
    RatingShare s = wilson_share(7, 10);
    BOOST_TEST(s.share_tenths == 700);
    BOOST_TEST(s.low_tenths == 397);
    BOOST_TEST(s.high_tenths == 892);
    s = wilson_share(50, 100);
    BOOST_TEST(s.low_tenths == 404);
    BOOST_TEST(s.high_tenths == 596);
    s = wilson_share(0, 10);
    BOOST_TEST(s.low_tenths == 0);
    BOOST_TEST(s.high_tenths == 278);
    s = wilson_share(10, 10);
    BOOST_TEST(s.low_tenths == 722);
    BOOST_TEST(s.high_tenths == 1000);
    BOOST_TEST(wilson_share(1, 8).share_tenths == 125);   // exact: 125
    BOOST_TEST(wilson_share(1, 16).share_tenths == 63);   // 62.5 rounds away from zero
}

BOOST_AUTO_TEST_CASE(a_share_is_suppressed_below_ten_rated_and_dont_know_is_left_out) {
    BOOST_TEST(!published_share(counted(5, 4)));
    BOOST_TEST(!published_share(counted(5, 4, 30)));  // 30 "don't know" do not make it 39
    const auto ten = published_share(counted(7, 3, 30));
    BOOST_REQUIRE(ten);
    BOOST_TEST(ten->rated == 10u);
    BOOST_TEST(ten->share_tenths == 700);
}

BOOST_AUTO_TEST_CASE(the_app_reads_the_published_shares_and_works_them_again_from_the_counts) {
    std::vector<PublishedGroupShare> shares;
    std::string error;
    BOOST_REQUIRE(read_published_group_shares(R"({"count": 40, "ratings": {"services": [
        {"id": "people", "rated": 10, "positive": 7, "percent": "70.0", "low_percent": "39.7", "high_percent": "89.2"},
        {"id": "place", "suppressed": true}], "council": []}})", shares, error));
    BOOST_REQUIRE(shares.size() == 2u);
    BOOST_TEST(shares[0].id == "people");
    BOOST_REQUIRE(shares[0].share);
    BOOST_TEST(shares[0].share->share_tenths == 700);
    BOOST_TEST(shares[0].share->low_tenths == wilson_share(7, 10).low_tenths);
    BOOST_TEST(!shares[1].share);
    BOOST_TEST(read_published_group_shares(R"({"count": 3, "suppressed": true, "threshold": 10})", shares, error));
    BOOST_TEST(shares.empty());
    for (const char* bad : {R"({"ratings": {"services": [{"id": "people", "rated": 10, "positive": 11}]}})",
                            R"({"ratings": {"services": [{"id": "people", "rated": 9, "positive": 1}]}})",
                            R"({"ratings": {"services": [{"id": "people", "rated": -10, "positive": 1}]}})",
                            R"({"ratings": {"services": [{"rated": 10, "positive": 1}]}})"}) {
        BOOST_TEST(!read_published_group_shares(bad, shares, error), bad);
        BOOST_TEST(error == "ratings.bad_group");
        BOOST_TEST(shares.empty());
    }
    for (const char* bad : {"", "[1, 2]", "{\"count\": 40}", "{\"ratings\": {\"services\": 3}}", "{\"count\": 4"}) {
        BOOST_TEST(!read_published_group_shares(bad, shares, error), bad);
        BOOST_TEST(error == "ratings.not_results");
    }
}

BOOST_AUTO_TEST_CASE(codes_go_both_ways_by_id_and_damaged_ones_are_refused) {
    const Budget b = test::load_ok(test::small_budget());
    Ratings r;
    r.services = {{0, 1}};
    r.perception = {{4, kDontKnow}, {1, 0}};
    const std::string codes = ratings_to_codes(b, r);
    BOOST_TEST(codes == "s:g1=1,c:trust=-1,c:value_for_money=0");
    const auto back = ratings_from_codes(b, codes);
    BOOST_REQUIRE(back);
    BOOST_TEST(back->services.size() == 1u);
    BOOST_TEST(back->perception[0].second == kDontKnow);
    BOOST_TEST(ratings_from_codes(b, "")->empty());
    BOOST_TEST(ratings_from_codes(b, "s:gone=1")->empty());  // a group this version does not have
    for (const char* damaged : {"s:g1=5", "s:g1=x", "c:nope=0", "c:informed=4", "q:g1=1", "s:g1", "s:g1=1,", "s:g1=-3"})
        BOOST_TEST(!ratings_from_codes(b, damaged), damaged);
}

BOOST_AUTO_TEST_CASE(a_submission_carries_ratings_by_either_path_in_canonical_order) {
    const Budget b = test::load_ok(test::small_budget());
    const std::string text = with_ratings(b, R"({"services":{"g1":"fairly_satisfied"},"council":{"trust":"a_fair_amount","runs_things":"dont_know"}})");
    const SubmissionCheck full = validate_submission_full_path(b, text);
    BOOST_REQUIRE(full.ok);
    Submission fast;
    Outcome o;
    BOOST_TEST(read_valid_submission_fast(b, text, fast, o));
    BOOST_TEST(ratings_to_codes(b, fast.ratings) == "s:g1=1,c:trust=1,c:runs_things=-1");
    const std::string stored = submission_to_json(b, full.submission);
    BOOST_TEST(stored.find(R"("ratings":{"council":{"runs_things":"dont_know","trust":"a_fair_amount"},"services":{"g1":"fairly_satisfied"}})") !=
               std::string::npos, stored);
    BOOST_TEST(submission_to_json(b, fast) == stored);
}

BOOST_AUTO_TEST_CASE(a_bad_rating_is_a_placed_problem) {
    const Budget b = test::load_ok(test::small_budget());
    const SubmissionCheck c = validate_submission(b, with_ratings(b, R"({"services":{"g1":"great","nowhere":"very_satisfied"},"council":{"trust":"very_satisfied"},"extra":{}})"));
    BOOST_TEST(!c.ok);
    std::vector<std::string> seen;
    for (const auto& p : c.problems) seen.push_back(p.code + " " + p.pointer + ": " + p.message);
    BOOST_TEST(test::joined(seen) ==
               test::joined({"submission.unknown_field /ratings/extra: unknown field \"extra\"",
                             "submission.bad_rating /ratings/services/g1: \"great\" is not one of very_satisfied, fairly_satisfied, neither, "
                             "fairly_dissatisfied, very_dissatisfied or dont_know",
                             "submission.unknown_rating /ratings/services/nowhere: unknown service group \"nowhere\"",
                             "submission.bad_rating /ratings/council/trust: \"very_satisfied\" is not one of a_great_deal, a_fair_amount, "
                             "not_very_much, not_at_all or dont_know"}));
}

BOOST_AUTO_TEST_CASE(the_aggregate_counts_each_point_and_residents_who_rated) {
    const Budget b = test::load_ok(test::small_budget());
    Aggregator agg(b);
    Ratings r;
    r.services = {{0, 0}};
    r.perception = {{0, kDontKnow}};
    for (int i = 0; i < 3; ++i) agg.add_ratings(r);
    agg.add_ratings(Ratings{});
    BOOST_TEST(agg.ratings().residents == 3u);
    BOOST_TEST(agg.ratings().groups[0].points[0] == 3u);
    BOOST_TEST(agg.ratings().perception[0].dont_know == 3u);
    BOOST_TEST(agg.ratings().perception[0].rated() == 0u);
}

BOOST_AUTO_TEST_CASE(a_draft_keeps_its_ratings) {
    const Budget b = test::load_ok(test::small_budget());
    Draft d;
    d.choices = default_choices(b);
    d.ratings.services = {{0, 2}};
    d.ratings.perception = {{3, 0}};
    Draft back;
    BOOST_REQUIRE(decode_draft(b, encode_draft(b, d), back));
    BOOST_TEST(ratings_to_codes(b, back.ratings) == "s:g1=2,c:acts_on_concerns=0");
}

BOOST_AUTO_TEST_SUITE_END()
