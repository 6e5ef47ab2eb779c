// Choices <-> compact bytes.
#include "choices_codec.h"

#include "byte_codec.h"
#include "council_tax.h"
#include "submission_rules.h"

namespace budget {

std::string encode_choices(const Budget& b, const Choices& c) {
    ByteWriter out;
    out.bytes().reserve(8 + 4 * b.services.size() + (b.efficiencies.size() + b.incomes.size()) / 8 + 2);
    out.u8(1);
    out.u16(c.service_bp.size());
    for (BasisPoints bp : c.service_bp) out.i32(bp);
    out.bits(c.efficiency_on);
    out.bits(c.income_on);
    out.i32(c.council_tax_bp);
    return std::move(out.bytes());
}

bool decode_choices(const Budget& b, std::string_view bytes, Choices& out) {
    ByteReader in(bytes);
    out = default_choices(b);
    unsigned version = 0;
    std::size_t n = 0;
    if (!in.u8(version) || version != 1 || !in.u16(n) || n != b.services.size()) return false;
    for (std::size_t i = 0; i < n; ++i) {
        std::int32_t bp = 0;
        if (!in.i32(bp)) return false;
        const Service& s = b.services[i];
        if (s.locked ? bp != 0 : lever_fit(bp, s.min_bp, s.max_bp, s.step_bp) != LeverFit::Ok) return false;
        out.service_bp[i] = bp;
    }
    std::int32_t tax = 0;
    if (!in.bits(out.efficiency_on) || !in.bits(out.income_on) || !in.i32(tax) || !in.done()) return false;
    const CouncilTax& t = b.council_tax;
    if (lever_fit(tax, t.lever_min_bp, t.lever_max_bp, t.lever_step_bp) != LeverFit::Ok || !within_cap(t, tax)) return false;
    out.council_tax_bp = tax;
    return true;
}

}  // namespace budget
