parley_unit_test(parley_unit_export
  ${CMAKE_CURRENT_LIST_DIR}/encoders_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/otlp_encoders_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/transport_test.cpp
)
target_link_libraries(parley_unit_export PRIVATE ZLIB::ZLIB)
