// Accounts, passwords and tokens (see auth_service.h).
#include "service/auth_service.h"

#include <sodium.h>

#include <array>
#include <stdexcept>

#include "parley/tracing/tracer.h"

namespace parley::chat {
namespace {

namespace tracing = parley::tracing;

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string hash_password(std::string_view password) {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return std::string(out.data());
}

bool verify_password(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace

AuthService::AuthService(ChatStore& store, std::chrono::seconds token_ttl) : store_(store), token_ttl_(token_ttl) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  dummy_hash_ = hash_password("parley-dummy-password");
}

std::optional<User> AuthService::register_user(std::string_view username, std::string_view password) {
  return store_.create_user(username, hash_password(password));
}

std::optional<Session> AuthService::login(std::string_view username, std::string_view password) {
  auto span = tracing::get_tracer("chat.auth").start_as_current_span("user.authenticate");
  span.set_attribute("user.name", username);
  const auto credentials = store_.find_credentials(username);
  const bool known = credentials.has_value() && !credentials->password_hash.empty();
  const bool verified = verify_password(known ? credentials->password_hash : dummy_hash_, password);
  if (!known || !verified) {
    span.set_attribute("auth.result", "denied");
    return std::nullopt;
  }
  span.set_attribute("user.id", credentials->user_id);
  span.set_attribute("auth.result", "ok");
  std::array<unsigned char, 32> raw{};
  randombytes_buf(raw.data(), raw.size());
  std::array<char, 65> hex{};
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  Session session{std::string(hex.data(), 64), token_ttl_.count()};
  store_.create_session(hash_token(session.token), credentials->user_id, unix_now() + token_ttl_.count());
  return session;
}

std::optional<User> AuthService::authenticate_token(std::string_view token) {
  if (token.size() != 64) return std::nullopt;
  return store_.find_session_user(hash_token(token), unix_now());
}

std::optional<std::string_view> AuthService::bearer_token(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    const char c = authorization[i];
    if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c) != kScheme[i]) return std::nullopt;
  }
  auto token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return token;
}

std::string AuthService::hash_token(std::string_view token) const {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                     nullptr, 0);
  std::array<char, crypto_generichash_BYTES * 2 + 1> hex{};
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  return std::string(hex.data(), crypto_generichash_BYTES * 2);
}

}  // namespace parley::chat
