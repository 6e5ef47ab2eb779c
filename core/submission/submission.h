// A resident's submission: its versioned JSON form, and validation by re-simulating it.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "budget.h"
#include "json_document.h"
#include "problem.h"
#include "simulation.h"
#include "submission_rules.h"

namespace budget {

struct SubmissionCheck {
    bool ok = false;
    Submission submission;
    Outcome outcome;  // the re-simulated outcome, when the choices had the right shape
    Problems problems;
};

// Parses and validates: unknown ids, wrong types, out-of-range or off-step values, moved locked
// lines, a council tax rise over the cap, tampered totals, and an unbalanced budget where the
// budget must balance. Every problem is reported; `ok` is true only when there are none.
// Well-formed valid documents take a fast reader (submission_reader.h); anything else, the full path.
SubmissionCheck validate_submission(const Budget& b, std::string text);
// The full path alone, on nlohmann/json: for tests that check both paths agree.
SubmissionCheck validate_submission_full_path(const Budget& b, std::string text);
// The full path on a document already parsed within submission_limits().
SubmissionCheck check_submission_document(const Budget& b, const JsonDocument& doc);

// Only the "choices" member of a document (a submission or {"choices": {...}}), for simulating:
// levers are checked, totals and balance are not. Omitted levers stay at rest.
SubmissionCheck parse_choices(const Budget& b, std::string text);

// The canonical JSON form (only non-zero service changes are written). It is what is stored, so it
// never holds the voter code.
std::string submission_to_json(const Budget& b, const Submission& s);
// What the app sends: the canonical form with the voter code, when there is one, at its end.
std::string submission_to_send(const Budget& b, const Submission& s);

// A submission for `choices`, with the claimed totals filled in from the simulation.
Submission make_submission(const Budget& b, const Choices& choices, std::string submission_id);

}  // namespace budget
