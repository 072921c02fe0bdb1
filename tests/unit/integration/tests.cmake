# Integration adapters (Asio coroutines, spdlog): their own executable so the
# Boost-heavy translation units stay out of the core suite.
find_package(Boost 1.81 REQUIRED CONFIG)
find_package(spdlog REQUIRED)
parley_unit_test(parley_unit_integration
  ${CMAKE_CURRENT_LIST_DIR}/coroutine_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/spdlog_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/beast_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/boost_json_test.cpp
)
target_link_libraries(parley_unit_integration PRIVATE Boost::headers spdlog::spdlog)
