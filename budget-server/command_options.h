// The "--name value" options of budget-server's shell commands (officer, codes), read one way.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace server {

// Reads args[from...] as "--name value" pairs into `out`, each name one of `allowed`. False with
// `error` ("missing value for --x", "unknown option --x") at the first that is not.
inline bool read_options(const std::vector<std::string>& args, std::size_t from, const std::vector<std::string>& allowed,
                         std::map<std::string, std::string>& out, std::string& error) {
    for (std::size_t i = from; i < args.size(); i += 2) {
        if (i + 1 >= args.size()) {
            error = "missing value for " + args[i];
            return false;
        }
        bool known = false;
        for (const auto& a : allowed) known = known || a == args[i];
        if (!known) {
            error = "unknown option " + args[i];
            return false;
        }
        out[args[i]] = args[i + 1];
    }
    return true;
}

}  // namespace server
