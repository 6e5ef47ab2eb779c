// The officers' results workbook (libxlsxwriter): a Summary sheet, Options, Council tax, a sheet per
// service and per demographic question, Responses and Comments (with the moderation flag), with
// native Excel charts. Every value a person wrote goes in as a string cell, never a formula. It reads
// no database: whoever holds the responses hands them over through a ResultsSource (storage/xlsx_export.h).
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "aggregation.h"
#include "answer_groups.h"
#include "budget.h"

namespace budget::workbook {

struct StoredResponse {
    std::string received_at;
    std::int64_t budget_version = 0;
    std::string document;  // the stored submission, validated again as it is written
    std::string duplicate_of;  // the earlier response it likely repeats ("" when none)
};

struct CommentForWorkbook {
    std::string submission_id, about, text;
    bool hidden = false;  // from public outputs, by an officer
    std::string reason, hidden_by, hidden_at;
};

// Each returns false with `error` when it cannot read what it holds.
struct ResultsSource {
    std::string written_at;  // UTC, shown on the Summary sheet
    std::function<bool(Aggregator& out, std::string& error)> aggregate;
    std::function<bool(std::size_t question, std::vector<AnswerGroup>& out, std::string& error)> groups;
    std::function<bool(const std::function<void(const StoredResponse&)>& each, std::string& error)> responses;
    std::function<bool(const std::function<void(const CommentForWorkbook&)>& each, std::string& error)> comments;
};

// Writes the workbook of one budget (the version `b` is) to `path`. False with `error` when the
// source or the writer fails.
bool write_results_workbook(const Budget& b, const ResultsSource& source, const std::string& path, std::string& error);

// A worksheet name Excel accepts: no []:*?/\, no outer apostrophes, at most 31 characters (cut at a
// character, never inside one), and never blank.
std::string safe_sheet_name(const std::string& wanted);

}  // namespace budget::workbook
