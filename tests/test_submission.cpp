// Submissions: round trips, and validation rejects tampering, off-step values and moved locked lines.
#include <boost/test/unit_test.hpp>

#include "submission.h"
#include "support.h"

using namespace budget;
using test::joined;
using test::one;
using nlohmann::json;

namespace {
const Budget& budget_under_test() {
    static const Budget b = test::load_ok(test::small_budget());
    return b;
}
// A valid, balanced submission: care -10% closes the £100,000 gap exactly.
json valid_doc() {
    const Budget& b = budget_under_test();
    Choices c = default_choices(b);
    c.service_bp[0] = -1000;
    Submission s = make_submission(b, c, "client-0001");
    s.overall_comment = "Keep the parks, =SUM(A1)";
    s.service_comments.emplace_back(1, "Lovely parks");
    s.demographics.emplace_back(0, 1);
    return json::parse(submission_to_json(b, s));
}
std::vector<std::string> submission_problems(const json& doc) {
    std::vector<std::string> out;
    for (const auto& p : validate_submission(budget_under_test(), doc.dump()).problems)
        out.push_back(p.pointer + ": " + p.message + " [" + p.code + "]");
    return out;
}
}  // namespace

BOOST_AUTO_TEST_SUITE(submission)

BOOST_AUTO_TEST_CASE(valid_submission_passes_and_round_trips) {
    const json doc = valid_doc();
    const SubmissionCheck c = validate_submission(budget_under_test(), doc.dump());
    BOOST_TEST(c.ok);
    BOOST_TEST(c.problems.empty());
    BOOST_TEST(c.submission.submission_id == "client-0001");
    BOOST_TEST(c.submission.choices.service_bp[0] == -1000);
    BOOST_TEST(c.submission.overall_comment == "Keep the parks, =SUM(A1)");
    BOOST_TEST(c.outcome.balanced);
    // Serialising what was parsed gives the same document back.
    BOOST_TEST(json::parse(submission_to_json(budget_under_test(), c.submission)) == doc);
}

BOOST_AUTO_TEST_CASE(canonical_form) {
    const Budget& b = budget_under_test();
    Choices c = default_choices(b);
    c.service_bp[0] = -1000;
    c.income_on[0] = 1;
    BOOST_TEST(submission_to_json(b, make_submission(b, c, "abcdefgh")) ==
               R"({"budget":{"id":"testshire","version":3},"choices":{"council_tax_bp":0,"efficiencies":[],"income":["fees"],"services":{"care":-1000}},)"
               R"("format":"council-budget-submission","format_version":1,"language":"en","outcome":{"band_d_pence":100000,"remaining_gap_pence":-3000000},"submission_id":"abcdefgh"})");
}

BOOST_AUTO_TEST_CASE(a_voter_code_is_read_but_never_stored_in_the_document) {
    const Budget& b = budget_under_test();
    json doc = valid_doc();
    doc["voter_code"] = " 938nk-rkayd ";
    const SubmissionCheck c = validate_submission(b, doc.dump());
    BOOST_TEST(c.ok);
    BOOST_TEST(c.submission.voter_code == "938NKRKAYD");
    const std::string stored = submission_to_json(b, c.submission);
    BOOST_TEST(stored.find("voter_code") == std::string::npos);
    BOOST_TEST(json::parse(stored) == valid_doc());
    // What the app sends: the canonical form with the code, printed form, at its end.
    const std::string to_send = submission_to_send(b, c.submission);
    BOOST_TEST(to_send == stored.substr(0, stored.size() - 1) + R"(,"voter_code":"938NK-RKAYD"})");
    BOOST_TEST(validate_submission(b, to_send).submission.voter_code == "938NKRKAYD");
    Submission none = c.submission;
    none.voter_code.clear();
    BOOST_TEST(submission_to_send(b, none) == stored);
    doc["voter_code"] = "938NK-RKAY";
    BOOST_TEST(joined(submission_problems(doc)) == one("/voter_code: a voter code is 10 letters and digits, as printed on the slip [submission.bad_voter_code]"));
    doc["voter_code"] = 938;
    BOOST_TEST(joined(submission_problems(doc)) == one("/voter_code: expected a string [submission.wrong_type]"));
}

