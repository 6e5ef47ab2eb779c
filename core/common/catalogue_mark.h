// N_() marks English words for a .po catalogue where they are defined; they are translated where shown.
#pragma once

namespace budget {

constexpr const char* N_(const char* english) { return english; }

}  // namespace budget
