// The officers' results workbook, written from a source of plain rows and read back by our own
// reader: what a person wrote stays text (never a formula), at its full length, the moderation flag
// is shown, sheet names are cut to Excel's 31 characters, and a source that fails fails the file.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "results_workbook.h"
#include "submission.h"
#include "support.h"
#include "xlsx_reader.h"

#include <zip.h>

using namespace budget;

namespace {

struct Fixture {
    Budget budget;
    std::string path;
    Fixture() {
        auto doc = test::small_budget();
        doc["demographics"][0]["label"] = "How old are you, in years, as of today's date?";  // 48 characters
        budget = *load_budget(doc.dump()).budget;
        path = "/tmp/results-workbook-test-" + std::to_string(::getpid()) + ".xlsx";
    }
    ~Fixture() { std::remove(path.c_str()); }

    std::string response(const std::string& id, const std::string& comment) const {
        Choices c = default_choices(budget);
        c.service_bp[1] = -2000;
        Submission s = make_submission(budget, c, id);
        s.overall_comment = comment;
        return submission_to_json(budget, s);
    }

    workbook::ResultsSource source(std::vector<std::string> documents, std::vector<workbook::CommentForWorkbook> comments) const {
        workbook::ResultsSource s;
        s.written_at = "2026-12-07T10:00:00.000Z";
        s.aggregate = [this, documents](Aggregator& out, std::string&) {
            for (const auto& d : documents) {
                const SubmissionCheck c = validate_submission(budget, d);
                if (c.ok) out.add(c.submission, c.outcome);
            }
            return true;
        };
        s.groups = [this](std::size_t, std::vector<AnswerGroup>& out, std::string&) {
            out.push_back(AnswerGroup{"young", {"Young", ""}, Aggregator(budget)});
            return true;
        };
        s.responses = [documents](const std::function<void(const workbook::StoredResponse&)>& each, std::string&) {
            for (const auto& d : documents) each({"2026-12-07T09:00:00.000Z", 3, d});
            return true;
        };
        s.comments = [comments](const std::function<void(const workbook::CommentForWorkbook&)>& each, std::string&) {
            for (const auto& c : comments) each(c);
            return true;
        };
        return s;
    }

    // One part of the written file (a chart's or a sheet's XML), as text.
    std::string part(const std::string& name) const {
        int err = 0;
        zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &err);
        BOOST_TEST_REQUIRE(z != nullptr);
        std::string out;
        if (zip_file_t* f = zip_fopen(z, name.c_str(), 0)) {
            char buffer[4096];
            for (zip_int64_t got; (got = zip_fread(f, buffer, sizeof buffer)) > 0;) out.append(buffer, static_cast<std::size_t>(got));
            zip_fclose(f);
        }
        zip_close(z);
        return out;
    }

