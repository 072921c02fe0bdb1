# One line per fuzz target: parley_fuzz_target(<name> <source>).
parley_fuzz_target(config ${CMAKE_CURRENT_LIST_DIR}/config_fuzz.cpp)
parley_fuzz_target(traceparent ${CMAKE_CURRENT_LIST_DIR}/traceparent_fuzz.cpp)
parley_fuzz_target(tracestate ${CMAKE_CURRENT_LIST_DIR}/tracestate_fuzz.cpp)
parley_fuzz_target(baggage ${CMAKE_CURRENT_LIST_DIR}/baggage_fuzz.cpp)
parley_fuzz_target(b3 ${CMAKE_CURRENT_LIST_DIR}/b3_fuzz.cpp)
parley_fuzz_target(jaeger ${CMAKE_CURRENT_LIST_DIR}/jaeger_fuzz.cpp)
include(${CMAKE_CURRENT_LIST_DIR}/chat_body_fuzz.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/trace_line_fuzz.cmake)
