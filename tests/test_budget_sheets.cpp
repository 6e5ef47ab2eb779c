// Budget <-> workbook sheets: round trips for every example and template, and each problem at its cell.
#include <boost/test/unit_test.hpp>

#include "budget_pack.h"
#include "formats/budget_sheets.h"
#include "support.h"

using namespace budget;
using namespace budget::sheets;

namespace {

std::string read_example(const std::string& name) {
    std::ifstream in(std::string(BUDGETS_DIR) + "/" + name, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string pack_of(const std::string& text) {
    BudgetLoad l = load_budget(text);
    BOOST_REQUIRE_MESSAGE(l.budget, "the budget loads");
    return pack_budget(*l.budget);
}

Book book_of(const std::string& text) { return budget_to_book(nlohmann::json::parse(text)); }

Sheet& sheet(Book& b, const std::string& name) {
    for (auto& s : b.sheets)
        if (s.name == name) return s;
    BOOST_FAIL("no sheet " + name);
    return b.sheets.front();
}

// The row of a sheet whose first cell is `label` (the Council sheet), or whose id column is.
std::size_t row_of(const Sheet& s, const std::string& first_cell) {
    for (std::size_t r = 0; r < s.rows.size(); ++r)
        if (!s.rows[r].empty() && s.rows[r][0].text == first_cell) return r;
    BOOST_FAIL("no row " + first_cell + " in " + s.name);
    return 0;
}
std::size_t column_of(const Sheet& s, const std::string& header) {
    for (std::size_t c = 0; c < s.rows[0].size(); ++c)
        if (s.rows[0][c].text == header) return c;
    BOOST_FAIL("no column " + header + " in " + s.name);
    return 0;
}

Cell text(const std::string& s) { Cell c; c.kind = CellKind::Text; c.text = s; return c; }
Cell number(const std::string& s) { Cell c; c.kind = CellKind::Number; c.text = s; return c; }
Cell boolean_true() { Cell c; c.kind = CellKind::Boolean; c.text = "1"; return c; }
Cell date(const std::string& s) { Cell c; c.kind = CellKind::Date; c.text = s; return c; }

std::string problems_of(const BookImport& in) {
    std::string out;
    for (const auto& p : in.problems) out += format_problem(p, "b.xlsx") + "\n";
    return out;
}

// The small test budget's book with one cell changed, imported: its problems, one line each.
std::string with_cell(const std::string& sheet_name, const std::string& row_first, const std::string& column, Cell value) {
    Book b = book_of(test::small_budget().dump());
    Sheet& s = sheet(b, sheet_name);
    const std::size_t r = row_of(s, row_first), c = sheet_name == "Council" ? 1 : column_of(s, column);
    if (s.rows[r].size() <= c) s.rows[r].resize(c + 1);
    s.rows[r][c] = std::move(value);
    return problems_of(book_to_budget(b));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(budget_sheets)

BOOST_AUTO_TEST_CASE(every_example_budget_round_trips_to_the_same_pack) {
    for (const char* name : {"northmoor-county-2026.json", "eastbrook-district-2026.json", "bro-tegid-2026.json"}) {
        BOOST_TEST_CONTEXT(name) {
            const std::string original = read_example(name);
            const BookImport back = book_to_budget(book_of(original));
            BOOST_TEST(problems_of(back) == "");
            BOOST_TEST(back.warnings.empty());
            BOOST_TEST(pack_of(back.json) == pack_of(original));
        }
    }
}

BOOST_AUTO_TEST_CASE(voter_codes_are_asked_for_by_a_yes_in_the_council_sheet) {
    nlohmann::json j = test::small_budget();
    j["codes_required"] = true;
    Book b = book_of(j.dump());
    Sheet& council = sheet(b, "Council");
    BOOST_TEST(council.rows[row_of(council, "Voter codes required")][1].text == "yes");
    const BookImport back = book_to_budget(b);
    BOOST_TEST(problems_of(back) == "");
    BOOST_TEST(load_budget(back.json).budget->codes_required);
    // An older workbook without the row: no codes.
    council.rows.erase(council.rows.begin() + static_cast<std::ptrdiff_t>(row_of(council, "Voter codes required")));
    BOOST_TEST(!load_budget(book_to_budget(b).json).budget->codes_required);
    BOOST_TEST(with_cell("Council", "Voter codes required", "", text("perhaps")) != "");
}

BOOST_AUTO_TEST_CASE(every_template_loads_and_round_trips) {
    BOOST_TEST(kBlankKinds.size() == 6u);
    for (const auto& kind : kBlankKinds) {
        BOOST_TEST_CONTEXT(kind) {
            const auto blank = blank_budget(kind);
            BOOST_REQUIRE(blank.has_value());
            const std::string text = blank->dump();
            BudgetLoad l = load_budget(text);
            for (const auto& p : l.problems) BOOST_TEST_MESSAGE(format_problem(p, kind));
            BOOST_REQUIRE(l.budget.has_value());
            BOOST_TEST(l.warnings.empty());
            BOOST_TEST(l.budget->gap_to_close > 0);
            const BookImport back = book_to_budget(book_of(text));
            BOOST_TEST(problems_of(back) == "");
            BOOST_TEST(pack_of(back.json) == pack_of(text));
        }
    }
    BOOST_TEST(!blank_budget("parish").has_value());
    const auto welsh = load_budget(blank_budget("welsh-principal")->dump());
    BOOST_TEST(welsh.budget->council_tax.bands.size() == 9u);
    BOOST_TEST(!welsh.budget->council_tax.cap.capped);
    const auto district = load_budget(blank_budget("english-district")->dump());
    BOOST_TEST(district.budget->council_tax.cap.core_limit_pounds_alternative == 500);
    // A district runs neither adult social care nor highways; the other kinds start from both.
    BOOST_TEST(!district.budget->find_service("care"));
    BOOST_TEST(!district.budget->find_service("roads"));
    BOOST_TEST(district.budget->find_service("housing").has_value());
    BOOST_TEST(district.budget->find_service("waste").has_value());
    const auto county = load_budget(blank_budget("english-county")->dump());
    BOOST_TEST(county.budget->find_service("care").has_value());
}

BOOST_AUTO_TEST_CASE(welsh_columns_only_for_a_bilingual_budget) {
    Book english = book_of(read_example("northmoor-county-2026.json"));
    Book welsh = book_of(read_example("bro-tegid-2026.json"));
    auto has = [](Book& b, const std::string& h) {
        const Sheet& s = sheet(b, "Services");
        return std::any_of(s.rows[0].begin(), s.rows[0].end(), [&](const Cell& c) { return c.text == h; });
    };
    BOOST_TEST(!has(english, "Name (Cymraeg)"));
    BOOST_TEST(has(welsh, "Name (Cymraeg)"));
    BOOST_TEST(sheet(welsh, "Services").rows[0][0].note.empty());
    BOOST_TEST(!sheet(welsh, "Services").rows[0][column_of(sheet(welsh, "Services"), "Net spend")].note.empty());
}

BOOST_AUTO_TEST_CASE(numbers_as_other_programs_write_them) {
    BOOST_TEST(normalise_decimal("2.9900000000000002E-2").value() == "0.0299");
    BOOST_TEST(normalise_decimal(" 1,234.50 ").value() == "1234.5");
    BOOST_TEST(normalise_decimal("\xC2\xA3" "1,712.43").value() == "1712.43");
    BOOST_TEST(normalise_decimal("-0").value() == "0");
    BOOST_TEST(normalise_decimal("30007824.179999999").value() == "30007824.18");
    BOOST_TEST(normalise_decimal("1E3").value() == "1000");
    BOOST_TEST(!normalise_decimal("12abc"));
    BOOST_TEST(!normalise_decimal("1E400"));
    BOOST_TEST(!normalise_decimal(""));
    BOOST_TEST(place_name("Services", 5, 11) == "Services!F12");
    BOOST_TEST(place_name("Indicator history", 27, 0) == "'Indicator history'!AB1");
}

BOOST_AUTO_TEST_CASE(cells_as_other_programs_write_them_read_the_same) {
    const std::string original = test::small_budget().dump();
    Book b = book_of(original);
    Sheet& council = sheet(b, "Council");
    council.rows[row_of(council, "Band D council tax")][1] = text("\xC2\xA3" "1,000.00");  // a number stored as text
    council.rows[row_of(council, "Council tax highest change")][1] = text("4.99%");
    council.rows[row_of(council, "Results public")][1] = boolean_true();
    council.rows[row_of(council, "Population")][1] = number("1E5");
    Sheet& services = sheet(b, "Services");
    services.rows[row_of(services, "care")][column_of(services, "Lowest change")] = number("-0.10000000000000001");
    services.rows.insert(services.rows.begin() + 2, std::vector<Cell>(3));  // an empty row in the middle
    std::swap(b.sheets[2], b.sheets[5]);                                     // sheets in another order
    const BookImport back = book_to_budget(b);
    BOOST_TEST(problems_of(back) == "");
    BOOST_TEST(pack_of(back.json) == pack_of(original));
}

BOOST_AUTO_TEST_CASE(dates_as_text_or_serials) {
    auto opens_with = [](Cell c) {
        Book b = book_of(test::small_budget().dump());
        Sheet& council = sheet(b, "Council");
        council.rows[row_of(council, "Opens (UTC)")][1] = std::move(c);
        const BookImport in = book_to_budget(b);
        BOOST_TEST(problems_of(in) == "");
        return nlohmann::json::parse(in.json)["opens_at"].get<std::string>();
    };
    BOOST_TEST(opens_with(number("46391.375")) == "2027-01-04T09:00:00Z");
    BOOST_TEST(opens_with(number("46391.374999999993")) == "2027-01-04T09:00:00Z");
    BOOST_TEST(opens_with(text("2027-01-04 09:00")) == "2027-01-04T09:00:00Z");
    BOOST_TEST(opens_with(text("2027-01-04")) == "2027-01-04T00:00:00Z");
    BOOST_TEST(opens_with(date("2027-01-04T09:00:00Z")) == "2027-01-04T09:00:00Z");
}

// One case per problem a workbook can have, each at its cell.
BOOST_AUTO_TEST_CASE(workbook_problems_at_their_cells) {
    BOOST_TEST(with_cell("Services", "care", "Net spend", text("lots")) ==
               "b.xlsx:Services!E2: \"lots\" is not an amount of money [workbook.not_a_number]\n");
    BOOST_TEST(with_cell("Services", "care", "Net spend", number("1000000.005")) ==
               "b.xlsx:Services!E2: 1000000.005 has more than two decimal places [workbook.too_many_decimals]\n");
    BOOST_TEST(with_cell("Council", "Population", "", number("100000.5")) ==
               "b.xlsx:Council!B10: 100000.5 is not a whole number [workbook.not_whole_number]\n");
    BOOST_TEST(with_cell("Services", "debt", "Locked", text("maybe")) ==
               "b.xlsx:Services!I4: \"maybe\" is not yes or no [workbook.not_yes_no]\n");
    BOOST_TEST(with_cell("Savings", "shared", "Risk", text("huge")) ==
               "b.xlsx:Savings!G2: \"huge\" is not one of: low, medium, high [workbook.not_a_choice]\n");
    BOOST_TEST(with_cell("Council", "Closes (UTC)", "", text("next tuesday")) ==
               "b.xlsx:Council!B30: \"next tuesday\" is not a date and time (write it like 2027-01-05 09:00, in UTC) [workbook.not_a_date]\n");
    BOOST_TEST(with_cell("Council", "Council tax stops", "", text("0, two")) ==
               "b.xlsx:Council!B23: \"0, two\" is not a list of percentages separated by commas [workbook.bad_list]\n");
    BOOST_TEST(with_cell("Consequences", "care", "Service", text("nursing")) ==
               "b.xlsx:Consequences!A2: no row of \"Services\" has the id \"nursing\" [workbook.unknown_parent]\n"
               "b.xlsx:Consequences!B3: the first band must start at min_percent (-10) [budget.consequences_not_from_min]\n");
    BOOST_TEST(with_cell("Consequences", "care", "Service", Cell{}) ==
               "b.xlsx:Consequences!A2: give the id of the row of \"Services\" this belongs to [workbook.missing_parent]\n"
               "b.xlsx:Consequences!B3: the first band must start at min_percent (-10) [budget.consequences_not_from_min]\n");
    BOOST_TEST(with_cell("Council", "Referendum limit applies", "", text("no")) ==
               "b.xlsx:Council!B16: \"Referendum limit applies\" is no, so this cannot be given [workbook.conflict]\n"
               "b.xlsx:Council!B18: \"Referendum limit applies\" is no, so this cannot be given [workbook.conflict]\n");

    Book b = book_of(test::small_budget().dump());
    b.sheets.erase(b.sheets.begin() + 4);  // Services
    Sheet& funding = sheet(b, "Funding");
    funding.rows[0][column_of(funding, "Amount")].text = "Amount (£)";
    funding.rows[0].push_back(text("Kind"));
    const std::string p = problems_of(book_to_budget(b));
    BOOST_TEST(p.find("b.xlsx:Services!A1: the workbook has no \"Services\" sheet [workbook.missing_sheet]\n") != std::string::npos);
    BOOST_TEST(p.find("b.xlsx:Funding!A1: the \"Funding\" sheet has no \"Amount\" column [workbook.missing_column]\n") != std::string::npos);
    BOOST_TEST(p.find("b.xlsx:Funding!E1: the \"Kind\" column appears twice [workbook.duplicate_column]\n") != std::string::npos);

    Book d = book_of(test::small_budget().dump());
    Sheet& council = sheet(d, "Council");
    council.rows.push_back({text("Population"), number("5")});
    council.rows.push_back({text("Favourite colour"), text("green")});
    d.sheets.push_back(Sheet{"Sheet1", {{text("x")}}, {}, {}});
    const BookImport in = book_to_budget(d);
    BOOST_TEST(problems_of(in) == "b.xlsx:Council!A36: \"Population\" is given twice [workbook.duplicate_field]\n");
    std::string w;
    for (const auto& x : in.warnings) w += format_problem(x, "b.xlsx") + "\n";
    BOOST_TEST(w == "b.xlsx:Council!A37: \"Favourite colour\" is not a budget field and is ignored [workbook.unknown_field]\n"
                    "b.xlsx:Sheet1!A1: the \"Sheet1\" sheet is not part of a budget and is ignored [workbook.unknown_sheet]\n"
                    "b.xlsx:Council!B21: the council tax slider has 699 steps, more than a person can hit with a finger (100); give "
                    "stops_percent (e.g. 0, the referendum limit) or a larger step [budget.many_steps]\n");
}

// Totals: formulas over the rows in the workbook; worked out on import, an empty cell filled in, a
// cached value that disagrees a problem at its cell.
BOOST_AUTO_TEST_CASE(totals_are_worked_out_and_a_stale_one_is_a_problem_at_its_cell) {
    Book b = book_of(test::small_budget().dump());
    Sheet& council = sheet(b, "Council");
    const std::size_t total = row_of(council, "Total net budget"), gap = row_of(council, "Gap to close");
    BOOST_TEST(council.rows[total][1].formula == "SUM(Services!E2:E4)");
    BOOST_TEST(council.rows[gap][1].formula == "B24-SUM(Funding!D2:D2)-ROUND(B13*B14,2)");
    BOOST_TEST(council.rows[total][1].text == "1700000");  // today's value beside the formula
    // A net spend changed and the totals left as they were (a program that does not recalculate).
    Sheet& services = sheet(b, "Services");
    services.rows[row_of(services, "parks")][column_of(services, "Net spend")] = number("500100.5");
    BOOST_TEST(problems_of(book_to_budget(b)) ==
               "b.xlsx:Council!B24: the services' net spend comes to £1,700,100.50, but this cell says £1,700,000.00; empty the cell and it is "
               "worked out, or correct the rows [workbook.total_disagrees]\n"
               "b.xlsx:Council!B25: spending less funding and council tax comes to £100,100.50, but this cell says £100,000.00; empty the cell "
               "and it is worked out, or correct the rows [workbook.total_disagrees]\n");
    // Emptied, both are worked out; the budget loads with them.
    council.rows[total][1] = Cell{};
    council.rows[gap][1] = Cell{};
    const BookImport in = book_to_budget(b);
    BOOST_TEST(problems_of(in) == "");
    const nlohmann::json doc = nlohmann::json::parse(in.json);
    BOOST_TEST(doc["total_net_budget"] == "1700100.50");
    BOOST_TEST(doc["gap_to_close"] == "100100.50");
    // Spreadsheets that recalculate write the new values: those read back as they are.
    council.rows[total][1] = number("1700100.5");
    council.rows[gap][1] = number("100100.5");
    BOOST_TEST(problems_of(book_to_budget(b)) == "");
}

// The loader's checks, placed at the cell the value came from.
BOOST_AUTO_TEST_CASE(loader_problems_at_their_cells) {
    BOOST_TEST(with_cell("Services", "care", "Lowest change", number("0.2")) ==
               "b.xlsx:Services!F2: min_percent 20 is above max_percent 10 [budget.min_above_max]\n");
}

// Every loader code a workbook can reach, each at the cell an officer would fix ("PLACE [code]").
BOOST_AUTO_TEST_CASE(each_loader_code_at_its_cell) {
    struct Edit { const char* sheet; const char* row; const char* column; Cell value; };
    struct Case { std::vector<Edit> edits; const char* expected; };
    const Cell empty{};
    const std::vector<Case> cases{
        {{{"Council", "Brand colour", "", text("green")}}, "Council!B11 [budget.bad_colour]"},
        {{{"Council", "Brand colour", "", text("#ffff00")}}, "Council!B11 [budget.brand_contrast]"},
        {{{"Council", "Logo", "", text("../secret.png")}}, "Council!B12 [budget.bad_logo]"},
        {{{"Council", "Financial year", "", text("2026-27")}}, "Council!B9 [budget.bad_year]"},
        {{{"Council", "Population", "", number("-5")}}, "Council!B10 [budget.out_of_range]"},
        {{{"Council", "Council tax highest change", "", number("0.2")}}, "Council!B20 [budget.lever_above_cap]"},
        {{{"Council", "Council tax stops", "", text("1")}}, "Council!B23 [budget.bad_stops]"},
        {{{"Council", "Council tax stops", "", text("1, 0")}}, "Council!B23 [budget.stops_not_ascending]"},
        {{{"Council", "Total net budget", "", number("1")}}, "Council!B24 [workbook.total_disagrees]"},
        {{{"Council", "Gap to close", "", number("1")}}, "Council!B25 [workbook.total_disagrees]"},
        {{{"Council", "Opens (UTC)", "", text("2027-02-01")}, {"Council", "Closes (UTC)", "", text("2027-01-01")}},
         "Council!B30 [budget.closes_before_opens]"},
        {{{"Council", "Kind of council", "", text("welsh_principal")}}, "Council!B15 [budget.cap_not_applicable]"},
        {{{"Council", "Languages", "", text("English and Welsh")}}, "Council!B5 [budget.missing_translation]"},
        {{{"Services", "care", "Id", text("Care Home")}}, "Services!A2 [budget.bad_id]"},
        {{{"Services", "parks", "Id", text("care")}}, "Services!A3 [budget.duplicate_id]"},
        {{{"Services", "care", "Group", text("nowhere")}}, "Services!B2 [budget.unknown_reference]"},
        {{{"Services", "care", "Net spend", empty}}, "Services!E2 [budget.missing_field]"},
        {{{"Services", "care", "Lowest change", number("0.00001")}}, "Services!F2 [budget.bad_percent]"},
        {{{"Services", "care", "Step", number("0")}}, "Services!H2 [budget.bad_step]"},
        {{{"Services", "care", "Step", number("0.03")}}, "Services!H2 [budget.step_does_not_divide]"},
        {{{"Services", "care", "Lowest change", number("0.01")}, {"Consequences", "care", "From", number("0.01")}},
         "Services!F2 [budget.range_excludes_zero]"},
        {{{"Services", "debt", "Lowest change", number("-0.1")}}, "Services!F4 [budget.locked_line_has_range]"},
        {{{"Savings", "shared", "Saving", number("-5")}}, "Savings!E2 [budget.negative_amount]"},
        {{{"Consequences", "care", "From", number("-0.05")}}, "Consequences!B2 [budget.consequences_not_from_min]"},
        {{{"Consequences", "care#3", "From", number("0.5")}}, "Consequences!B4 [budget.consequence_out_of_range]"},
        {{{"Consequences", "care#2", "From", number("-0.1")}}, "Consequences!B3 [budget.consequences_not_increasing]"},
        {{{"Savings", "shared", "Service", text("debt")}}, "Savings!D2 [budget.option_on_locked_line]"},
        {{{"Indicators", "happy", "Green from", number("50")}}, "Indicators!I2 [budget.thresholds_out_of_order]"},
        {{{"Indicators", "happy", "Lower quartile", number("70")}}, "Indicators!L2 [budget.quartiles_out_of_order]"},
        {{{"Indicators", "happy", "Target", number("1E16")}}, "Indicators!H2 [budget.bad_number]"},
    };
    for (const auto& k : cases) {
        Book b = book_of(test::small_budget().dump());
        for (const auto& e : k.edits) {
            Sheet& s = sheet(b, e.sheet);
            const std::string name = e.row;  // "care#3": the third row whose first cell is "care"
            const auto hash = name.find('#');
            std::size_t r = row_of(s, name.substr(0, hash));
            for (int skip = hash == std::string::npos ? 0 : std::stoi(name.substr(hash + 1)) - 1; skip > 0; --skip)
                for (++r; r < s.rows.size() && (s.rows[r].empty() || s.rows[r][0].text != name.substr(0, hash));) ++r;
            const std::size_t c = std::string(e.sheet) == "Council" ? 1 : column_of(s, e.column);
            if (s.rows[r].size() <= c) s.rows[r].resize(c + 1);
            s.rows[r][c] = e.value;
        }
        const BookImport in = book_to_budget(b);
        std::string found;
        for (const auto& p : in.problems) found += p.place + " [" + p.code + "]\n";
        for (const auto& p : in.warnings) found += p.place + " [" + p.code + "]\n";
        BOOST_TEST(found.find(std::string(k.expected) + "\n") != std::string::npos, k.expected << " in:\n" << found);
    }
}

BOOST_AUTO_TEST_SUITE_END()
