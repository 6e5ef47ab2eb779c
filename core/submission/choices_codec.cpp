// Choices <-> compact bytes.
#include "choices_codec.h"

#include "byte_codec.h"
#include "council_tax.h"
#include "submission_rules.h"

namespace budget {

namespace {

// A lever's position counted in steps from its minimum (what version 2 stores).
std::uint64_t step_index(BasisPoints bp, BasisPoints min, BasisPoints step) {
    return static_cast<std::uint64_t>((static_cast<std::int64_t>(bp) - min) / step);
}

// The value `index` steps above `min`, if that is within [min, max].
bool from_step_index(std::uint64_t index, BasisPoints min, BasisPoints max, BasisPoints step, std::int32_t& bp) {
    if (step <= 0 || max < min || index > static_cast<std::uint64_t>((static_cast<std::int64_t>(max) - min) / step)) return false;
    bp = static_cast<std::int32_t>(min + static_cast<std::int64_t>(index) * step);
    return true;
}

}  // namespace

std::string encode_choices(const Budget& b, const Choices& c) {
    ByteWriter out;
    out.u8(2);
    out.varint(c.service_bp.size());
    for (std::size_t i = 0; i < c.service_bp.size(); ++i) {
        const Service& s = b.services[i];
        out.varint(s.locked ? 0 : step_index(c.service_bp[i], s.min_bp, s.step_bp));
    }
    out.bits(c.efficiency_on);
    out.bits(c.income_on);
    const CouncilTax& t = b.council_tax;
    out.varint(step_index(c.council_tax_bp, t.lever_min_bp, t.lever_step_bp));
    return std::move(out.bytes());
}

bool decode_choices(const Budget& b, std::string_view bytes, Choices& out) {
    ByteReader in(bytes);
    out = default_choices(b);
    unsigned version = 0;
    if (!in.u8(version) || (version != 1 && version != 2)) return false;
    // Version 1 (stored by earlier collectors): u16 count, i32 basis points each, bits, i32 tax.
    std::size_t n = 0;
    if (version == 1 ? !in.u16(n) : !in.count(n)) return false;
    if (n != b.services.size()) return false;
    for (std::size_t i = 0; i < n; ++i) {
        const Service& s = b.services[i];
        std::int32_t bp = 0;
        if (version == 1) {
            if (!in.i32(bp)) return false;
        } else {
            std::uint64_t index = 0;
            if (!in.varint(index)) return false;
            if (s.locked ? index != 0 : !from_step_index(index, s.min_bp, s.max_bp, s.step_bp, bp)) return false;
        }
        if (s.locked ? bp != 0 : lever_fit(bp, s.min_bp, s.max_bp, s.step_bp) != LeverFit::Ok) return false;
        out.service_bp[i] = bp;
    }
    if (!in.bits(out.efficiency_on) || !in.bits(out.income_on)) return false;
    const CouncilTax& t = b.council_tax;
    std::int32_t tax = 0;
    if (version == 1) {
        if (!in.i32(tax)) return false;
    } else {
        std::uint64_t index = 0;
        if (!in.varint(index) || !from_step_index(index, t.lever_min_bp, t.lever_max_bp, t.lever_step_bp, tax)) return false;
    }
    if (!in.done()) return false;
    if (lever_fit(tax, t.lever_min_bp, t.lever_max_bp, t.lever_step_bp) != LeverFit::Ok || !within_cap(t, tax)) return false;
    out.council_tax_bp = tax;
    return true;
}

}  // namespace budget
