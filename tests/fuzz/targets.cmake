# One line per fuzz target: parley_fuzz_target(<name> <source>).
parley_fuzz_target(config ${CMAKE_CURRENT_LIST_DIR}/config_fuzz.cpp)
