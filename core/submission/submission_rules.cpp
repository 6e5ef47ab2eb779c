// Rules a submission must meet, shared by the full validator and the fast reader.
#include "submission_rules.h"

namespace budget {

bool comment_fits(std::string_view text) { return text.size() <= kMaxCommentBytes; }

std::optional<std::size_t> find_demographic(const Budget& b, std::string_view question) {
    for (std::size_t i = 0; i < b.demographics.size(); ++i)
        if (b.demographics[i].id == question) return i;
    return std::nullopt;
}

std::optional<std::size_t> find_demographic_option(const Budget& b, std::size_t question, std::string_view option) {
    const auto& options = b.demographics[question].options;
    for (std::size_t i = 0; i < options.size(); ++i)
        if (options[i].first == option) return i;
    return std::nullopt;
}

}  // namespace budget
