// Fuzzes the workbook reader (zip, XML, cells) and the sheets-to-budget and sheets-to-profile imports:
// never a crash or a hang; an import that succeeds loads, and writing its sheets and importing again
// gives the same JSON.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "budget_loader.h"
#include "council_profile.h"
#include "formats/budget_sheets.h"
#include "formats/profile_sheets.h"
#include "xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (const auto d = budget::sheets::normalise_decimal(bytes))
        if (budget::sheets::normalise_decimal(*d) != d) __builtin_trap();
    budget::workbook::XlsxLimits limits;
    limits.max_part_bytes = 4u << 20;  // smaller than a server's, so each run stays quick
    limits.max_total_bytes = 8u << 20;
    limits.max_cells = 20'000;
    const auto read = budget::workbook::read_xlsx(bytes, limits);
    if (!read.book) {
        if (read.problems.empty()) __builtin_trap();  // refused without saying why
        return 0;
    }
    const auto profile = budget::sheets::book_to_profile(*read.book);
    if (profile.ok()) {
        if (!budget::load_profile(profile.json).profile) __builtin_trap();
        const auto again = budget::sheets::book_to_profile(budget::sheets::profile_to_book(nlohmann::json::parse(profile.json, nullptr, false)));
        if (!again.ok() || again.json != profile.json) __builtin_trap();
    }
    const auto in = budget::sheets::book_to_budget(*read.book);
    if (!in.ok()) return 0;
    if (!budget::load_budget(in.json).budget) __builtin_trap();
    const auto again = budget::sheets::book_to_budget(budget::sheets::budget_to_book(nlohmann::json::parse(in.json, nullptr, false)));
    if (!again.ok() || again.json != in.json) __builtin_trap();
    return 0;
}
