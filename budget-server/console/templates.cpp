// Loading the console's templates: translation of {{_ ... _}} markers, then ctemplate's cache.
#include "templates.h"

#include <cstring>

#include "embedded_file.h"
#include "http_rules.h"

extern const EmbeddedFile kConsoleFiles[];
extern const unsigned kConsoleFiles_count;

namespace server::console {

namespace {

bool ends_with(std::string_view s, std::string_view end) { return s.size() >= end.size() && s.substr(s.size() - end.size()) == end; }

}  // namespace

Templates::Templates() : Templates(kConsoleFiles, kConsoleFiles_count) {}

std::string Templates::name(std::string_view file, Lang lang) { return std::string(file) + (lang == Lang::Cy ? "@cy" : "@en"); }

std::string_view Templates::translate(Lang lang, std::string_view english) const {
    return lang == Lang::Cy ? welsh_.translate(english) : english;
}

bool Templates::load(std::string& error) {
    for (unsigned i = 0; i < count_; ++i) {
        if (std::strcmp(files_[i].name, "cy.po") != 0) continue;
        budget::Problem problem;
        if (!welsh_.read(files_[i].text, problem)) {
            error = "cy.po: " + problem.message;
            return false;
        }
    }
    for (unsigned i = 0; i < count_; ++i) {
        const std::string_view file = files_[i].name;
        if (!ends_with(file, ".tpl")) continue;
        for (Lang lang : {Lang::En, Lang::Cy}) {
            const std::string_view text = files_[i].text;
            std::string out;
            std::size_t at = 0;
            for (;;) {
                const auto open = text.find("{{_ ", at);
                if (open == std::string_view::npos) break;
                const auto close = text.find(" _}}", open);
                if (close == std::string_view::npos) {
                    error = std::string(file) + ": a {{_ marker is not closed";
                    return false;
                }
                out.append(text.substr(at, open - at));
                out += escape_markup(translate(lang, text.substr(open + 4, close - open - 4)));
                at = close + 4;
            }
            out.append(text.substr(at));
            if (!ctemplate::StringToTemplateCache(name(file, lang), out, ctemplate::STRIP_BLANK_LINES)) {
                error = std::string(file) + ": ctemplate cannot read it";
                return false;
            }
        }
    }
    return true;
}

std::string Templates::expand(std::string_view file, Lang lang, const ctemplate::TemplateDictionary& dict) const {
    std::string out;
    ctemplate::ExpandTemplate(name(file, lang), ctemplate::STRIP_BLANK_LINES, &dict, &out);
    return out;
}

const char* Templates::asset(std::string_view file) const {
    for (unsigned i = 0; i < count_; ++i)
        if (file == files_[i].name && ends_with(file, ".css")) return files_[i].text;
    return nullptr;
}

}  // namespace server::console
