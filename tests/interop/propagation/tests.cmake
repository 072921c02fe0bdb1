# Test-only CLI for the propagation interop suite (run.sh).
find_package(Boost 1.81 REQUIRED CONFIG)
add_executable(parley-propagation-cli ${CMAKE_CURRENT_LIST_DIR}/propagation_cli.cpp)
target_link_libraries(parley-propagation-cli PRIVATE parley::tracing Boost::headers)
