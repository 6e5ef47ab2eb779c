// The workbook writer and reader at their limits: exactly at each limit a workbook is read whole, one
// past it is refused with its code, message and place; the writer refuses what Excel cannot hold.
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "workbook_writer.h"
#include "xlsx_reader.h"

using namespace budget;
using budget::sheets::Book;
using budget::sheets::Cell;
using budget::sheets::CellKind;
using budget::sheets::Sheet;

namespace {

Cell text_cell(std::string text) {
    Cell c;
    c.kind = CellKind::Text;
    c.text = std::move(text);
    return c;
}

Sheet grid(const std::string& name, std::size_t rows, std::size_t columns) {
    Sheet s;
    s.name = name;
    for (std::size_t r = 0; r < rows; ++r) {
        s.rows.emplace_back();
        for (std::size_t c = 0; c < columns; ++c) s.rows.back().push_back(text_cell(name + " " + std::to_string(r) + "," + std::to_string(c)));
    }
    return s;
}

struct Written {
    std::string path = "/tmp/xlsx-limits-" + std::to_string(::getpid()) + ".xlsx";
    ~Written() { std::remove(path.c_str()); }
    std::string bytes(const Book& book) {
        std::string error;
        BOOST_REQUIRE_MESSAGE(workbook::write_book(book, path, error), error);
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }
};

std::string only_problem(const workbook::XlsxRead& r) {
    BOOST_REQUIRE_EQUAL(r.problems.size(), 1u);
    const Problem& p = r.problems.front();
    return p.code + ": " + p.message + (p.place.empty() ? "" : " at " + p.place);
}

}  // namespace

BOOST_AUTO_TEST_SUITE(xlsx_limits)

BOOST_AUTO_TEST_CASE(rows) {
    workbook::XlsxLimits limits;
    limits.max_rows = 5;
    Written w;
    const auto at = workbook::read_xlsx(w.bytes(Book{{grid("Data", 5, 2)}}), limits);
    BOOST_TEST(at.problems.empty());
    BOOST_REQUIRE(at.book);
    BOOST_TEST(at.book->sheets[0].rows.size() == 5u);
    BOOST_TEST(at.book->sheets[0].rows[4][1].text == "Data 4,1");
    const auto past = workbook::read_xlsx(w.bytes(Book{{grid("Data", 6, 2)}}), limits);
    BOOST_TEST(!past.book);
    BOOST_TEST(only_problem(past) == "workbook.too_many_rows: the sheet has more than 5 rows at Data!A6");
}

BOOST_AUTO_TEST_CASE(columns) {
    workbook::XlsxLimits limits;
    limits.max_columns = 4;
    Written w;
    const auto at = workbook::read_xlsx(w.bytes(Book{{grid("Data", 2, 4)}}), limits);
    BOOST_TEST(at.problems.empty());
    BOOST_REQUIRE(at.book);
    BOOST_TEST(at.book->sheets[0].rows[1].size() == 4u);
    const auto past = workbook::read_xlsx(w.bytes(Book{{grid("Data", 2, 5)}}), limits);
    BOOST_TEST(only_problem(past) == "workbook.too_many_columns: the sheet has cells beyond column 4 at Data!E1");
}

BOOST_AUTO_TEST_CASE(cells_across_sheets) {
    workbook::XlsxLimits limits;
    limits.max_cells = 20;
    Written w;
    const auto at = workbook::read_xlsx(w.bytes(Book{{grid("One", 2, 5), grid("Two", 2, 5)}}), limits);
    BOOST_TEST(at.problems.empty());
    BOOST_REQUIRE(at.book);
    BOOST_TEST(at.book->sheets[1].rows[1][4].text == "Two 1,4");
    const auto past = workbook::read_xlsx(w.bytes(Book{{grid("One", 2, 5), grid("Two", 2, 5), grid("Three", 1, 1)}}), limits);
    BOOST_TEST(only_problem(past) == "workbook.too_many_cells: the workbook has more than 20 cells at Three!A1");
}