    sheets::Book read_back() const {
        std::ifstream in(path, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        workbook::XlsxRead r = workbook::read_xlsx(bytes);
        BOOST_TEST_REQUIRE(r.book.has_value());
        return *r.book;
    }
};

const sheets::Sheet* sheet(const sheets::Book& book, const std::string& name) {
    for (const auto& s : book.sheets)
        if (s.name == name) return &s;
    return nullptr;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(results_workbook)

BOOST_FIXTURE_TEST_CASE(what_people_wrote_stays_text_at_full_length, Fixture) {
    const std::string formula = "=HYPERLINK(\"http://example.org\",\"click\")";
    std::string welsh;
    while (welsh.size() + 2 <= kMaxCommentBytes) welsh += "\xC5\xB5";  // ŵ, two bytes each: 4,000 bytes
    const std::vector<std::string> documents = {response("response-0001", formula), response("response-0002", welsh)};
    std::string error;
    BOOST_TEST_REQUIRE(workbook::write_results_workbook(budget, source(documents, {
        {"response-0001", "overall", formula, true, "A link to elsewhere", "alice.admin", "2026-12-07T09:30:00Z"},
        {"response-0002", "overall", welsh, false, "", "", ""}}), path, error), error);
    const sheets::Book book = read_back();

    const sheets::Sheet* responses = sheet(book, "Responses");
    BOOST_TEST_REQUIRE(responses);
    BOOST_TEST_REQUIRE(responses->rows.size() == 3u);
    const auto& first = responses->rows[1].back();
    BOOST_TEST(static_cast<int>(first.kind) == static_cast<int>(sheets::CellKind::Text));
    BOOST_TEST(first.text == formula);
    BOOST_TEST(responses->rows[2].back().text == welsh);

    const sheets::Sheet* comments = sheet(book, "Comments");
    BOOST_TEST_REQUIRE(comments);
    BOOST_TEST_REQUIRE(comments->rows.size() == 3u);
    BOOST_TEST(comments->rows[1][2].text == formula);
    BOOST_TEST(static_cast<int>(comments->rows[1][2].kind) == static_cast<int>(sheets::CellKind::Text));
    BOOST_TEST(comments->rows[1][3].text == "yes");
    BOOST_TEST(comments->rows[1][4].text == "A link to elsewhere");
    BOOST_TEST(comments->rows[2][3].text == "no");
    BOOST_TEST(comments->rows[2][2].text.size() == kMaxCommentBytes);
}

BOOST_FIXTURE_TEST_CASE(the_ratings_sheet_has_each_share_its_range_and_every_answer, Fixture) {
    std::vector<std::string> documents;
    for (int i = 0; i < 10; ++i) {
        Choices c = default_choices(budget);
        c.service_bp[1] = -2000;
        Submission s = make_submission(budget, c, "rated-" + std::to_string(1000 + i));
        s.ratings.services = {{0, i < 7 ? 1 : 3}};  // 7 fairly satisfied, 3 fairly dissatisfied
        if (i < 4) s.ratings.perception = {{4, kDontKnow}};
        documents.push_back(submission_to_json(budget, s));
    }
    std::string error;
    BOOST_TEST_REQUIRE(workbook::write_results_workbook(budget, source(documents, {}), path, error), error);
    const sheets::Book book = read_back();
    const sheets::Sheet* rated = sheet(book, "Ratings");
    BOOST_TEST_REQUIRE(rated);
    BOOST_TEST(rated->rows[0][1].text == "10");
    const auto& group = rated->rows[3];
    BOOST_TEST(group[0].text == "Group one");
    BOOST_TEST(group[1].text == "10");
    BOOST_TEST(std::stod(group[3].text) == 0.7);    // 7 of 10
    BOOST_TEST(std::stod(group[4].text) == 0.397);  // Wilson, z = 1.96
    BOOST_TEST(std::stod(group[5].text) == 0.892);
    BOOST_TEST(group[7].text == "yes");
    const auto& trust = rated->rows[3 + budget.groups.size() + 4];
    BOOST_TEST(trust[0].text == "How much do you trust the council?");
    BOOST_TEST(trust[1].text == "0");
    BOOST_TEST(trust[2].text == "4");  // don't know, left out of the share
    BOOST_TEST(trust[7].text == "no: fewer than 10 rated");
}

// Charts as LibreOffice and Excel both draw them: named axes, shares on 0 to 100%, counts from zero,
// text categories ("-20%", never -0.2), and a Summary whose id and time are not cut off.
BOOST_FIXTURE_TEST_CASE(charts_have_named_scales_from_zero_and_text_categories, Fixture) {
    std::string error;
    BOOST_TEST_REQUIRE(workbook::write_results_workbook(budget, source({response("response-0001", ""), response("response-0002", "")}, {}), path, error), error);
    const std::string options = part("xl/charts/chart2.xml");  // Summary, then Options
    BOOST_TEST(options.find("Share choosing each option") != std::string::npos);
    BOOST_TEST(options.find("<c:min val=\"0\"/>") != std::string::npos);
    BOOST_TEST(options.find("<c:max val=\"1\"/>") != std::string::npos);
    BOOST_TEST(options.find("Share of responses") != std::string::npos);
    BOOST_TEST(options.find("formatCode=\"0%\"") != std::string::npos);
    std::string parks;
    for (int n = 1; n <= 8 && parks.empty(); ++n)
        if (const std::string c = part("xl/charts/chart" + std::to_string(n) + ".xml"); c.find("Parks: change chosen") != std::string::npos) parks = c;
    BOOST_TEST_REQUIRE(!parks.empty());
    BOOST_TEST(parks.find("<c:min val=\"0\"/>") != std::string::npos);  // responses counted from zero
    BOOST_TEST(parks.find("$D$5:$D$11") != std::string::npos);           // the text labels, -20% to +10% in steps of 5
    const sheets::Book book = read_back();
    const sheets::Sheet* s = nullptr;
    for (const auto& each : book.sheets)
        if (each.name.find("Parks") != std::string::npos) s = &each;
    BOOST_TEST_REQUIRE(s != nullptr);
    BOOST_TEST(s->rows[4][3].text == "-20%");
    BOOST_TEST(s->rows[8][3].text == "0%");
    BOOST_TEST(s->rows[10][3].text == "+10%");
    const std::string summary = part("xl/worksheets/sheet1.xml");
    BOOST_TEST(summary.find("<col min=\"2\" max=\"2\" width=\"30.") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(sheet_names_are_cut_to_excels_limit, Fixture) {
    std::string error;
    BOOST_TEST_REQUIRE(workbook::write_results_workbook(budget, source({response("response-0001", "")}, {}), path, error), error);
    const sheets::Book book = read_back();
    bool found = false;
    for (const auto& s : book.sheets) {
        BOOST_TEST(s.name.size() <= 31u, s.name);
        found = found || s.name.rfind("By How old", 0) == 0;
    }
    BOOST_TEST(found);
    BOOST_TEST(workbook::safe_sheet_name("a[b]c:d*e?f/g\\h") == "a b c d e f g h");  // each forbidden character a space
    BOOST_TEST(workbook::safe_sheet_name("''") == "Sheet");
    BOOST_TEST(workbook::safe_sheet_name(std::string(40, 'x')).size() == 31u);
}

BOOST_FIXTURE_TEST_CASE(a_source_that_fails_fails_the_file_with_its_reason, Fixture) {
    workbook::ResultsSource s = source({response("response-0001", "")}, {});
    s.comments = [](const std::function<void(const workbook::CommentForWorkbook&)>&, std::string& e) {
        e = "the comments could not be read";
        return false;
    };
    std::string error;
    BOOST_TEST(!workbook::write_results_workbook(budget, s, path, error));
    BOOST_TEST(error == "the comments could not be read");
}

BOOST_AUTO_TEST_SUITE_END()