BOOST_AUTO_TEST_CASE(tampered_totals_are_rejected) {
    json doc = valid_doc();
    doc["outcome"]["remaining_gap_pence"] = -100000000;
    BOOST_TEST(joined(submission_problems(doc)) == one("/outcome: claimed totals (gap -£1,000,000.00, Band D £1,000.00) do not match the re-simulated totals (gap £0.00, Band D £1,000.00) [submission.totals_mismatch]"));
    doc = valid_doc();
    doc["outcome"]["band_d_pence"] = 99999;
    BOOST_TEST(submission_problems(doc).front().find("[submission.totals_mismatch]") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(off_step_and_out_of_range_values_are_rejected) {
    json doc = valid_doc();
    doc["choices"]["services"]["parks"] = -700;
    BOOST_TEST(joined(submission_problems(doc)) == one("/choices/services/parks: -7% is not a step of 5% [submission.off_step]"));
    doc = valid_doc();
    doc["choices"]["services"]["care"] = -1100;
    BOOST_TEST(joined(submission_problems(doc)) == one("/choices/services/care: -11% is outside the allowed range -10% to 10% [submission.out_of_range]"));
    doc = valid_doc();
    doc["choices"]["services"]["care"] = -9.5;
    BOOST_TEST(joined(submission_problems(doc)) == one("/choices/services/care: expected an integer number of basis points [submission.wrong_type]"));
    doc = valid_doc();
    doc["choices"]["council_tax_bp"] = -250;
    BOOST_TEST(submission_problems(doc)[0] == "/choices/council_tax_bp: -2.5% is outside the allowed range -2% to 4.99% [submission.out_of_range]");
}

BOOST_AUTO_TEST_CASE(moved_locked_lines_are_rejected) {
    json doc = valid_doc();
    doc["choices"]["services"]["debt"] = -500;
    BOOST_TEST(joined(submission_problems(doc)) == one("/choices/services/debt: \"debt\" is locked and cannot change [submission.locked_line_moved]"));
    doc["choices"]["services"]["debt"] = 0;  // stating it unchanged is fine
    BOOST_TEST(submission_problems(doc).empty());
}

BOOST_AUTO_TEST_CASE(council_tax_over_the_cap_is_rejected) {
    json doc = valid_doc();
    doc["choices"]["council_tax_bp"] = 500;
    BOOST_TEST(joined(submission_problems(doc)) == one("/choices/council_tax_bp: a 5% rise is over the referendum cap (up to 2.99%, plus 2% adult social care precept) [submission.council_tax_over_cap]"));
}

BOOST_AUTO_TEST_CASE(unbalanced_is_rejected_when_the_budget_must_balance) {
    json doc = valid_doc();
    doc["choices"]["services"]["care"] = -900;
    doc["outcome"]["remaining_gap_pence"] = 1000000;
    BOOST_TEST(joined(submission_problems(doc)) == one("/choices: the budget must balance, but these choices leave a gap of £10,000.00 [submission.unbalanced]"));
    json lenient = test::small_budget();
    lenient["balance_rule"] = "may_be_unbalanced";
    const Budget b = test::load_ok(lenient);
    BOOST_TEST(validate_submission(b, doc.dump()).ok);
}

BOOST_AUTO_TEST_CASE(unknown_ids_are_rejected) {
    json doc = valid_doc();
    doc["choices"]["services"]["roads"] = 100;
    doc["choices"]["efficiencies"] = {"shared", "nonsense", "shared"};
    doc["comments"]["services"]["roads"] = "x";
    doc["demographics"]["age"] = "ancient";
    doc["demographics"]["shoe_size"] = "9";
    doc["surprise"] = true;
    const std::vector<std::string> expected = {
        "/surprise: unknown field \"surprise\" [submission.unknown_field]",
        "/choices/services/roads: unknown service \"roads\" [submission.unknown_service]",
        "/choices/efficiencies/1: unknown option \"nonsense\" [submission.unknown_option]",
        "/choices/efficiencies/2: option \"shared\" is listed twice [submission.duplicate_option]",
        "/comments/services/roads: unknown service \"roads\" [submission.unknown_service]",
        "/demographics/age: unknown answer \"ancient\" [submission.unknown_demographic]",
        "/demographics/shoe_size: unknown question \"shoe_size\" [submission.unknown_demographic]",
    };
    BOOST_TEST(joined(submission_problems(doc)) == joined(expected));
}

BOOST_AUTO_TEST_CASE(wrong_budget_or_version) {
    json doc = valid_doc();
    doc["budget"]["id"] = "elsewhere";
    BOOST_TEST(joined(submission_problems(doc)) == one("/budget/id: submission is for budget \"elsewhere\", not \"testshire\" [submission.wrong_budget]"));
    doc = valid_doc();
    doc["budget"]["version"] = 2;
    BOOST_TEST(joined(submission_problems(doc)) == one("/budget/version: submission is for version 2 of the budget; the current version is 3 [submission.wrong_budget_version]"));
}

BOOST_AUTO_TEST_CASE(ids_format_and_comments) {
    json doc = valid_doc();
    doc["submission_id"] = "short";
    BOOST_TEST(joined(submission_problems(doc)) == one("/submission_id: must be 8-64 characters of A-Z, a-z, 0-9, '-' or '_' [submission.bad_id]"));
    doc = valid_doc();
    doc["format_version"] = 9;
    BOOST_TEST(joined(submission_problems(doc)) == one("/format_version: format_version 9 is not supported; this build reads version 1 [submission.unsupported_version]"));
    doc = valid_doc();
    doc["comments"]["overall"] = std::string(kMaxCommentBytes + 1, 'a');
    BOOST_TEST(joined(submission_problems(doc)) == one("/comments/overall: comments are limited to 4000 bytes [submission.comment_too_long]"));
    doc = valid_doc();
    doc.erase("outcome");
    BOOST_TEST(joined(submission_problems(doc)) == one(": missing required field \"outcome\" [submission.missing_field]"));
}

BOOST_AUTO_TEST_CASE(malformed_and_hostile_documents) {
    const Budget& b = budget_under_test();
    BOOST_TEST(validate_submission(b, "{\"format\":").problems.front().code == "json.syntax");
    BOOST_TEST(validate_submission(b, std::string(100, '[')).problems.front().code == "json.too_deep");
    BOOST_TEST(validate_submission(b, std::string(70000, ' ')).problems.front().code == "json.too_large");
    BOOST_TEST(validate_submission(b, "[]").problems.front().code == "submission.wrong_type");
    BOOST_TEST(validate_submission(b, "null").problems.front().code == "submission.wrong_type");
}

// An outside probe found integers of 2^63 and more stored wrapped (18446744073709551563 as -53).
BOOST_AUTO_TEST_CASE(integers_beyond_int64_are_refused_never_wrapped) {
    const Budget& b = budget_under_test();
    std::string text = valid_doc().dump();
    auto with = [&](const std::string& from, const std::string& to) {
        std::string t = text;
        const auto at = t.find(from);
        BOOST_REQUIRE(at != std::string::npos);
        return t.replace(at, from.size(), to);
    };
    auto first = [&](const std::string& t) {
        const SubmissionCheck c = validate_submission(b, t);
        BOOST_REQUIRE(!c.problems.empty());
        return c.problems.front().pointer + ": " + c.problems.front().message + " [" + c.problems.front().code + "]";
    };
    BOOST_TEST(first(with("\"council_tax_bp\":0", "\"council_tax_bp\":18446744073709551563")) ==
               "/choices/council_tax_bp: the number is outside the range of a 64-bit integer [submission.integer_out_of_range]");
    BOOST_TEST(first(with("\"care\":-1000", "\"care\":9223372036854775808")) ==
               "/choices/services/care: the number is outside the range of a 64-bit integer [submission.integer_out_of_range]");
    BOOST_TEST(first(with("\"care\":-1000", "\"care\":-9223372036854775809")) ==
               "/choices/services/care: the number is outside the range of a 64-bit integer [submission.integer_out_of_range]");
    const std::string gap = text.substr(text.find("\"remaining_gap_pence\":"));
    const std::string gap_value = gap.substr(0, gap.find_first_of(",}"));
    BOOST_TEST(first(with(gap_value, "\"remaining_gap_pence\":1844674407370955161")).find("[submission.totals_mismatch]") !=
               std::string::npos);
    BOOST_TEST(first(with(gap_value, "\"remaining_gap_pence\":18446744073709551616")) ==
               "/outcome/remaining_gap_pence: the number is outside the range of a 64-bit integer [submission.integer_out_of_range]");
    BOOST_TEST(first(with("\"version\":3", "\"version\":1e30")) ==
               "/budget/version: the number is outside the range of a 64-bit integer [submission.integer_out_of_range]");
    // Within int64 but outside the lever's own range: the lever's code.
    BOOST_TEST(first(with("\"care\":-1000", "\"care\":9223372036854775807")).find("[submission.out_of_range]") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(duplicate_keys_are_refused_anywhere) {
    const Budget& b = budget_under_test();
    const std::string text = valid_doc().dump();
    auto first = [&](const std::string& t) {
        const SubmissionCheck c = validate_submission(b, t);
        BOOST_REQUIRE(!c.problems.empty());
        return format_problem(c.problems.front(), "s.json");
    };
    std::string top = text;
    top.insert(1, "\"language\":\"cy\",");
    BOOST_TEST(first(top).find("/language: the key is repeated in its object; first at line 1, column 13 [json.duplicate_key]") !=
               std::string::npos);
    std::string inner = text;
    inner.insert(inner.find("\"care\":-1000") + 1 + std::string("\"care\":-1000").size() - 1, ",\"care\":-1000");
    BOOST_TEST(first(inner).find("/choices/services/care: the key is repeated in its object") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(choices_only_documents_simulate) {
    const Budget& b = budget_under_test();
    const SubmissionCheck c = parse_choices(b, R"({"choices": {"services": {"parks": -1000}, "income": ["fees"]}})");
    BOOST_TEST(c.ok);
    BOOST_TEST(c.outcome.remaining_gap == 10'000'000 - 5'000'000 - 3'000'000);
}

BOOST_AUTO_TEST_SUITE_END()
