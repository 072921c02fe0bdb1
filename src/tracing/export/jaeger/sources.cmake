# Sources of src/tracing/export/jaeger (listed explicitly).
target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/jaeger_thrift_encoder.cpp
  ${CMAKE_CURRENT_LIST_DIR}/jaeger_udp_exporter.cpp
)
