// `budget-server codes create|count`: one-time voter codes for a ballot, from the shell.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace server {

// args: what follows "codes". Returns the exit code: 0 done, 1 failed (the reason on `err`), 2 a usage mistake.
int codes_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace server
