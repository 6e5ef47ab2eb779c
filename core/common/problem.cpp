// Formatting of problems for command-line and log output.
#include "problem.h"

namespace budget {

std::string format_problem(const Problem& p, std::string_view file) {
    std::string out(file);
    if (!p.place.empty()) return out + ':' + p.place + ": " + p.message + " [" + p.code + "]";
    if (p.line == 0 && p.pointer.empty()) return out + ": " + p.message + " [" + p.code + "]";  // the whole file
    out += ':' + std::to_string(p.line) + ':' + std::to_string(p.column) + ": ";
    out += p.pointer.empty() ? std::string("/") : p.pointer;
    out += ": " + p.message + " [" + p.code + "]";
    return out;
}

}  // namespace budget
