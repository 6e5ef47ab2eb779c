// Little-endian bytes and varints for the compact binary forms (choices, budget packs, drafts).
// The reader is bounded: every read reports failure instead of running past the end.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace budget {

// 64-bit FNV-1a: the budget pack's checksum, and a cheap change detector. Pass the last result as
// `h` to continue over more bytes.
constexpr std::uint64_t kFnvOffset = 0xcbf29ce484222325ull;
inline std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = kFnvOffset) {
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return h;
}

class ByteWriter {
public:
    void u8(unsigned v) { out_ += static_cast<char>(v & 0xFFu); }
    void u16(std::size_t v) { little_endian(v, 2); }
    void i32(std::int32_t v) { little_endian(static_cast<std::uint32_t>(v), 4); }
    void u64(std::uint64_t v) { little_endian(v, 8); }
    // Unsigned LEB128, and signed values zigzag-mapped onto it.
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            u8(static_cast<unsigned>((v & 0x7Fu) | 0x80u));
            v >>= 7;
        }
        u8(static_cast<unsigned>(v));
    }
    void svarint(std::int64_t v) {
        varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    }
    void text(std::string_view s) {
        varint(s.size());
        out_.append(s.data(), s.size());
    }
    void boolean(bool b) { u8(b ? 1 : 0); }
    // A count of bits, then the bits, eight to a byte (padding bits clear).
    void bits(const std::vector<char>& on) {
        u16(on.size());
        for (std::size_t i = 0; i < on.size(); i += 8) {
            unsigned byte = 0;
            for (std::size_t k = 0; k < 8 && i + k < on.size(); ++k)
                if (on[i + k]) byte |= 1u << k;
            u8(byte);
        }
    }
    std::string& bytes() { return out_; }

private:
    void little_endian(std::uint64_t v, int bytes) {
        for (int k = 0; k < bytes; ++k) u8(static_cast<unsigned>((v >> (8 * k)) & 0xFFu));
    }
    std::string out_;
};

class ByteReader {
public:
    explicit ByteReader(std::string_view b) : b_(b) {}
    bool u8(unsigned& v) {
        if (pos_ >= b_.size()) return false;
        v = static_cast<unsigned char>(b_[pos_++]);
        return true;
    }
    bool u16(std::size_t& v) {
        std::uint64_t x = 0;
        if (!little_endian(x, 2)) return false;
        v = static_cast<std::size_t>(x);
        return true;
    }
    bool i32(std::int32_t& v) {
        std::uint64_t x = 0;
        if (!little_endian(x, 4)) return false;
        v = static_cast<std::int32_t>(static_cast<std::uint32_t>(x));
        return true;
    }
    bool u64(std::uint64_t& v) { return little_endian(v, 8); }
    bool varint(std::uint64_t& v) {
        v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            unsigned byte = 0;
            if (!u8(byte)) return false;
            if (shift == 63 && byte > 1) return false;  // more than 64 bits
            if (shift > 0 && byte == 0) return false;   // padded: every value has one encoding
            v |= static_cast<std::uint64_t>(byte & 0x7Fu) << shift;
            if (byte < 0x80) return true;
        }
        return false;
    }
    bool svarint(std::int64_t& v) {
        std::uint64_t u = 0;
        if (!varint(u)) return false;
        v = static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1u);
        return true;
    }
    // A signed value that must fit [lo, hi].
    template <class Int>
    bool number(Int& v, std::int64_t lo, std::int64_t hi) {
        std::int64_t x = 0;
        if (!svarint(x) || x < lo || x > hi) return false;
        v = static_cast<Int>(x);
        return true;
    }
    // A count of items that each take at least one byte, so it cannot exceed what is left.
    bool count(std::size_t& n) {
        std::uint64_t v = 0;
        if (!varint(v) || v > remaining()) return false;
        n = static_cast<std::size_t>(v);
        return true;
    }
    bool text(std::string& s) {
        std::size_t n = 0;
        if (!count(n)) return false;
        s.assign(b_.data() + pos_, n);
        pos_ += n;
        return true;
    }
    bool boolean(bool& b) {
        unsigned v = 0;
        if (!u8(v) || v > 1) return false;
        b = v == 1;
        return true;
    }
    // Reads bits into `on`, whose size is the count the bytes must carry.
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
    std::size_t remaining() const { return b_.size() - pos_; }
    bool done() const { return pos_ == b_.size(); }

private:
    bool little_endian(std::uint64_t& v, int bytes) {
        v = 0;
        for (int k = 0; k < bytes; ++k) {
            unsigned byte = 0;
            if (!u8(byte)) return false;
            v |= static_cast<std::uint64_t>(byte) << (8 * k);
        }
        return true;
    }
    std::string_view b_;
    std::size_t pos_ = 0;
};

}  // namespace budget
