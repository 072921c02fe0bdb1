# Configuration tests: every variable (good, bad, precedence), the OTLP URL
# rules, the parsers, the registry and its generated docs.
parley_unit_test(parley_unit_config
  ${CMAKE_CURRENT_LIST_DIR}/variables_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/precedence_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/exporters_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/registry_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/parse_test.cpp)
target_compile_definitions(parley_unit_config PRIVATE PARLEY_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
