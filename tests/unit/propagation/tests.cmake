find_package(Boost 1.81 REQUIRED CONFIG)
parley_unit_test(parley_unit_propagation
  ${CMAKE_CURRENT_LIST_DIR}/w3c_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trace_state_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/baggage_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/b3_jaeger_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/composite_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/carrier_test.cpp
)
target_link_libraries(parley_unit_propagation PRIVATE Boost::headers)
