parley_unit_test(parley_unit_core
  ${CMAKE_CURRENT_LIST_DIR}/ids_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/span_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/context_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sampling_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/processing_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/console_test.cpp
)
