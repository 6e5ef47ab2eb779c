// Reading a file uploaded in the console as a draft of a budget or a council profile: a workbook or
// JSON, checked by the document's own loader, every problem by cell (or line), with what to do about it.
#pragma once
#include <string>

#include "formats/sheets.h"
#include "officer_store.h"
#include "problem.h"

namespace server::console {

struct DocumentReader {
    const char* noun;          // "budget": in "this file is the budget X, not Y"
    const char* other_code;    // that problem's code
    const char* fields_sheet;  // the workbook's sheet whose first row (B2) is the id
    budget::sheets::BookImport (*from_book)(const budget::sheets::Book& book);
    void (*check)(const std::string& json, budget::Problems& problems, budget::Problems& warnings);
};
extern const DocumentReader kBudgetReader, kProfileReader;

// Reads an uploaded file as a draft of the document `id`: its JSON, problems and whether it may be
// published. A file naming another id is a problem, unless `take_id` (a new consultation started
// from another council's or year's file): then it becomes `id`.
void read_draft(const DocumentReader& reader, const std::string& id, const std::string& filename, const std::string& bytes,
                storage::DocumentDraft& d, bool take_id = false);

// What to do about a problem, by its code (English: the catalogue's msgid); the loader's message says what is wrong.
const char* hint_for(const std::string& code);

}  // namespace server::console
