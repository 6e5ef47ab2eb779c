// Fuzz target: any bytes given as a submission are validated or rejected, never a crash; a valid
// one re-serialises to a document that validates again with the same choices; and the fast reader
// accepts nothing the full path rejects, always with the same content.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "fuzz_support.h"
#include "submission.h"
#include "submission_reader.h"

namespace {
const budget::Budget& fuzz_budget() {
    static const budget::Budget b = fuzz::example_budget("eastbrook-district-2026.json");
    return b;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const budget::Budget& b = fuzz_budget();
    const std::string text(reinterpret_cast<const char*>(data), size);
    const budget::SubmissionCheck c = budget::validate_submission_full_path(b, text);
    if (c.ok != c.problems.empty()) std::abort();
    budget::Submission fast;
    budget::Outcome fast_outcome;
    if (budget::read_valid_submission_fast(b, text, fast, fast_outcome) &&
        (!c.ok || budget::submission_to_json(b, fast) != budget::submission_to_json(b, c.submission)))
        std::abort();
    if (c.ok) {
        const budget::SubmissionCheck again = budget::validate_submission(b, budget::submission_to_json(b, c.submission));
        if (!again.ok || again.submission.choices.service_bp != c.submission.choices.service_bp ||
            again.submission.choices.council_tax_bp != c.submission.choices.council_tax_bp)
            std::abort();
    }
    return 0;
}
