// Draft <-> compact bytes, checked against the budget on the way back in; a draft made against an
// earlier version of the budget keeps what still applies.
#include "draft_codec.h"

#include <cstdint>

#include "byte_codec.h"
#include "choices_codec.h"
#include "submission.h"
#include "submission_rules.h"

namespace budget {

namespace {

constexpr unsigned kDraftVersion = 3;

// An index's id, or one no budget can have (ids are [a-z0-9_-]) so a bad index never decodes.
template <class Items>
std::string id_at(const Items& items, std::size_t i) {
    return i < items.size() ? items[i].id : "#" + std::to_string(i);
}

bool decode_v1(const Budget& b, ByteReader& in, Draft& d) {
    std::string choices;
    std::size_t comments = 0, answers = 0;
    if (!in.text(choices) || !decode_choices(b, choices, d.choices) || !in.text(d.overall_comment) ||
        d.overall_comment.size() > kMaxCommentBytes || !in.count(comments))
        return false;
    for (std::size_t k = 0; k < comments; ++k) {
        std::uint64_t service = 0;
        std::string text;
        if (!in.varint(service) || service >= b.services.size() || !in.text(text) || text.size() > kMaxCommentBytes) return false;
        d.service_comments.emplace_back(static_cast<std::size_t>(service), std::move(text));
    }
    if (!in.boolean(d.demographics_consent) || !in.count(answers)) return false;
    for (std::size_t k = 0; k < answers; ++k) {
        std::uint64_t question = 0, option = 0;
        if (!in.varint(question) || question >= b.demographics.size() || !in.varint(option) ||
            option >= b.demographics[static_cast<std::size_t>(question)].options.size())
            return false;
        d.demographics.emplace_back(static_cast<std::size_t>(question), static_cast<std::size_t>(option));
    }
    return true;
}

bool on_lever(const Service& s, std::int64_t bp) {
    return !s.locked && bp >= s.min_bp && bp <= s.max_bp && s.step_bp > 0 && (bp - s.min_bp) % s.step_bp == 0;
}

bool on_council_tax_lever(const CouncilTax& ct, std::int64_t bp) {
    if (bp < ct.lever_min_bp || bp > ct.lever_max_bp) return false;
    return ct.lever_step_bp > 0 && (bp - ct.lever_min_bp) % ct.lever_step_bp == 0;
}

// Version 2. `strict`: the same version of the budget, where every id must be there and every value fit.
bool decode_v2(const Budget& b, ByteReader& in, Draft& d, bool& changed) {
    std::string budget_id;
    std::int64_t version = 0;
    if (!in.text(budget_id) || budget_id != b.id || !in.number(version, 0, INT64_MAX)) return false;
    changed = version != b.version;
    const bool strict = !changed;
    std::size_t n = 0;
    if (!in.count(n)) return false;
    for (std::size_t k = 0; k < n; ++k) {
        std::string id;
        std::int64_t bp = 0;
        if (!in.text(id) || !in.number(bp, -1'000'000, 1'000'000)) return false;
        const auto i = b.find_service(id);
        if (i && (on_lever(b.services[*i], bp) || (bp == 0 && b.services[*i].locked)))
            d.choices.service_bp[*i] = static_cast<BasisPoints>(bp);
        else if (strict) return false;
    }
    for (int kind = 0; kind < 2; ++kind) {
        if (!in.count(n)) return false;
        for (std::size_t k = 0; k < n; ++k) {
            std::string id;
            if (!in.text(id)) return false;
            const auto i = kind == 0 ? b.find_efficiency(id) : b.find_income(id);
            if (i) (kind == 0 ? d.choices.efficiency_on : d.choices.income_on)[*i] = 1;
            else if (strict) return false;
        }
    }
    std::int64_t tax = 0;
    if (!in.number(tax, -1'000'000, 1'000'000)) return false;
    if (on_council_tax_lever(b.council_tax, tax)) d.choices.council_tax_bp = static_cast<BasisPoints>(tax);
    else if (strict) return false;
    if (!in.text(d.overall_comment) || d.overall_comment.size() > kMaxCommentBytes || !in.count(n)) return false;
    for (std::size_t k = 0; k < n; ++k) {
        std::string id, text;
        if (!in.text(id) || !in.text(text) || text.size() > kMaxCommentBytes) return false;
        if (const auto i = b.find_service(id)) d.service_comments.emplace_back(*i, std::move(text));
        else if (strict) return false;
    }
    if (!in.boolean(d.demographics_consent) || !in.count(n)) return false;
    for (std::size_t k = 0; k < n; ++k) {
        std::string question, option;
        if (!in.text(question) || !in.text(option)) return false;
        const auto q = find_demographic(b, question);
        const auto o = q ? find_demographic_option(b, *q, option) : std::nullopt;
        if (q && o) d.demographics.emplace_back(*q, *o);
        else if (strict) return false;
    }
    // What was kept must still make choices this budget accepts (the cap, options on locked lines).
    Choices checked;
    if (!decode_choices(b, encode_choices(b, d.choices), checked)) {
        if (strict) return false;
        d.choices = default_choices(b);
    }
    return true;
}

}  // namespace

std::string encode_draft(const Budget& b, const Draft& d) {
    ByteWriter out;
    out.u8(kDraftVersion);
    out.text(b.id);
    out.svarint(b.version);
    std::size_t moved = 0;
    for (std::size_t i = 0; i < d.choices.service_bp.size() && i < b.services.size(); ++i) moved += d.choices.service_bp[i] != 0;
    out.varint(moved);
    for (std::size_t i = 0; i < d.choices.service_bp.size() && i < b.services.size(); ++i)
        if (d.choices.service_bp[i] != 0) {
            out.text(b.services[i].id);
            out.svarint(d.choices.service_bp[i]);
        }
    for (int kind = 0; kind < 2; ++kind) {
        const auto& on = kind == 0 ? d.choices.efficiency_on : d.choices.income_on;
        std::size_t taken = 0;
        for (char c : on) taken += c != 0;
        out.varint(taken);
        for (std::size_t i = 0; i < on.size(); ++i)
            if (on[i]) out.text(kind == 0 ? id_at(b.efficiencies, i) : id_at(b.incomes, i));
    }
    out.svarint(d.choices.council_tax_bp);
    out.text(d.overall_comment);
    out.varint(d.service_comments.size());
    for (const auto& [service, text] : d.service_comments) {
        out.text(id_at(b.services, service));
        out.text(text);
    }
    out.boolean(d.demographics_consent);
    out.varint(d.demographics.size());
    for (const auto& [question, option] : d.demographics) {
        const bool known = question < b.demographics.size();
        out.text(known ? b.demographics[question].id : "#" + std::to_string(question));
        out.text(known && option < b.demographics[question].options.size() ? b.demographics[question].options[option].first
                                                                             : "#" + std::to_string(option));
    }
    out.text(ratings_to_codes(b, d.ratings));
    return std::move(out.bytes());
}

bool decode_draft(const Budget& b, std::string_view bytes, Draft& out, bool* budget_changed) {
    out = Draft{};
    out.choices = default_choices(b);
    if (budget_changed) *budget_changed = false;
    Draft d;
    d.choices = default_choices(b);
    ByteReader in(bytes);
    unsigned version = 0;
    bool changed = false;
    if (!in.u8(version)) return false;
    bool read = version == 1 ? decode_v1(b, in, d) : (version == 2 || version == 3) && decode_v2(b, in, d, changed);
    if (read && version == 3) {
        std::string codes;
        std::optional<Ratings> ratings;
        read = in.text(codes) && (ratings = ratings_from_codes(b, codes)).has_value();
        if (read) d.ratings = std::move(*ratings);
    }
    if (!read || !in.done()) return false;
    out = std::move(d);
    if (budget_changed) *budget_changed = changed;
    return true;
}

}  // namespace budget
