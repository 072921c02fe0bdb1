// chat_services.h — the services a request handler may call, in one bundle.
//
// Built once in main() and shared by every session; each member is
// thread-safe on its own.
#pragma once

namespace parley::chat {

class AuthService;
class ChatStore;
class MessageService;
class RoomHub;

struct ChatServices {
  ChatStore& store;
  AuthService& auth;
  MessageService& messages;
  RoomHub& hub;
};

}  // namespace parley::chat
