# parley-trace's reader, analysis and service map (tools/trace).
parley_unit_test(parley_trace_tool_test
  ${CMAKE_CURRENT_LIST_DIR}/otlp_lines_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trace_set_test.cpp)
target_link_libraries(parley_trace_tool_test PRIVATE parley_trace_reader)
