// Fuzz target: the binary forms (budget packs, choices, drafts) refuse bad bytes without crashing,
// and whatever they accept writes back to the same bytes.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "budget_pack.h"
#include "byte_codec.h"
#include "choices_codec.h"
#include "draft_codec.h"
#include "fuzz_support.h"

namespace {

// Seals `payload` as a pack (the checksum the reader checks first), so the fuzzer reaches the fields.
std::string sealed(std::string_view payload) {
    const std::uint64_t h = budget::fnv1a(payload);
    std::string out = "BPK";
    out += static_cast<char>(budget::kBudgetPackVersion);
    for (int shift = 0; shift < 64; shift += 8) out += static_cast<char>((h >> shift) & 0xFF);
    return out.append(payload);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    (void)budget::unpack_budget(bytes);
    const std::string pack = sealed(bytes);
    const budget::BudgetUnpack u = budget::unpack_budget(pack);
    if (u.budget.has_value() == !u.problem.code.empty()) std::abort();  // a budget or a problem
    if (u.budget && budget::pack_budget(*u.budget) != pack) std::abort();

    static const budget::Budget county = fuzz::example_budget("northmoor-county-2026.json");
    budget::Choices c;
    if (budget::decode_choices(county, bytes, c)) {
        budget::Choices again;
        if (!budget::decode_choices(county, budget::encode_choices(county, c), again) || again.service_bp != c.service_bp ||
            again.efficiency_on != c.efficiency_on || again.income_on != c.income_on || again.council_tax_bp != c.council_tax_bp)
            std::abort();
    }
    budget::Draft d;
    if (budget::decode_draft(county, bytes, d)) {
        budget::Draft again;
        if (!budget::decode_draft(county, budget::encode_draft(county, d), again) || again.overall_comment != d.overall_comment ||
            again.service_comments != d.service_comments || again.demographics != d.demographics)
            std::abort();
    }
    return 0;
}
