// Budget and council-profile workbooks from the command line: write one (from a budget or profile, or
// a blank budget for a kind of council) and read one back, listing every problem at its SHEET!CELL.
// Exit 0 ok, 1 problems, 2 usage.
#include "workbook_command.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "budget_loader.h"
#include "council_profile.h"
#include "formats/budget_sheets.h"
#include "formats/profile_sheets.h"
#include "tool_files.h"
#include "command_line.h"
#include "workbook_writer.h"
#include "xlsx_reader.h"

namespace {

using namespace budget;

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

struct WorkbookOptions {
    std::vector<std::string> files;
    std::string kind;
};

int cmd_workbook(const WorkbookOptions& o) {
    const std::vector<std::string>& args = o.files;
    if (!o.kind.empty()) {
        if (args.size() != 1) return tool::usage_error("workbook --blank --kind KIND takes one file: OUT.xlsx");
        const auto blank = sheets::blank_budget(o.kind);
        if (!blank) return tool::usage_error("unknown kind of council " + o.kind);
        const int rc = write(sheets::budget_to_book(nlohmann::json::parse(blank->dump(), nullptr, false)), args[0]);
        if (rc == 0) std::cout << args[0] << ": a blank " << o.kind << " budget workbook\n";
        return rc;
    }
    if (args.size() != 2) return tool::usage_error("workbook needs BUDGET.json and OUT.xlsx, or --blank --kind KIND OUT.xlsx");
    const auto text = tool::read_bounded(args[0], JsonLimits{}.max_bytes + 1);
    if (!text) { std::cerr << args[0] << ": cannot read file\n"; return 1; }
    BudgetLoad load = load_budget(*text);
    tool::print_problems(load.problems, load.warnings, args[0]);
    if (!load.budget) return 1;
    const nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
    const int rc = write(sheets::budget_to_book(doc), args[1]);
    if (rc == 0) std::cout << args[1] << ": the workbook of " << args[0] << "\n";
    return rc;
}

int cmd_profile_workbook(const std::string& profile, const std::string& out) {
    const auto text = tool::read_bounded(profile, JsonLimits{}.max_bytes + 1);
    if (!text) { std::cerr << profile << ": cannot read file\n"; return 1; }
    ProfileLoad load = load_profile(*text);
    tool::print_problems(load.problems, load.warnings, profile);
    if (!load.profile) return 1;
    const int rc = write(sheets::profile_to_book(nlohmann::json::parse(*text, nullptr, false)), out);
    if (rc == 0) std::cout << out << ": the workbook of " << profile << "\n";
    return rc;
}

// Reads IN.xlsx with `to_document` (book_to_budget or book_to_profile) and writes OUT.json.
int import_workbook(const std::string& in, const std::string& out, sheets::BookImport (*to_document)(const sheets::Book&),
                    const char* what) {
    const workbook::XlsxLimits limits;
    const auto bytes = tool::read_bounded(in, limits.max_file_bytes + 1);
    if (!bytes) { std::cerr << in << ": cannot read file\n"; return 1; }
    workbook::XlsxRead read = workbook::read_xlsx(*bytes, limits);
    if (!read.book) { tool::print_problems(read.problems, {}, in); return 1; }
    const sheets::BookImport doc = to_document(*read.book);
    tool::print_problems(doc.problems, doc.warnings, in);
    if (!doc.ok()) return 1;
    if (!tool::write_whole(out, doc.json)) return 1;
    std::cout << out << ": the " << what << " from " << in << "\n";
    return 0;
}

}  // namespace

void add_workbook_commands(CLI::App& app, tool::Outcome& outcome) {
    static WorkbookOptions o;  // one command runs per process
    static std::string in, out;
    auto* workbook = tool::add_command(app, "workbook", "write a budget as a workbook a finance team can edit, or a blank one",
                                       outcome, [] { return cmd_workbook(o); });
    workbook->add_option("FILES", o.files, "BUDGET.json OUT.xlsx, or with --blank only OUT.xlsx")->required()->expected(1, 2);
    auto* blank = workbook->add_flag("--blank", "a starting workbook for a kind of council (with --kind)");
    auto* kind = workbook->add_option("--kind", o.kind,
        "english-county, english-district, english-unitary, english-metropolitan, london-borough or welsh-principal");
    kind->needs(blank);
    blank->needs(kind);
    auto* import = tool::add_command(app, "import-workbook", "read a workbook back into a budget; every problem by SHEET!CELL",
                                     outcome, [] { return import_workbook(in, out, sheets::book_to_budget, "budget"); });
    import->add_option("IN", in, "the workbook (IN.xlsx)")->required();
    import->add_option("OUT", out, "the budget to write (OUT.json)")->required();

    static std::string profile, profile_out, profile_in, profile_json;
    auto* pw = tool::add_command(app, "profile-workbook", "write a council profile as a workbook its finance team can keep",
                                 outcome, [] { return cmd_profile_workbook(profile, profile_out); });
    pw->add_option("PROFILE", profile, "the council profile (councils/ID.json)")->required();
    pw->add_option("OUT", profile_out, "the workbook to write (OUT.xlsx)")->required();
    auto* ipw = tool::add_command(app, "import-profile-workbook", "read a workbook back into a council profile; every problem by SHEET!CELL",
                                  outcome, [] { return import_workbook(profile_in, profile_json, sheets::book_to_profile, "council profile"); });
    ipw->add_option("IN", profile_in, "the workbook (IN.xlsx)")->required();
    ipw->add_option("OUT", profile_json, "the profile to write (OUT.json)")->required();
}
