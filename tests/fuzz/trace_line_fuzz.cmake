# parley-trace's line reader, grouping and service map as a libFuzzer target:
# the tool's sources and Boost.JSON (header-only) compiled into the target.
find_package(Boost 1.81 REQUIRED CONFIG)
parley_fuzz_target(trace_line ${CMAKE_CURRENT_LIST_DIR}/trace_line_fuzz.cpp)
target_sources(trace_line_fuzz PRIVATE ${PROJECT_SOURCE_DIR}/tools/trace/otlp_lines.cpp
                                       ${PROJECT_SOURCE_DIR}/tools/trace/trace_set.cpp
                                       ${PROJECT_SOURCE_DIR}/tools/trace/service_map.cpp
                                       ${PROJECT_SOURCE_DIR}/tools/common/boost_json.cpp)
target_include_directories(trace_line_fuzz PRIVATE ${PROJECT_SOURCE_DIR}/tools/trace)
target_compile_definitions(trace_line_fuzz PRIVATE BOOST_JSON_NO_LIB BOOST_CONTAINER_NO_LIB)
target_link_libraries(trace_line_fuzz PRIVATE Boost::headers)
