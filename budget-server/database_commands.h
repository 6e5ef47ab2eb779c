// `budget-server migrate|backup|restore`: the database's schema brought up to date before servers
// start, a consistent backup while they run, and a restore, from the shell.
#pragma once
#include <iosfwd>
#include <string>
#include <vector>

namespace server {

// `command` is "migrate", "backup" or "restore"; args: what follows it. Returns the exit code: 0
// done, 1 failed (the reason on `err`), 2 a usage mistake.
int database_command(const std::string& command, const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace server
