# Sources of src/tracing/propagation (listed explicitly).
target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/composite.cpp
  ${CMAKE_CURRENT_LIST_DIR}/w3c/trace_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/w3c/trace_state.cpp
  ${CMAKE_CURRENT_LIST_DIR}/w3c/baggage_propagator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/b3/b3_propagator.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jaeger/jaeger_propagator.cpp
)
