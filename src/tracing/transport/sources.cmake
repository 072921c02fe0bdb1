# Sources of src/tracing/transport (listed explicitly).
target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/http_transport.cpp
  ${CMAKE_CURRENT_LIST_DIR}/resilient_transport.cpp
)
