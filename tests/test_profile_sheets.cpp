// Council profile <-> workbook sheets: every profile round trips to the same profile, and each
// problem is placed at its cell.
#include <boost/test/unit_test.hpp>

#include <filesystem>

#include "council_profile.h"
#include "formats/profile_sheets.h"
#include "support.h"

using namespace budget;
using namespace budget::sheets;

namespace {

std::string profile_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Everything a profile holds, one line a fact, to compare two profiles.
std::string profile_facts(const CouncilProfile& p) {
    std::ostringstream o;
    auto amount = [](const std::optional<Pence>& v) { return v ? std::to_string(*v) : std::string("unknown"); };
    auto day = [](const std::optional<CalendarDate>& d) { return d ? format_date(*d) : std::string("-"); };
    o << p.id << "|" << p.name.en << "|" << p.name.cy << "|" << static_cast<int>(p.kind) << "|" << (p.population ? *p.population : -1)
      << "|" << format_date(p.as_of) << "|" << p.illustrative << "|governance listed " << p.has_governance << "\n";
    for (const auto& y : p.finance) {
        o << y.year << " " << y.source;
        for (const auto& a : y.amounts) o << " " << amount(a);
        o << "\n";
    }
    for (const auto& e : p.governance)
        o << event_kind_name(e.kind) << " " << day(e.date) << " " << e.source << " " << e.summary.en << "|" << e.summary.cy << " "
          << amount(e.amount) << " " << (e.count ? *e.count : -1) << " " << e.year << " " << (e.opinion ? audit_opinion_name(*e.opinion) : "-")
          << " " << day(e.deadline) << " " << e.body << " " << e.service << " " << (e.rating ? inspection_rating_name(*e.rating) : "-")
          << " " << (e.role ? leadership_role_name(*e.role) : "-") << "\n";
    if (const auto& y = p.you_said_we_did) {
        o << "consultation " << y->consultation.en << "|" << y->consultation.cy << " " << format_date(y->decided_on) << " " << y->source << "\n";
        for (const auto& t : y->you_said) o << "said " << t.en << "|" << t.cy << "\n";
        for (const auto& t : y->we_did) o << "did " << t.en << "|" << t.cy << "\n";
    }
    for (const auto& [id, t] : p.thresholds) o << "threshold " << id << " " << (t.amber ? *t.amber : -1) << " " << (t.red ? *t.red : -1) << "\n";
    if (const auto& n = p.neighbours) {
        auto figures = [&](const std::vector<std::optional<Milli>>& values) {
            for (const auto& v : values) o << " " << (v ? std::to_string(*v) : std::string("n/a"));
        };
        o << "neighbours " << n->group << "|" << n->method << "|" << n->source << "\n";
        for (const auto& c : n->councils) o << "council " << c << "\n";
        for (const auto& [id, f] : n->indicators) {
            o << "indicator " << id << " " << f.year << " " << (f.national_median ? *f.national_median : -1);
            figures(f.values);
            o << "\n";
        }
        for (const auto& [id, c] : n->service_costs) {
            o << "cost " << id << " " << c.year << " " << c.council;
            figures(c.values);
            o << "\n";
        }
    }
    return o.str();
}

std::string profile_problems(const BookImport& in) {
    std::string out;
    for (const auto& p : in.problems) out += format_problem(p, "p.xlsx") + "\n";
    return out;
}

Sheet& profile_sheet(Book& b, const std::string& name) {
    for (auto& s : b.sheets)
        if (s.name == name) return s;
    BOOST_FAIL("no sheet " + name);
    return b.sheets.front();
}
std::size_t profile_row(const Sheet& s, const std::string& first_cell) {
    for (std::size_t r = 0; r < s.rows.size(); ++r)
        if (!s.rows[r].empty() && s.rows[r][0].text == first_cell) return r;
    BOOST_FAIL("no row " + first_cell + " in " + s.name);
    return 0;
}
std::size_t profile_column(const Sheet& s, const std::string& header) {
    for (std::size_t c = 0; c < s.rows[0].size(); ++c)
        if (s.rows[0][c].text == header) return c;
    BOOST_FAIL("no column " + header + " in " + s.name);
    return 0;
}
Cell profile_cell(CellKind kind, const std::string& text) { Cell c; c.kind = kind; c.text = text; return c; }

Book example_profile_book(const std::string& id) {
    return profile_to_book(nlohmann::json::parse(profile_file(std::string(BUDGETS_DIR) + "/councils/" + id + ".json")));
}

// Bro Tegid's book with one cell set (a row found by its first cell; on Profile, the Value column).
std::string profile_with_cell(const std::string& sheet_name, const std::string& row_first, const std::string& column, Cell value,
                              const std::string& id = "bro-tegid") {
    Book b = example_profile_book(id);
    Sheet& s = profile_sheet(b, sheet_name);
    const std::size_t r = profile_row(s, row_first), c = profile_column(s, column);
    if (s.rows[r].size() <= c) s.rows[r].resize(c + 1);
    s.rows[r][c] = std::move(value);
    return profile_problems(book_to_profile(b));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(profile_sheets)

BOOST_AUTO_TEST_CASE(every_council_profile_round_trips_to_the_same_profile) {
    int profiles = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(BUDGETS_DIR) + "/councils")) {
        if (entry.path().extension() != ".json") continue;
        BOOST_TEST_CONTEXT(entry.path().filename().string()) {
            const std::string original = profile_file(entry.path().string());
            const ProfileLoad before = load_profile(original);
            BOOST_REQUIRE(before.profile);
            const BookImport back = book_to_profile(profile_to_book(nlohmann::json::parse(original)));
            BOOST_TEST(profile_problems(back) == "");
            BOOST_TEST(back.warnings.empty());
            const ProfileLoad after = load_profile(back.json);
            BOOST_REQUIRE(after.profile);
            BOOST_TEST(profile_facts(*after.profile) == profile_facts(*before.profile));
            ++profiles;
        }
    }
    BOOST_TEST(profiles >= 4);
}

