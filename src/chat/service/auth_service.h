// auth_service.h — accounts, passwords and bearer tokens.
//
// Passwords are stored as libsodium crypto_pwhash_str strings (Argon2id,
// the "interactive" cost: tens of milliseconds and 64 MiB per hash, by
// design). A login with an unknown username still runs one verification, so
// timing does not tell which usernames exist. Tokens are 32 random bytes
// (hex); only their BLAKE2b hash is stored, with an expiry.
//
// Spans: user.authenticate (with user.id once known) around a login.
// Thread-safety: shared; libsodium is initialised once in the constructor.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/chat_store.h"

namespace parley::chat {

struct Session {
  std::string token;
  std::int64_t expires_in_seconds = 0;
};

class AuthService {
 public:
  AuthService(ChatStore& store, std::chrono::seconds token_ttl);

  // Null when the username is taken.
  std::optional<User> register_user(std::string_view username, std::string_view password);
  // Null on bad credentials.
  std::optional<Session> login(std::string_view username, std::string_view password);
  // The user holding a live token (the value after "Bearer ").
  std::optional<User> authenticate_token(std::string_view token);
  // The token of an "Authorization: Bearer <token>" header value, if any.
  static std::optional<std::string_view> bearer_token(std::string_view authorization);

 private:
  std::string hash_token(std::string_view token) const;
  ChatStore& store_;
  std::chrono::seconds token_ttl_;
  std::string dummy_hash_;  // verified against when the username is unknown
};

}  // namespace parley::chat
