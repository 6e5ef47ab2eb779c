// Server-made pages (the console's, the annual report's): ctemplate templates (HTML auto-escaping on
// every variable) carried in the program, with their words translated when loaded ({{_ English _}}
// markers, Welsh from the set's cy.po).
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include <ctemplate/template.h>

#include "embedded_file.h"
#include "message_catalogue.h"

namespace server::console {

enum class Lang { En, Cy };

class Templates {
public:
    // A set of embedded files: its .tpl templates (names unique across sets: ctemplate has one cache),
    // its cy.po and its .css assets. Without arguments, the console's.
    Templates();
    Templates(const EmbeddedFile* files, unsigned count) : files_(files), count_(count) {}
    // Loads and checks every template in both languages. False with `error` when one is broken.
    bool load(std::string& error);
    // The cache name of a template in a language (for includes: SetFilename(name(...))).
    static std::string name(std::string_view file, Lang lang);
    std::string expand(std::string_view file, Lang lang, const ctemplate::TemplateDictionary& dict) const;
    std::string_view translate(Lang lang, std::string_view english) const;
    // A static file of the console (its stylesheet), or null.
    const char* asset(std::string_view file) const;

private:
    const EmbeddedFile* files_;
    unsigned count_;
    budget::MessageCatalogue welsh_;
};

}  // namespace server::console