BOOST_AUTO_TEST_CASE(a_welsh_council_has_welsh_columns_and_an_english_one_has_none) {
    Book cy = example_profile_book("bro-tegid");
    BOOST_TEST(profile_column(profile_sheet(cy, "Profile"), "Welsh") == 2u);
    profile_column(profile_sheet(cy, "Governance"), "Summary (Cymraeg)");
    Book en = example_profile_book("eastbrook-district");
    const Sheet& governance = profile_sheet(en, "Governance");
    for (const auto& c : governance.rows[0]) BOOST_TEST(c.text.find("Cymraeg") == std::string::npos);
    for (const auto& c : profile_sheet(en, "Profile").rows[0]) BOOST_TEST(c.text != "Welsh");
}

BOOST_AUTO_TEST_CASE(figures_are_exact_pounds_and_pence_and_an_empty_cell_is_unknown) {
    Book b = example_profile_book("bro-tegid");
    Sheet& finance = profile_sheet(b, "Finance");
    const std::size_t r = profile_row(finance, "2022/23");
    finance.rows[r][profile_column(finance, "Gross external debt")] = profile_cell(CellKind::Number, "190000000.01");
    finance.rows[r][profile_column(finance, "Outturn variance")] = profile_cell(CellKind::Text, "-1,250.5");
    finance.rows[r][profile_column(finance, "Financing costs")] = Cell{};
    const BookImport in = book_to_profile(b);
    BOOST_REQUIRE(profile_problems(in) == "");
    const ProfileLoad l = load_profile(in.json);
    BOOST_REQUIRE(l.profile);
    const FinanceYear* y = l.profile->year_starting(2022);
    BOOST_REQUIRE(y);
    BOOST_TEST(*(*y)[FinanceField::GrossExternalDebt] == 19000000001);
    BOOST_TEST(*(*y)[FinanceField::OutturnVariance] == -125050);
    BOOST_TEST(!(*y)[FinanceField::FinancingCosts].has_value());
}

