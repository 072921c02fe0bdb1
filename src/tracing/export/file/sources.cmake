target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/file_transport.cpp
)
