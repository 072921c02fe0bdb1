# parley-chat's body parsers as a libFuzzer target: the parser source and
# Boost.JSON (header-only) compiled into the target, no server needed.
find_package(Boost 1.81 REQUIRED CONFIG)
parley_fuzz_target(chat_body ${CMAKE_CURRENT_LIST_DIR}/chat_body_fuzz.cpp)
target_sources(chat_body_fuzz PRIVATE ${PROJECT_SOURCE_DIR}/src/chat/http/json_codec.cpp
                                      ${PROJECT_SOURCE_DIR}/src/chat/json_impl.cpp)
target_include_directories(chat_body_fuzz PRIVATE ${PROJECT_SOURCE_DIR}/src/chat)
target_link_libraries(chat_body_fuzz PRIVATE Boost::headers)
