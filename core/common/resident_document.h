// Limits every document a resident sends (a budget submission or a ballot vote) shares, and its id rule.
#pragma once
#include <cstddef>
#include <string>

#include "json_document.h"

namespace budget {

// The longest comment a resident may write, in bytes.
constexpr std::size_t kMaxCommentBytes = 4000;

// Limits for one document (the server's body limit is larger than any valid one).
JsonLimits submission_limits();

// Checks a submission id: 8-64 characters of A-Z, a-z, 0-9, '-' or '_'.
bool valid_submission_id(const std::string& id);

}  // namespace budget
