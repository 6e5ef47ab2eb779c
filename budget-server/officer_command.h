// `budget-server officer add|list|remove|password`: manages console officers from the shell.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace server {

// args: what follows "officer". Passwords are read from `in` (one line). Returns the exit code:
// 0 done, 1 refused or failed (the reason on `err`), 2 a usage mistake.
int officer_command(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace server
