# Sources of src/tracing/export/otlp (listed explicitly).
target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/otlp_json_encoder.cpp
)
target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/otlp_proto_encoder.cpp
)
