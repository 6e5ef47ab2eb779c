# Writes a copy of ImGui's imgui_draw.cpp whose atlas never falls back to the built-in ProggyClean
# font, so the linker drops its 12 KB of data from the app (which always loads its own TTF).
# Usage: cmake -DIN=imgui_draw.cpp -DOUT=... -P imgui_without_builtin_font.cmake
file(READ "${IN}" source)
set(fallback "    if (ConfigData.Size == 0)\n        AddFontDefault();\n")
string(FIND "${source}" "${fallback}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "${IN}: the built-in font fallback in ImFontAtlas::Build() was not found (ImGui changed?)")
endif()
string(REPLACE "${fallback}"
  "    IM_ASSERT(ConfigData.Size > 0 && \"this build has no built-in font: add one before building the atlas\");\n"
  source "${source}")
file(WRITE "${OUT}.tmp" "${source}")
file(RENAME "${OUT}.tmp" "${OUT}")
