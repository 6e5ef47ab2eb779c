// One-line logs on stderr with a UTC timestamp. Never pass client addresses or user agents here.
#pragma once
#include <string>

namespace server {
void log_line(const std::string& message);
}
