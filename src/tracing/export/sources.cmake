# Sources of src/tracing/export: one folder per format, encode only.
target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/encoding_exporter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/factory.cpp
  ${CMAKE_CURRENT_LIST_DIR}/network_exporters.cpp
)
include(${CMAKE_CURRENT_LIST_DIR}/console/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/file/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/otlp/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/zipkin/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/jaeger/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/memory/sources.cmake)
