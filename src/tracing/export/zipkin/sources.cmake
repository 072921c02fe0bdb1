# Sources of src/tracing/export/zipkin (listed explicitly).
target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/zipkin_json_encoder.cpp
)
