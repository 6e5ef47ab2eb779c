// Files for budget-tool's commands: read with a size bound, and written whole or not at all.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

namespace tool {

// The file's bytes, stopping once past `limit` (the caller's reader then reports it too large);
// nullopt when it cannot be read.
std::optional<std::string> read_bounded(const std::string& path, std::size_t limit);

// Writes beside `path`, then renames, so no reader sees half a file. Prints "PATH: cannot write the
// file" and returns false on failure.
bool write_whole(const std::string& path, const std::string& bytes);

}  // namespace tool