BOOST_AUTO_TEST_CASE(each_problem_is_placed_at_its_cell) {
    BOOST_TEST(profile_with_cell("Finance", "2022/23", "Gross external debt", profile_cell(CellKind::Text, "lots")) ==
               "p.xlsx:Finance!G3: \"lots\" is not an amount of money [workbook.not_a_number]\n");
    BOOST_TEST(profile_with_cell("Finance", "2022/23", "Savings planned", profile_cell(CellKind::Number, "5400000.001")) ==
               "p.xlsx:Finance!L3: 5400000.001 has more than two decimal places [workbook.too_many_decimals]\n");
    BOOST_TEST(profile_with_cell("Profile", "Figures as of", "Value", profile_cell(CellKind::Text, "31/03/2025")) ==
               "p.xlsx:Profile!B6: \"31/03/2025\" is not a date (write it like 2024-03-31) [workbook.not_a_day]\n");
    BOOST_TEST(profile_with_cell("Governance", "inspection", "Rating", profile_cell(CellKind::Text, "superb")) ==
               "p.xlsx:Governance!M4: \"superb\" is not one of: outstanding, good, requires_improvement, inadequate [workbook.not_a_choice]\n");
    // The loader's own checks, placed back at the cell: a year given twice, a missing source.
    BOOST_TEST(profile_with_cell("Finance", "2023/24", "Year", profile_cell(CellKind::Text, "2022/23")) ==
               "p.xlsx:Finance!A4: the year 2022/23 is given twice [profile.duplicate_year]\n");
    BOOST_TEST(profile_with_cell("Governance", "audit_opinion", "Source", Cell{}).find("p.xlsx:Governance!C2: ") == 0);
}

BOOST_AUTO_TEST_CASE(similar_councils_figures_are_a_list_with_n_a_where_none_was_published) {
    Book b = example_profile_book("northmoor-county");
    Sheet& s = profile_sheet(b, "Compared indicators");
    const std::size_t r = profile_row(s, "satisfaction"), c = profile_column(s, "Similar councils' figures");
    BOOST_TEST(s.rows[r][c].text == "61, 58, 55, 63, 59, 57, 60, n/a, 62, 54, 58, 61, 59, 56, 60");
    // Nothing between commas is none too; a word is a problem at its cell, and so is a short list.
    s.rows[r][c] = profile_cell(CellKind::Text, "61, 58, 55, 63, 59, 57, 60, , 62, 54, 58, 61, 59, 56, 60");
    const BookImport same = book_to_profile(b);
    BOOST_TEST(profile_problems(same) == "");
    BOOST_TEST(nlohmann::json::parse(same.json)["neighbours"]["indicators"]["satisfaction"]["values"][7].is_null());
    BOOST_TEST(profile_with_cell("Compared indicators", "satisfaction", "Similar councils' figures", profile_cell(CellKind::Text, "61, lots"),
                                 "northmoor-county") ==
               "p.xlsx:'Compared indicators'!C6: \"61, lots\" is not a list of figures separated by commas (n/a where there is none) [workbook.bad_list]\n");
    BOOST_TEST(profile_with_cell("Compared indicators", "satisfaction", "Similar councils' figures", profile_cell(CellKind::Text, "61, 58"),
                                 "northmoor-county") ==
               "p.xlsx:'Compared indicators'!C6: expected 15 figures, one for each similar council in order (null where one published none), found 2 "
               "[profile.neighbour_values]\n");
}

