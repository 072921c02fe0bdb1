target_sources(parley_tracing PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ids.cpp
  ${CMAKE_CURRENT_LIST_DIR}/clock.cpp
  ${CMAKE_CURRENT_LIST_DIR}/attribute.cpp
  ${CMAKE_CURRENT_LIST_DIR}/json_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/percent_encoding.cpp
  ${CMAKE_CURRENT_LIST_DIR}/span_record.cpp
  ${CMAKE_CURRENT_LIST_DIR}/resource.cpp
  ${CMAKE_CURRENT_LIST_DIR}/context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/baggage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/span.cpp
  ${CMAKE_CURRENT_LIST_DIR}/tracer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runtime.cpp
  ${CMAKE_CURRENT_LIST_DIR}/log.cpp
)