BOOST_AUTO_TEST_CASE(sheets) {
    workbook::XlsxLimits limits;
    limits.max_sheets = 3;
    Written w;
    const auto at = workbook::read_xlsx(w.bytes(Book{{grid("A", 1, 1), grid("B", 1, 1), grid("C", 1, 1)}}), limits);
    BOOST_TEST(at.problems.empty());
    BOOST_TEST(at.book->sheets.size() == 3u);
    const auto past = workbook::read_xlsx(w.bytes(Book{{grid("A", 1, 1), grid("B", 1, 1), grid("C", 1, 1), grid("D", 1, 1)}}), limits);
    BOOST_TEST(only_problem(past) == "workbook.too_many_sheets: the workbook has 4 sheets; at most 3 are read");
}

BOOST_AUTO_TEST_CASE(distinct_texts) {
    workbook::XlsxLimits limits;
    limits.max_shared_strings = 10;
    Written w;
    const auto at = workbook::read_xlsx(w.bytes(Book{{grid("Data", 2, 5)}}), limits);  // 10 different texts
    BOOST_TEST(at.problems.empty());
    const auto past = workbook::read_xlsx(w.bytes(Book{{grid("Data", 2, 5), grid("X", 1, 1)}}), limits);
    BOOST_TEST(only_problem(past) == "workbook.too_many_cells: the workbook has more than 10 strings");
}

BOOST_AUTO_TEST_CASE(the_longest_text_excel_holds_reads_whole) {
    // 32,767 characters, each four bytes in UTF-8: Excel's limit, and the reader's default limit in bytes.
    std::string longest;
    for (int i = 0; i < 32'767; ++i) longest += "\xF0\x9F\x8F\xA0";  // a house
    Sheet s;
    s.name = "Comments";
    s.rows = {{text_cell("comment")}, {text_cell(longest)}};
    Written w;
    const std::string bytes = w.bytes(Book{{s}});
    const auto at = workbook::read_xlsx(bytes);
    BOOST_TEST(at.problems.empty());
    BOOST_REQUIRE(at.book);
    BOOST_TEST(at.book->sheets[0].rows[1][0].text == longest);

    workbook::XlsxLimits limits;
    limits.max_cell_bytes = longest.size() - 1;
    BOOST_TEST(only_problem(workbook::read_xlsx(bytes, limits)) == "workbook.cell_too_long: a text in the workbook is longer than Excel allows");
}

BOOST_AUTO_TEST_CASE(a_text_longer_than_excel_holds_fails_the_file) {
    Sheet s;
    s.name = "Comments";
    s.rows = {{text_cell("comment")}, {text_cell(std::string(32'768, 'x'))}};
    std::string error;
    const std::string path = "/tmp/xlsx-too-long-" + std::to_string(::getpid()) + ".xlsx";
    BOOST_TEST(!workbook::write_book(Book{{s}}, path, error));
    BOOST_TEST(error == "cannot write Comments!A2: the text is longer than Excel's 32,767 characters");
    BOOST_TEST(::access(path.c_str(), F_OK) != 0);  // no half-written file is left for someone to open
}

BOOST_AUTO_TEST_CASE(file_size) {
    Written w;
    const std::string bytes = w.bytes(Book{{grid("Data", 3, 3)}});
    workbook::XlsxLimits limits;
    limits.max_file_bytes = bytes.size();
    BOOST_TEST(workbook::read_xlsx(bytes, limits).problems.empty());
    limits.max_file_bytes = bytes.size() - 1;
    BOOST_TEST(only_problem(workbook::read_xlsx(bytes, limits)) ==
               "workbook.too_large: the file is larger than " + std::to_string(bytes.size() - 1) + " bytes");
}

BOOST_AUTO_TEST_SUITE_END()
