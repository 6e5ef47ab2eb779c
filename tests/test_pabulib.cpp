// pabulib files: read as Python's csv module writes them, written with every field the checker
// requires, and a file read, written and read again is the same ballot and votes.
#include <boost/test/unit_test.hpp>

#include <fstream>
#include <sstream>

#include "ballot_count.h"
#include "ballot_loader.h"
#include "ballot_support.h"
#include "formats/pabulib.h"

using namespace budget;

namespace {

const char* kFile =
    "META\n"
    "key;value\n"
    "description;Municipal PB in Testowo\n"
    "country;Poland\n"
    "unit;Testowo\n"
    "instance;2024\n"
    "num_projects;4\n"
    "num_votes;5\n"
    "budget;100.0\n"
    "vote_type;approval\n"
    "rule;greedy\n"
    "date_begin;01.05.2024\n"
    "date_end;31.05.2024\n"
    "min_length;1\n"
    "max_length;3\n"
    "currency;PLN\n"
    "PROJECTS\n"
    "project_id;cost;votes;name;category;selected\n"
    "1;60;2;\"Park; with a \"\"quote\"\"\";environment;0\n"
    "2;40;3;Library;culture,education;1\n"
    "3;40;2;Bike path;transport;1\n"
    "4;15;0;Nobody's;transport;0\n"
    "VOTES\n"
    "voter_id;vote;age\n"
    "10;1;34\n"
    "11;1,2;51\n"
    "12;2,3;19\n"
    "13;2,3;77\n"
    "14;;40\n";

std::vector<std::string> ids(const Ballot& b, const std::vector<std::size_t>& winners) {
    std::vector<std::string> out;
    for (const auto w : winners) out.push_back(b.projects[w].id);
    return out;
}

std::vector<std::string> formatted(const Problems& problems) {
    std::vector<std::string> out;
    for (const auto& p : problems) out.push_back(format_problem(p, "in.pb"));
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(pabulib)

BOOST_AUTO_TEST_CASE(reads_an_approval_file) {
    Problems problems, warnings;
    const auto in = import_pabulib(kFile, "testowo-2024", problems, warnings);
    BOOST_TEST(formatted(problems).empty());
    BOOST_TEST(formatted(warnings) == (std::vector<std::string>{
        "in.pb:29: voter 14 chose no project: kept as a voter who chose nothing [pabulib.empty_vote]",
        "in.pb: 1 vote chooses fewer or more projects than min_length/max_length allow; it is kept [pabulib.votes_break_rule]"}),
        boost::test_tools::per_element());
    BOOST_REQUIRE(in.ok);
    const Ballot& b = in.ballot;
    BOOST_TEST(b.budget == 10000);  // hundredths of the file's unit
    BOOST_TEST(b.currency == "PLN");
    BOOST_TEST(b.projects[0].name.en == "Park; with a \"quote\"");
    BOOST_TEST(b.projects[1].category == "culture,education");
    BOOST_TEST(b.max_projects == 3);
    BOOST_TEST(in.votes.size() == 5u);
    BOOST_TEST(in.votes[4].projects.empty());
    BOOST_TEST(in.votes[1].voter == "11");
    Problems p;
    const auto greedy = count_ballot(b, in.votes, CountingRule::Greedy, p);
    BOOST_TEST(ids(b, greedy->winners()) == (std::vector<std::string>{"2", "3"}));
    // Equal shares: 5 voters (the empty vote too) of 20 each. 2 costs 40/3 a supporter; 3 needs 20
    // from voters 12 and 13, who have 20 - 40/3 left until Add1 raises the money to 34; then 3, and
    // 1 (60) no longer fits: {2, 3}, exhaustive.
    const auto shares = count_ballot(b, in.votes, CountingRule::EqualShares, p);
    BOOST_TEST(p.empty());
    BOOST_TEST(ids(b, shares->winners()) == (std::vector<std::string>{"2", "3"}));
    BOOST_TEST(shares->areas[0].outcome.per_voter_budget.to_string() == "3400");
    BOOST_TEST(shares->areas[0].outcome.winners[0].rho.to_string() == "4000/3");
    // The imported ballot is a valid ballot file.
    const auto again = load_ballot(ballot_json(b));
    BOOST_TEST(again.problems.empty());
}

BOOST_AUTO_TEST_CASE(a_currency_that_is_not_three_letters_becomes_xxx) {
    // Found by fuzz_ballot: ",LN" is three characters but no currency code, and the ballot must load.
    for (const auto& [given, kept] : std::vector<std::pair<std::string, std::string>>{
             {"pln", "PLN"}, {",LN", "XXX"}, {"PL", "XXX"}, {"P\xc5\x81", "XXX"}, {"", "XXX"}}) {
        std::string file = kFile;
        file.replace(file.find("currency;PLN"), 12, "currency;" + given);
        Problems problems, warnings;
        const auto in = import_pabulib(file, "testowo-2024", problems, warnings);
        BOOST_REQUIRE(in.ok);
        BOOST_TEST(in.ballot.currency == kept);
        BOOST_TEST(load_ballot(ballot_json(in.ballot)).problems.empty());
    }
}

BOOST_AUTO_TEST_CASE(writes_what_it_reads) {
    Problems problems, warnings;
    const auto in = import_pabulib(kFile, "testowo-2024", problems, warnings);
    BOOST_REQUIRE(in.ok);
    std::string out;
    BOOST_REQUIRE(export_pabulib(in.ballot, in.votes, out, problems));
    BOOST_TEST(out ==
               "META\nkey;value\ndescription;Municipal PB in Testowo\ncountry;Poland\nunit;Testowo\ninstance;2024\n"
               "num_projects;4\nnum_votes;5\nbudget;100\nvote_type;approval\nrule;greedy\ndate_begin;01.05.2024\n"
               "date_end;31.05.2024\nmin_length;1\nmax_length;3\ncurrency;PLN\n"
               "PROJECTS\nproject_id;cost;votes;name;category;selected\n"
               "1;60;2;\"Park; with a \"\"quote\"\"\";environment;0\n2;40;3;Library;culture,education;1\n"
               "3;40;2;Bike path;transport;1\n4;15;0;Nobody's;transport;0\n"
               "VOTES\nvoter_id;vote\n10;1\n11;1,2\n12;2,3\n13;2,3\n14;\n");
    const auto back = import_pabulib(out, "testowo-2024", problems, warnings);
    BOOST_REQUIRE(back.ok);
    BOOST_TEST(ballot_json(back.ballot) == ballot_json(in.ballot));
}

BOOST_AUTO_TEST_CASE(our_ballot_gets_every_required_field) {
    const Ballot b = *load_ballot(test::small_ballot().dump()).ballot;
    std::vector<BallotVote> votes(3);
    votes[0].projects = {0, 2};
    votes[1].projects = {1};
    votes[2].projects = {2, 3};
    std::string out;
    Problems problems;
    BOOST_REQUIRE(export_pabulib(b, votes, out, problems));
    for (const char* field : {"\ndescription;Parks fund\n", "\ncountry;United Kingdom\n", "\nunit;Testshire Council\n",
                              "\ninstance;2027\n", "\ndate_begin;01.03.2027\n", "\ndate_end;15.03.2027\n", "\nnum_projects;4\n",
                              "\nnum_votes;3\n", "\nbudget;100000\n", "\nvote_type;approval\n", "\nrule;equalshares/add1\n",
                              "\nplay;60000.50;1;Play area;;"})
        BOOST_TEST(out.find(field) != std::string::npos, field);
    auto undated = b;
    undated.opens_at.reset();
    BOOST_TEST(!export_pabulib(undated, votes, out, problems));
    BOOST_TEST(formatted(problems).back() ==
               "in.pb: pabulib needs the voting dates: give the ballot opens_at and closes_at [pabulib.missing_dates]");
}

BOOST_AUTO_TEST_CASE(bad_files_are_refused_by_line) {
    std::string bad = kFile;
    bad.replace(bad.find("13;2,3;77"), 9, "13;2,9;77");
    bad.replace(bad.find("4;15;0"), 6, "4;1.5x;0");
    bad.replace(bad.find("vote_type;approval"), 18, "vote_type;ordinal");
    Problems problems, warnings;
    const auto in = import_pabulib(bad, "t", problems, warnings);
    BOOST_TEST(!in.ok);
    BOOST_TEST(formatted(problems) == (std::vector<std::string>{
        "in.pb:22: cost \"1.5x\" is not an amount (at most two decimals, up to 10^12) [pabulib.bad_number]",
        "in.pb:28: vote for unknown project \"9\" [pabulib.unknown_project]",
        "in.pb: vote_type ordinal is not read yet; only approval ballots are [pabulib.unsupported_vote_type]",
    }), boost::test_tools::per_element());
    const auto truncated = import_pabulib("META\nkey;value\nbudget;5\n", "t", problems, warnings);
    BOOST_TEST(!truncated.ok);
    BOOST_TEST(formatted(problems).back() == "in.pb: META has no vote_type [pabulib.unsupported_vote_type]");
}

BOOST_AUTO_TEST_CASE(a_minimum_above_the_maximum_is_refused) {
    // Found by fuzz_ballot: the file read, but no ballot could be made of it.
    std::string bad = kFile;
    bad.replace(bad.find("min_length;1"), 12, "min_length;10");
    Problems problems, warnings;
    const auto in = import_pabulib(bad, "t", problems, warnings);
    BOOST_TEST(!in.ok);
    BOOST_TEST(formatted(problems) == (std::vector<std::string>{"in.pb: META min_length 10 is above max_length 3 [pabulib.min_above_max]"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(counts_that_disagree_are_warned) {
    std::string odd = kFile;
    odd.replace(odd.find("num_votes;5"), 11, "num_votes;6");
    odd.replace(odd.find("max_length;3"), 12, "max_length;1");
    Problems problems, warnings;
    const auto in = import_pabulib(odd, "t", problems, warnings);
    BOOST_TEST(in.ok);
    BOOST_TEST(formatted(warnings) == (std::vector<std::string>{
        "in.pb:29: voter 14 chose no project: kept as a voter who chose nothing [pabulib.empty_vote]",
        "in.pb: META num_votes is 6 but VOTES has 5 [pabulib.count_mismatch]",
        "in.pb: 4 votes choose fewer or more projects than min_length/max_length allow; they are kept [pabulib.votes_break_rule]",
    }), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(published_quirks_are_mended_with_a_warning_or_refused_when_strict) {
    // A project twice in one vote (a 2022 Warsaw file has one), a trailing separator, an empty item.
    std::string quirky = kFile;
    quirky.replace(quirky.find("11;1,2;51"), 9, "11;1,2,1;51");
    quirky.replace(quirky.find("12;2,3;19"), 9, "12;2,3,;19");
    quirky.replace(quirky.find("13;2,3;77"), 9, "13;2,,3;77");
    Problems problems, warnings;
    const auto in = import_pabulib(quirky, "t", problems, warnings);
    BOOST_TEST(formatted(problems).empty());
    BOOST_TEST(formatted(warnings) == (std::vector<std::string>{
        "in.pb:26: voter 11's vote lists project 1 twice: it is counted once [pabulib.repeated_project]",
        "in.pb:27: voter 12's vote has an empty item (a separator with nothing after it): it is left out [pabulib.empty_item]",
        "in.pb:28: voter 13's vote has an empty item (a separator with nothing after it): it is left out [pabulib.empty_item]",
        "in.pb:29: voter 14 chose no project: kept as a voter who chose nothing [pabulib.empty_vote]",
        "in.pb: 1 vote chooses fewer or more projects than min_length/max_length allow; it is kept [pabulib.votes_break_rule]",
    }), boost::test_tools::per_element());
    BOOST_REQUIRE(in.ok);
    // Read as the clean file is: the same votes, so the same count.
    Problems clean_problems, clean_warnings;
    const auto clean = import_pabulib(kFile, "t", clean_problems, clean_warnings);
    BOOST_REQUIRE(in.votes.size() == clean.votes.size());
    for (std::size_t i = 0; i < in.votes.size(); ++i) BOOST_TEST(in.votes[i].projects == clean.votes[i].projects);

    PabulibLimits strict;
    strict.strict = true;
    Problems strict_problems, strict_warnings;
    const auto refused = import_pabulib(quirky, "t", strict_problems, strict_warnings, strict);
    BOOST_TEST(!refused.ok);
    BOOST_TEST(formatted(strict_problems) == (std::vector<std::string>{
        "in.pb:26: project 1 is in the vote twice [pabulib.duplicate_project]",
        "in.pb:27: vote for unknown project \"\" [pabulib.unknown_project]",
        "in.pb:28: vote for unknown project \"\" [pabulib.unknown_project]",
    }), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_thousand_quirks_give_twenty_warnings_and_a_count) {
    std::string many = kFile;
    std::string votes;
    for (int i = 0; i < 1000; ++i) votes += std::to_string(100 + i) + ";2,2;30\n";
    many += votes;
    many.replace(many.find("num_votes;5"), 11, "num_votes;1005");
    Problems problems, warnings;
    const auto in = import_pabulib(many, "t", problems, warnings);
    BOOST_TEST(in.ok);
    std::size_t repeated = 0;
    for (const auto& w : warnings) repeated += w.code == "pabulib.repeated_project" ? 1u : 0u;
    BOOST_TEST(repeated == 21u);
    BOOST_TEST(formatted(warnings).at(21) == "in.pb: 980 more like the above, mended the same way [pabulib.repeated_project]");
}

// Real instances from pabulib (tests/fixtures/pabulib/), counted under the rule the city used: the
// winners are the file's `selected` column.
BOOST_AUTO_TEST_CASE(real_instances_count_as_their_selected_column) {
    for (const char* name : {"Netherlands_Assen_2024.pb", "Poland_Warszawa_2020_Wola.pb", "Poland_Warszawa_2021_Zoliborz.pb"}) {
        BOOST_TEST_CONTEXT(name) {
            std::ifstream file(std::string(PABULIB_DIR) + "/" + name, std::ios::binary);
            std::ostringstream text;
            text << file.rdbuf();
            BOOST_REQUIRE(!text.str().empty());
            Problems problems, warnings;
            const auto in = import_pabulib(text.str(), "real", problems, warnings);
            BOOST_TEST(formatted(problems).empty());
            BOOST_REQUIRE(in.ok);
            BOOST_REQUIRE(in.selected.has_value());
            const auto count = count_ballot(in.ballot, in.votes, in.ballot.counting, problems);
            BOOST_REQUIRE(count);
            std::vector<bool> won(in.ballot.projects.size(), false);
            for (const auto p : count->winners()) won[p] = true;
            BOOST_TEST(won == *in.selected);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
