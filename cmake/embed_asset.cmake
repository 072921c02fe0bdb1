# Writes a C++ source that returns the bytes of a file as a std::string_view.
# Run as a script: cmake -DINPUT=<file> -DOUTPUT=<cpp> -DFUNCTION=<name>
#   -DNAMESPACE=<ns> -P embed_asset.cmake
# The text goes into a raw string literal; a file that contains the literal's
# closing delimiter is refused rather than cut short.
file(READ "${INPUT}" content)
set(delimiter "PARLEY_ASSET")
string(FIND "${content}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )${delimiter}\"")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by cmake/embed_asset.cmake; do not edit.\n"
  "#include <string_view>\n\n"
  "namespace ${NAMESPACE} {\n"
  "std::string_view ${FUNCTION}() noexcept {\n"
  "  static constexpr std::string_view kText = R\"${delimiter}(${content})${delimiter}\";\n"
  "  return kText;\n"
  "}\n"
  "}  // namespace ${NAMESPACE}\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
