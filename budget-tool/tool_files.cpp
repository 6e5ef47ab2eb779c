// Bounded reads and whole-file writes (temporary file, then rename).
#include "tool_files.h"

#include <cstdio>
#include <fstream>
#include <iostream>

namespace tool {

std::optional<std::string> read_bounded(const std::string& path, std::size_t limit) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string out;
    char buffer[64 * 1024];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        out.append(buffer, static_cast<std::size_t>(in.gcount()));
        if (out.size() > limit) return out;
    }
    if (in.bad()) return std::nullopt;
    return out;
}

bool write_whole(const std::string& path, const std::string& bytes) {
    const std::string temp = path + ".tmp";
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) {
            std::remove(temp.c_str());
            std::cerr << path << ": cannot write the file\n";
            return false;
        }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        std::remove(temp.c_str());
        std::cerr << path << ": cannot write the file\n";
        return false;
    }
    return true;
}

bool parse_u64(const std::string& text, std::uint64_t& out, std::size_t max_digits) {
    if (text.empty() || text.size() > max_digits || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
        return false;
    out = std::stoull(text);
    return true;
}

void print_problems(const budget::Problems& problems, const budget::Problems& warnings, const std::string& file) {
    for (const auto& p : problems) std::cerr << budget::format_problem(p, file) << "\n";
    for (const auto& w : warnings) std::cerr << "warning: " << budget::format_problem(w, file) << "\n";
}

}  // namespace tool