BOOST_AUTO_TEST_CASE(dates_typed_or_as_serials_read_the_same) {
    for (const Cell& c : {profile_cell(CellKind::Text, "2025-03-31"), profile_cell(CellKind::Number, "45747"),
                          profile_cell(CellKind::Date, "2025-03-31T00:00:00Z")}) {
        Book b = example_profile_book("bro-tegid");
        Sheet& s = profile_sheet(b, "Profile");
        s.rows[profile_row(s, "Figures as of")][1] = c;
        const BookImport in = book_to_profile(b);
        BOOST_TEST(profile_problems(in) == "");
        BOOST_TEST(nlohmann::json::parse(in.json)["as_of"] == "2025-03-31");
    }
    BOOST_TEST(profile_with_cell("Profile", "Figures as of", "Value", profile_cell(CellKind::Number, "45747.5")) ==
               "p.xlsx:Profile!B6: \"45747.5\" is not a date (write it like 2024-03-31) [workbook.not_a_day]\n");
}

BOOST_AUTO_TEST_CASE(the_governance_list_is_there_only_when_every_event_is_listed) {
    // yes with no rows: every event is listed, and there are none.
    Book b = example_profile_book("bro-tegid");
    Sheet& g = profile_sheet(b, "Governance");
    g.rows.resize(1);
    const BookImport none = book_to_profile(b);
    BOOST_TEST(profile_problems(none) == "");
    BOOST_TEST(nlohmann::json::parse(none.json)["governance"] == nlohmann::json::array());
    // no: the list is absent, so the signs that rest on events stay unknown.
    Sheet& p = profile_sheet(b, "Profile");
    p.rows[profile_row(p, "Every governance event listed")][1] = profile_cell(CellKind::Text, "no");
    const BookImport absent = book_to_profile(b);
    BOOST_TEST(profile_problems(absent) == "");
    BOOST_TEST(!nlohmann::json::parse(absent.json).contains("governance"));
    // no, with events on the sheet, is a contradiction.
    BOOST_TEST(profile_with_cell("Profile", "Every governance event listed", "Value", profile_cell(CellKind::Text, "no")) ==
               "p.xlsx:Profile!B8: the \"Governance\" sheet has rows, so this cannot be no [workbook.conflict]\n");
    // Anglesey's profile lists no events, and its workbook says so.
    Book anglesey = example_profile_book("isle-of-anglesey");
    Sheet& ap = profile_sheet(anglesey, "Profile");
    BOOST_TEST(ap.rows[profile_row(ap, "Every governance event listed")][1].text == "no");
    BOOST_TEST(!nlohmann::json::parse(book_to_profile(anglesey).json).contains("governance"));
}

BOOST_AUTO_TEST_CASE(thresholds_are_keyed_by_signal) {
    Book b = example_profile_book("bro-tegid");
    Sheet& t = profile_sheet(b, "Thresholds");
    t.rows.push_back({profile_cell(CellKind::Text, "debt.to_spending"), profile_cell(CellKind::Number, "3.5"), profile_cell(CellKind::Number, "6")});
    const BookImport in = book_to_profile(b);
    BOOST_REQUIRE(profile_problems(in) == "");
    const ProfileLoad l = load_profile(in.json);
    BOOST_REQUIRE(l.profile);
    BOOST_TEST(*l.profile->thresholds.at("debt.to_spending").amber == 350);
    BOOST_TEST(*l.profile->thresholds.at("debt.to_spending").red == 600);
    const std::size_t row = t.rows.size() + 1;  // the next row, 1-based
    t.rows.push_back({profile_cell(CellKind::Text, "debt.to_spending"), profile_cell(CellKind::Number, "4")});
    BOOST_TEST(profile_problems(book_to_profile(b)) ==
               "p.xlsx:Thresholds!A" + std::to_string(row) + ": \"debt.to_spending\" is given twice [workbook.duplicate_key]\n");
    t.rows.back()[0] = profile_cell(CellKind::Text, "debt.colour");
    BOOST_TEST(profile_problems(book_to_profile(b)).find("p.xlsx:Thresholds!A" + std::to_string(row) + ": ") == 0);
}

BOOST_AUTO_TEST_SUITE_END()
