target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/console_exporter.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trace_tree.cpp
)
