target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/recent_traces_exporter.cpp
)
