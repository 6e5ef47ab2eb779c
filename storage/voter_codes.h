// Voter codes as the database keeps them: a hash of the consultation and the code (BLAKE2b, libsodium),
// never the code itself, which exists in the clear only on the printed slips.
#pragma once
#include <string>

namespace storage {

// 64 hex digits. `code` is canonical (core's normalise_voter_code).
std::string hash_voter_code(const std::string& consultation, const std::string& code);

}  // namespace storage
