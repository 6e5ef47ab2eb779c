// Reading gettext .po text into a catalogue.
#include "message_catalogue.h"

#include <algorithm>

namespace budget {

namespace {

// One quoted .po string starting at `line[at]` == '"', unescaped into `out`; false if malformed.
bool quoted(std::string_view line, std::size_t at, std::string& out) {
    if (at >= line.size() || line[at] != '"') return false;
    for (std::size_t i = at + 1; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"') return line.find_first_not_of(" \t\r", i + 1) == std::string_view::npos;
        if (c != '\\') { out += c; continue; }
        if (++i >= line.size()) return false;
        switch (line[i]) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            default: return false;
        }
    }
    return false;  // no closing quote
}

std::string_view trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) return {};
    return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

bool MessageCatalogue::read(std::string_view po, Problem& problem) {
    messages_.clear();
    enum class Field { None, Id, Str };
    Field field = Field::None;
    std::string id, str;
    bool have_id = false, have_str = false;
    int line_no = 0;
    const auto fail = [&](const char* code, const std::string& message) {
        problem = Problem{code, "", line_no, 1, message};
        messages_.clear();
        return false;
    };
    const auto finish = [&]() {
        if (have_id && !id.empty() && !str.empty()) messages_[id] = str;
        id.clear();
        str.clear();
        have_id = have_str = false;
        field = Field::None;
    };
    std::size_t at = 0;
    while (at <= po.size()) {
        const std::size_t end = std::min(po.find('\n', at), po.size());
        const std::string_view line = trimmed(po.substr(at, end - at));
        at = end + 1;
        ++line_no;
        if (line.empty()) { if (have_str) finish(); continue; }
        if (line[0] == '#') continue;
        if (line.rfind("msgctxt", 0) == 0 || line.rfind("msgid_plural", 0) == 0 || line.rfind("msgstr[", 0) == 0)
            return fail("po.unsupported", "contexts and plural forms are not supported");
        if (line.rfind("msgid ", 0) == 0) {
            if (have_str) finish();
            if (have_id) return fail("po.malformed", "msgid without a msgstr before it");
            have_id = true;
            field = Field::Id;
            if (!quoted(line, line.find('"'), id)) return fail("po.malformed", "expected a quoted string after msgid");
        } else if (line.rfind("msgstr ", 0) == 0) {
            if (!have_id || have_str) return fail("po.malformed", "msgstr without a msgid");
            have_str = true;
            field = Field::Str;
            if (!quoted(line, line.find('"'), str)) return fail("po.malformed", "expected a quoted string after msgstr");
        } else if (line[0] == '"') {
            std::string& target = field == Field::Id ? id : str;
            if (field == Field::None || !quoted(line, 0, target)) return fail("po.malformed", "a quoted line belongs after msgid or msgstr");
        } else {
            return fail("po.malformed", "expected msgid, msgstr, a quoted line or a comment");
        }
    }
    if (have_id && !have_str) return fail("po.malformed", "the last msgid has no msgstr");
    finish();
    return true;
}

std::string_view MessageCatalogue::translate(std::string_view english) const {
    const auto it = messages_.find(english);
    return it == messages_.end() ? english : std::string_view(it->second);
}

bool MessageCatalogue::has(std::string_view english) const { return messages_.find(english) != messages_.end(); }

}  // namespace budget
