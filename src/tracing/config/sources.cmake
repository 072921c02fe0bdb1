# Sources of src/tracing/config (listed explicitly).
target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/env.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parse.cpp
  ${CMAKE_CURRENT_LIST_DIR}/resolver.cpp
  ${CMAKE_CURRENT_LIST_DIR}/finalize.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exporters.cpp
  ${CMAKE_CURRENT_LIST_DIR}/settings.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/describe.cpp
)
# parley-config-doc (prints docs/CONFIGURATION.md from the registry) is added
# in src/tracing/CMakeLists.txt from config/config_doc_main.cpp.
