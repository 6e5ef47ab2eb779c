// Budget workbooks from the command line: write one (from a budget, or a blank for a kind of council)
// and read one back, listing every problem at its SHEET!CELL. Exit 0 ok, 1 problems, 2 usage.
#include "workbook_command.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "budget_loader.h"
#include "formats/budget_sheets.h"
#include "tool_files.h"
#include "workbook_writer.h"
#include "xlsx_reader.h"

namespace {

using namespace budget;

int usage(const std::string& why) {
    std::cerr << "budget-tool: " << why << "\n"
              << "usage:\n"
              << "  budget-tool workbook BUDGET.json OUT.xlsx\n"
              << "  budget-tool workbook --blank --kind KIND OUT.xlsx   (KIND: english-county, english-district, english-unitary,\n"
              << "                                                       english-metropolitan, london-borough, welsh-principal)\n"
              << "  budget-tool import-workbook IN.xlsx OUT.json\n";
    return 2;
}

void print(const Problems& problems, const Problems& warnings, const std::string& file) {
    for (const auto& p : problems) std::cerr << format_problem(p, file) << "\n";
    for (const auto& w : warnings) std::cerr << "warning: " << format_problem(w, file) << "\n";
}

int write(const sheets::Book& book, const std::string& out) {
    const std::string temp = out + ".tmp";
    std::string error;
    if (!workbook::write_book(book, temp, error)) {
        std::remove(temp.c_str());
        std::cerr << out << ": " << error << "\n";
        return 1;
    }
    if (std::rename(temp.c_str(), out.c_str()) != 0) {
        std::remove(temp.c_str());
        std::cerr << out << ": cannot write the file\n";
        return 1;
    }
    return 0;
}

}  // namespace

int cmd_workbook(const std::vector<std::string>& args) {
    if (args.size() == 4 && args[0] == "--blank" && args[1] == "--kind") {
        const auto blank = sheets::blank_budget(args[2]);
        if (!blank) return usage("unknown kind of council " + args[2]);
        const int rc = write(sheets::budget_to_book(nlohmann::json::parse(blank->dump(), nullptr, false)), args[3]);
        if (rc == 0) std::cout << args[3] << ": a blank " << args[2] << " budget workbook\n";
        return rc;
    }
    if (args.size() != 2 || args[0].rfind("--", 0) == 0) return usage("workbook needs BUDGET.json and OUT.xlsx, or --blank --kind KIND OUT.xlsx");
    const auto text = tool::read_bounded(args[0], JsonLimits{}.max_bytes + 1);
    if (!text) { std::cerr << args[0] << ": cannot read file\n"; return 1; }
    BudgetLoad load = load_budget(*text);
    print(load.problems, load.warnings, args[0]);
    if (!load.budget) return 1;
    const nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
    const int rc = write(sheets::budget_to_book(doc), args[1]);
    if (rc == 0) std::cout << args[1] << ": the workbook of " << args[0] << "\n";
    return rc;
}

int cmd_import_workbook(const std::vector<std::string>& args) {
    if (args.size() != 2) return usage("import-workbook needs IN.xlsx and OUT.json");
    const workbook::XlsxLimits limits;
    const auto bytes = tool::read_bounded(args[0], limits.max_file_bytes + 1);
    if (!bytes) { std::cerr << args[0] << ": cannot read file\n"; return 1; }
    workbook::XlsxRead read = workbook::read_xlsx(*bytes, limits);
    if (!read.book) { print(read.problems, {}, args[0]); return 1; }
    const sheets::BookImport in = sheets::book_to_budget(*read.book);
    print(in.problems, in.warnings, args[0]);
    if (!in.ok()) return 1;
    if (!tool::write_whole(args[1], in.json)) return 1;
    std::cout << args[1] << ": the budget from " << args[0] << "\n";
    return 0;
}
