// Resident-facing text in English and, where the file provides it, Welsh.
#pragma once
#include <string>

namespace budget {

struct LocalText {
    std::string en;
    std::string cy;
    const std::string& in(const std::string& language) const { return (language == "cy" && !cy.empty()) ? cy : en; }
};

}  // namespace budget
