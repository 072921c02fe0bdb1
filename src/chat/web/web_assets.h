// web_assets.h — the pages parley-chat serves, compiled into the binary from
// src/chat/web/*.html at build time (cmake/embed_asset.cmake), so the server
// needs no files beside it.
#pragma once

#include <string_view>

namespace parley::chat {

std::string_view chat_page_html() noexcept;   // GET / on the chat address
std::string_view trace_page_html() noexcept;  // GET /debug/traces on the admin address

}  // namespace parley::chat
