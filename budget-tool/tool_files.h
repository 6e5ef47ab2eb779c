// Files and numbers for budget-tool's commands: files read with a size bound and written whole or not
// at all; whole-number arguments read strictly; a file's problems printed.
#pragma once
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "problem.h"

namespace tool {

// The file's bytes, stopping once past `limit` (the caller's reader then reports it too large);
// nullopt when it cannot be read.
std::optional<std::string> read_bounded(const std::string& path, std::size_t limit);

// Writes beside `path`, then renames, so no reader sees half a file. Prints "PATH: cannot write the
// file" and returns false on failure.
bool write_whole(const std::string& path, const std::string& bytes);

// A whole number of at most `max_digits` digits and nothing else (no sign, no spaces).
bool parse_u64(const std::string& text, std::uint64_t& out, std::size_t max_digits = 19);

// Each problem as "FILE: ...", then each warning as "warning: FILE: ...", on standard error.
void print_problems(const budget::Problems& problems, const budget::Problems& warnings, const std::string& file);

}  // namespace tool
