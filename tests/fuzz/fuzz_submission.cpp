// Fuzz target: any bytes given as a submission are validated or rejected, never a crash; a valid
// one re-serialises to a document that validates again with the same choices; and the fast reader
// accepts nothing the full path rejects, always with the same content and voter code; nothing
// accepted repeats a key or holds an integer beyond int64.
#include <cstdint>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "submission.h"
#include "submission_reader.h"

namespace {
// Counts object keys as the text spells them; a DOM with fewer members has merged repeats.
struct KeyCounter : nlohmann::json_sax<nlohmann::json> {
    std::size_t keys = 0;
    bool out_of_int64 = false;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t v) override {
        out_of_int64 = out_of_int64 || v > static_cast<number_unsigned_t>(INT64_MAX);
        return true;
    }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { ++keys; return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }
};
std::size_t members(const nlohmann::json& j) {
    std::size_t n = j.is_object() ? j.size() : 0;
    if (j.is_structured())
        for (const auto& v : j) n += members(v);
    return n;
}

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
        (!c.ok || budget::submission_to_json(b, fast) != budget::submission_to_json(b, c.submission) ||
         fast.voter_code != c.submission.voter_code))
        std::abort();
    if (c.ok) {
        // Accepted text repeats no key and holds no integer beyond int64 (never merged, never wrapped).
        KeyCounter counter;
        if (!nlohmann::json::sax_parse(text, &counter) || counter.out_of_int64) std::abort();
        const nlohmann::json dom = nlohmann::json::parse(text, nullptr, false);
        if (dom.is_discarded() || members(dom) != counter.keys) std::abort();
        // What the app would send again: the same choices and the same voter code.
        const budget::SubmissionCheck again = budget::validate_submission(b, budget::submission_to_send(b, c.submission));
        if (!again.ok || again.submission.voter_code != c.submission.voter_code || again.submission.choices.service_bp != c.submission.choices.service_bp ||
            again.submission.choices.council_tax_bp != c.submission.choices.council_tax_bp)
            std::abort();
    }
    return 0;
}
