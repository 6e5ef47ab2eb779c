// Draft <-> compact bytes, checked against the budget on the way back in.
#include "draft_codec.h"

#include "byte_codec.h"
#include "choices_codec.h"
#include "submission.h"

namespace budget {

std::string encode_draft(const Budget& b, const Draft& d) {
    ByteWriter out;
    out.u8(1);
    out.text(encode_choices(b, d.choices));
    out.text(d.overall_comment);
    out.varint(d.service_comments.size());
    for (const auto& [service, text] : d.service_comments) {
        out.varint(service);
        out.text(text);
    }
    out.boolean(d.demographics_consent);
    out.varint(d.demographics.size());
    for (const auto& [question, option] : d.demographics) {
        out.varint(question);
        out.varint(option);
    }
    return std::move(out.bytes());
}

bool decode_draft(const Budget& b, std::string_view bytes, Draft& out) {
    out = Draft{};
    out.choices = default_choices(b);
    Draft d;
    ByteReader in(bytes);
    unsigned version = 0;
    std::string choices;
    std::size_t comments = 0, answers = 0;
    if (!in.u8(version) || version != 1 || !in.text(choices) || !decode_choices(b, choices, d.choices) ||
        !in.text(d.overall_comment) || d.overall_comment.size() > kMaxCommentBytes || !in.count(comments))
        return false;
    for (std::size_t k = 0; k < comments; ++k) {
        std::uint64_t service = 0;
        std::string text;
        if (!in.varint(service) || service >= b.services.size() || !in.text(text) || text.size() > kMaxCommentBytes)
            return false;
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
    if (!in.done()) return false;
    out = std::move(d);
    return true;
}

}  // namespace budget
