// The two directions of a pack (compact checked binary for the browser): one field list, written
// once as a template over IO, either writes each field or reads it back with its bounds.
#pragma once
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "byte_codec.h"
#include "local_text.h"
#include "problem.h"

namespace budget::pack_io {

// Bounds of packed numbers.
constexpr std::int64_t kMoneyLimit = 1'000'000'000'000'000;  // £10 trillion, in pence
constexpr std::int64_t kI32Min = std::numeric_limits<std::int32_t>::min();
constexpr std::int64_t kI32Max = std::numeric_limits<std::int32_t>::max();
constexpr std::int64_t kI64Min = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kI64Max = std::numeric_limits<std::int64_t>::max();

class PackWriter {
public:
    bool str(std::string& s) { out.text(s); return true; }
    template <class Int>
    bool num(Int& v, std::int64_t, std::int64_t) { out.svarint(static_cast<std::int64_t>(v)); return true; }
    bool flag(bool& b) { out.boolean(b); return true; }
    template <class Enum>
    bool choice(Enum& e, int) { out.u8(static_cast<unsigned>(e)); return true; }
    bool index(std::size_t& i, std::size_t) { out.varint(i); return true; }
    template <class T, class Each>
    bool list(std::vector<T>& items, Each each) {
        out.varint(items.size());
        for (T& item : items)
            if (!each(item)) return false;
        return true;
    }
    template <class T, class Each>
    bool maybe(std::optional<T>& v, Each each) {
        out.boolean(v.has_value());
        return !v || each(*v);
    }
    ByteWriter out;
};

class PackReader {
public:
    explicit PackReader(std::string_view bytes) : in(bytes) {}
    bool str(std::string& s) { return in.text(s); }
    template <class Int>
    bool num(Int& v, std::int64_t lo, std::int64_t hi) { return in.number(v, lo, hi); }
    bool flag(bool& b) { return in.boolean(b); }
    template <class Enum>
    bool choice(Enum& e, int count) {
        unsigned v = 0;
        if (!in.u8(v) || v >= static_cast<unsigned>(count)) return false;
        e = static_cast<Enum>(v);
        return true;
    }
    bool index(std::size_t& i, std::size_t limit) {
        std::uint64_t v = 0;
        if (!in.varint(v) || v >= limit) return false;
        i = static_cast<std::size_t>(v);
        return true;
    }
    template <class T, class Each>
    bool list(std::vector<T>& items, Each each) {
        std::size_t n = 0;
        if (!in.count(n)) return false;
        items.clear();
        for (std::size_t k = 0; k < n; ++k) {
            items.emplace_back();
            if (!each(items.back())) return false;
        }
        return true;
    }
    template <class T, class Each>
    bool maybe(std::optional<T>& v, Each each) {
        bool present = false;
        if (!in.boolean(present)) return false;
        if (!present) {
            v.reset();
            return true;
        }
        v.emplace();
        return each(*v);
    }
    ByteReader in;
};

template <class IO>
bool local(IO& io, LocalText& t) { return io.str(t.en) && io.str(t.cy); }

// MAGIC, u8 version, u64 FNV-1a checksum of the payload, then the payload.
inline std::string framed(std::string_view magic, unsigned version, const std::string& payload) {
    ByteWriter out;
    out.bytes() = magic;
    out.u8(version);
    out.u64(fnv1a(payload));
    out.bytes() += payload;
    return std::move(out.bytes());
}

// The payload of a framed pack, or nullopt with `problem` (pack.not_a_pack, pack.version, pack.checksum).
inline std::optional<std::string_view> payload(std::string_view bytes, std::string_view magic, unsigned version,
                                                const char* what, Problem& problem) {
    const auto fail = [&](const char* code, std::string message) {
        problem = Problem{code, "", 0, 0, std::move(message)};
        return std::nullopt;
    };
    if (bytes.size() < magic.size() + 9 || bytes.substr(0, magic.size()) != magic)
        return fail("pack.not_a_pack", std::string("this is not a ") + what + " pack");
    ByteReader header(bytes.substr(magic.size(), 9));
    unsigned found = 0;
    std::uint64_t checksum = 0;
    header.u8(found);
    header.u64(checksum);
    if (found != version)
        return fail("pack.version", std::string("this ") + what + " pack is from another version of the app: pack the " + what + " again");
    const std::string_view rest = bytes.substr(magic.size() + 9);
    if (fnv1a(rest) != checksum)
        return fail("pack.checksum", std::string("the ") + what + " pack is damaged or incomplete (its checksum does not match)");
    return rest;
}

// `value` as a pack: `fields(io, value)` lists its fields for either direction.
template <class T, class Fields>
std::string pack(const T& value, std::string_view magic, unsigned version, Fields fields) {
    PackWriter w;
    T copy = value;
    fields(w, copy);
    return framed(magic, version, w.out.bytes());
}

// The value a pack holds, or nullopt with `problem` (pack_io::payload's, or pack.malformed).
template <class T, class Fields>
std::optional<T> unpack(std::string_view bytes, std::string_view magic, unsigned version, const char* what, Fields fields, Problem& problem) {
    const auto body = payload(bytes, magic, version, what, problem);
    if (!body) return std::nullopt;
    T value;
    PackReader reader(*body);
    if (!fields(reader, value) || !reader.in.done()) {
        problem = Problem{"pack.malformed", "", 0, 0, std::string("the ") + what + " pack is not laid out as this version expects"};
        return std::nullopt;
    }
    return value;
}

}  // namespace budget::pack_io
