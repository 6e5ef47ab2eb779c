// Limits every document a resident sends (a budget submission or a ballot vote) shares, and its id rule.
#include "resident_document.h"

#include <algorithm>

namespace budget {

JsonLimits submission_limits() {
    JsonLimits l;
    l.max_bytes = 64 * 1024;
    l.max_depth = 8;
    l.max_values = 4096;
    l.max_string_bytes = kMaxCommentBytes + 64;
    return l;
}

bool valid_submission_id(const std::string& id) {
    return id.size() >= 8 && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
               return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
           });
}

}  // namespace budget
