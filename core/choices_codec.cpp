// Choices <-> compact bytes.
#include "choices_codec.h"

#include "council_tax.h"
#include "submission_rules.h"

namespace budget {

namespace {
void put_u16(std::string& out, std::size_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}
void put_i32(std::string& out, std::int32_t v) {
    const auto u = static_cast<std::uint32_t>(v);
    for (int shift = 0; shift < 32; shift += 8) out += static_cast<char>((u >> shift) & 0xFF);
}
void put_bits(std::string& out, const std::vector<char>& on) {
    put_u16(out, on.size());
    for (std::size_t i = 0; i < on.size(); i += 8) {
        unsigned byte = 0;
        for (std::size_t k = 0; k < 8 && i + k < on.size(); ++k)
            if (on[i + k]) byte |= 1u << k;
        out += static_cast<char>(byte);
    }
}

class In {
public:
    explicit In(std::string_view b) : b_(b) {}
    bool u8(unsigned& v) {
        if (pos_ + 1 > b_.size()) return false;
        v = static_cast<unsigned char>(b_[pos_++]);
        return true;
    }
    bool u16(std::size_t& v) {
        unsigned lo = 0, hi = 0;
        if (!u8(lo) || !u8(hi)) return false;
        v = lo | (hi << 8);
        return true;
    }
    bool i32(std::int32_t& v) {
        std::uint32_t u = 0;
        for (int shift = 0; shift < 32; shift += 8) {
            unsigned byte = 0;
            if (!u8(byte)) return false;
            u |= static_cast<std::uint32_t>(byte) << shift;
        }
        v = static_cast<std::int32_t>(u);
        return true;
    }
    bool bits(std::vector<char>& on) {
        std::size_t n = 0;
        if (!u16(n) || n != on.size()) return false;
        for (std::size_t i = 0; i < n; i += 8) {
            unsigned byte = 0;
            if (!u8(byte)) return false;
            for (std::size_t k = 0; k < 8; ++k) {
                const bool set = (byte >> k) & 1u;
                if (i + k < n) on[i + k] = set ? 1 : 0;
                else if (set) return false;  // padding bits must be clear
            }
        }
        return true;
    }
    bool done() const { return pos_ == b_.size(); }

private:
    std::string_view b_;
    std::size_t pos_ = 0;
};
}  // namespace

std::string encode_choices(const Budget& b, const Choices& c) {
    std::string out;
    out.reserve(8 + 4 * b.services.size() + (b.efficiencies.size() + b.incomes.size()) / 8 + 2);
    out += static_cast<char>(1);
    put_u16(out, c.service_bp.size());
    for (BasisPoints bp : c.service_bp) put_i32(out, bp);
    put_bits(out, c.efficiency_on);
    put_bits(out, c.income_on);
    put_i32(out, c.council_tax_bp);
    return out;
}

bool decode_choices(const Budget& b, std::string_view bytes, Choices& out) {
    In in(bytes);
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
