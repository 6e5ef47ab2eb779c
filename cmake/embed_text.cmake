# Writes OUT, a C++ source defining `const char NAME[]` with the text of IN (a raw string literal),
# so the app carries its message catalogue (wasm/po/*.po) without a download.
file(READ "${IN}" _text)
string(FIND "${_text}" ")po\"" _clash)
if(NOT _clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw string's end marker )po\"")
endif()
file(WRITE "${OUT}.tmp" "// Generated from ${IN} by wasm/embed_text.cmake; do not edit.\nextern const char ${NAME}[];\nconst char ${NAME}[] = R\"po(${_text})po\";\n")
file(RENAME "${OUT}.tmp" "${OUT}")
