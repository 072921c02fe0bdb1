parley_unit_test(parley_unit_propagation
  ${CMAKE_CURRENT_LIST_DIR}/w3c_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/b3_jaeger_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/composite_test.cpp
)
