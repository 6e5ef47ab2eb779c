// Message catalogues: the words of the app in another language, read from a gettext .po file (the
// format Welsh translators open in Poedit). English is the message id; a missing or empty
// translation falls back to it.
#pragma once
#include <string>
#include <string_view>
#include <map>

#include "problem.h"

namespace budget {

class MessageCatalogue {
public:
    // Reads .po text: msgid/msgstr pairs, each string possibly over several quoted lines, with C
    // escapes (\" \\ \n \t); comments and the header entry (empty msgid) are skipped. Plural forms
    // and contexts are refused as unsupported. On a problem, the catalogue is left empty.
    bool read(std::string_view po, Problem& problem);
    // The translation of `english`, or `english` itself when there is none.
    std::string_view translate(std::string_view english) const;
    bool has(std::string_view english) const;
    std::size_t size() const { return messages_.size(); }

private:
    std::map<std::string, std::string, std::less<>> messages_;  // found by string_view, with no copy
};

}  // namespace budget
