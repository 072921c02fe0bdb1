parley_unit_test(parley_unit_config ${CMAKE_CURRENT_LIST_DIR}/config_test.cpp)
target_compile_definitions(parley_unit_config PRIVATE PARLEY_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
