// A file carried inside the program (templates, styles, catalogues; see cmake/embed_files.cmake).
#pragma once

struct EmbeddedFile {
    const char* name;
    const char* text;
};
