// Reading a file uploaded in the console as a draft: a workbook or JSON, through the document's loader.
#include "draft_reading.h"

#include <nlohmann/json.hpp>

#include "budget_loader.h"
#include "council_profile.h"
#include "formats/budget_sheets.h"
#include "formats/profile_sheets.h"
#include "forms.h"
#include "json_document.h"
#include "xlsx_reader.h"

namespace server::console {

using nlohmann::json;

#define N_(english) english

namespace {

void check_budget(const std::string& text, budget::Problems& problems, budget::Problems& warnings) {
    budget::BudgetLoad l = budget::load_budget(text);
    problems = std::move(l.problems);
    warnings = std::move(l.warnings);
}

void check_profile(const std::string& text, budget::Problems& problems, budget::Problems& warnings) {
    budget::ProfileLoad l = budget::load_profile(text);
    problems = std::move(l.problems);
    warnings = std::move(l.warnings);
}

json problem_json(const budget::Problem& p, bool warning) {
    return {{"code", p.code}, {"place", p.place}, {"line", p.line}, {"column", p.column}, {"pointer", p.pointer},
            {"message", p.message}, {"warning", warning}};
}

}  // namespace

const DocumentReader kBudgetReader{"budget", "draft.other_budget", "Council", budget::sheets::book_to_budget, check_budget};
const DocumentReader kProfileReader{"council profile", "draft.other_profile", "Profile", budget::sheets::book_to_profile, check_profile};

// What to do about a problem, by its code; the loader's message says what is wrong.
const char* hint_for(const std::string& code) {
    if (code == "workbook.not_a_number") return N_("Type a number in this cell, with no words.");
    if (code == "workbook.too_many_decimals") return N_("Give money to the penny: at most two decimal places.");
    if (code == "workbook.not_whole_number") return N_("Type a whole number.");
    if (code == "workbook.not_yes_no") return N_("Choose yes or no from the cell's list.");
    if (code == "workbook.not_a_choice") return N_("Choose one of the values in the cell's list.");
    if (code == "workbook.not_a_day") return N_("Type a date like 2024-03-31.");
    if (code == "workbook.conflict") return N_("Make the two cells agree, as the message says.");
    if (code == "workbook.not_a_date") return N_("Type a date and time in UTC, like 2027-01-05 09:00.");
    if (code == "workbook.unknown_parent" || code == "workbook.missing_parent" || code == "budget.unknown_reference")
        return N_("Use an id from the sheet it refers to, spelt the same way.");
    if (code == "workbook.missing_sheet" || code == "workbook.missing_column")
        return N_("Start again from the workbook downloaded from this page, and keep its sheets and headings.");
    if (code.rfind("workbook.", 0) == 0 || code.rfind("json.", 0) == 0)
        return N_("Save the file again from your spreadsheet program as an Excel workbook (.xlsx), or start from the workbook on this page.");
    if (code == "budget.missing_field") return N_("Fill in this cell: the budget needs it.");
    if (code == "budget.missing_translation") return N_("Give the Welsh beside the English.");
    if (code == "budget.duplicate_id") return N_("Give each row its own id.");
    if (code == "budget.total_mismatch" || code == "budget.gap_mismatch")
        return N_("Check the figure against the rows it sums; the message gives the sum the budget expects.");
    if (code == "budget.min_above_max" || code == "budget.range_excludes_zero" || code == "budget.step_does_not_divide" ||
        code == "budget.off_step" || code == "budget.bad_step")
        return N_("Make the lowest change, highest change and step fit together, with today's level (0%) among the steps.");
    if (code == "budget.infeasible") return N_("Offer more savings or income, or reduce the gap, so a resident can balance the budget.");
    if (code == "draft.other_budget") return N_("Upload this consultation's own budget, or change the budget id back.");
    if (code == "draft.other_profile") return N_("Upload this council's own profile, or change the profile id back.");
    if (code == "profile.missing_translation") return N_("Give the Welsh beside the English.");
    if (code == "profile.duplicate_year") return N_("Give each year one row.");
    if (code == "profile.empty_source" || code == "profile.missing_field") return N_("Fill in this cell: the profile needs it.");
    return N_("Correct it, then upload the file again.");
}

void read_draft(const DocumentReader& reader, const std::string& id, const std::string& filename, const std::string& bytes,
                storage::DocumentDraft& d, bool take_id) {
    budget::Problems problems, warnings;
    const std::string lowered = lower_ascii(filename);
    const bool xlsx = bytes.compare(0, 4, "PK\x03\x04") == 0 || (lowered.size() > 5 && lowered.compare(lowered.size() - 5, 5, ".xlsx") == 0);
    d.source_kind = xlsx ? "xlsx" : "json";
    std::string document;
    if (xlsx) {
        budget::workbook::XlsxRead read = budget::workbook::read_xlsx(bytes);
        if (!read.book) problems = std::move(read.problems);
        else {
            budget::sheets::BookImport in = reader.from_book(*read.book);
            document = std::move(in.json);
            problems = std::move(in.problems);
            warnings = std::move(in.warnings);
        }
    } else {
        reader.check(bytes, problems, warnings);
        if (valid_utf8(bytes) && bytes.size() <= budget::JsonLimits{}.max_bytes) document = bytes;
    }
    if (take_id) {
        nlohmann::ordered_json named = nlohmann::ordered_json::parse(document, nullptr, false);
        if (!named.is_discarded() && named.is_object() && named.contains("id")) {
            named["id"] = id;
            document = named.dump(2) + "\n";
        }
    }
    // A draft is a version of this budget (or profile), not another's.
    const json doc = json::parse(document, nullptr, false);
    if (!doc.is_discarded() && doc.is_object() && doc.contains("id") && doc["id"].is_string() && doc["id"] != id) {
        budget::Problem p(reader.other_code, "/id", 0, 0,
                          std::string("this file is the ") + reader.noun + " \"" + doc["id"].get<std::string>() + "\", not \"" + id + "\"",
                          xlsx ? budget::sheets::place_name(reader.fields_sheet, 1, 1) : "");
        if (!xlsx) {
            budget::JsonDocument located;
            budget::Problems ignored;
            if (budget::parse_json(document, budget::JsonLimits{}, located, ignored)) std::tie(p.line, p.column) = located.locate("/id");
        }
        problems.insert(problems.begin(), std::move(p));
    }
    json list = json::array();
    for (const auto& p : problems) list.push_back(problem_json(p, false));
    for (const auto& w : warnings) list.push_back(problem_json(w, true));
    d.problems_json = list.dump(-1, ' ', false, json::error_handler_t::replace);
    d.ok = problems.empty() && !document.empty();
    d.document_json = std::move(document);
}


}  // namespace server::console
