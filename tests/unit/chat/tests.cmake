# parley-chat unit tests: request parsers, store, retrieval, auth, room hub.
# Only when the chat server is part of the build.
if(NOT PARLEY_BUILD_CHAT)
  return()
endif()
parley_unit_test(parley_unit_chat
  ${CMAKE_CURRENT_LIST_DIR}/json_codec_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/store_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/retriever_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/auth_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/room_hub_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/trace_api_test.cpp
)
target_link_libraries(parley_unit_chat PRIVATE parley::chat)
