// Accounts and tokens with the real KDF on a real database.
#include <gtest/gtest.h>

#include "service/auth_service.h"
#include "temp_database.h"

namespace parley::chat {
namespace {

TEST(BearerToken, ParsesTheSchemeCaseInsensitively) {
  EXPECT_EQ(AuthService::bearer_token("Bearer abc").value(), "abc");
  EXPECT_EQ(AuthService::bearer_token("bearer   abc  ").value(), "abc");
  EXPECT_FALSE(AuthService::bearer_token("Basic abc"));
  EXPECT_FALSE(AuthService::bearer_token("Bearer "));
  EXPECT_FALSE(AuthService::bearer_token(""));
}

using AuthServiceTest = TempStore;

TEST_F(AuthServiceTest, StoresAnArgon2idHashNotThePassword) {
  AuthService auth(*store_, std::chrono::hours(1));
  ASSERT_TRUE(auth.register_user("alice", "correct horse"));
  auto credentials = store_->find_credentials("alice");
  ASSERT_TRUE(credentials);
  EXPECT_EQ(credentials->password_hash.rfind("$argon2id$", 0), 0u) << credentials->password_hash;
  EXPECT_EQ(credentials->password_hash.find("correct horse"), std::string::npos);
}

TEST_F(AuthServiceTest, LoginGivesATokenThatAuthenticates) {
  AuthService auth(*store_, std::chrono::hours(1));
  auto alice = auth.register_user("alice", "correct horse");
  auto session = auth.login("alice", "correct horse");
  ASSERT_TRUE(session);
  EXPECT_EQ(session->token.size(), 64u);
  EXPECT_EQ(auth.authenticate_token(session->token)->id, alice->id);
  EXPECT_NE(auth.login("alice", "correct horse")->token, session->token) << "tokens are random";
}

TEST_F(AuthServiceTest, BadCredentialsAndTheAssistantCannotLogIn) {
  AuthService auth(*store_, std::chrono::hours(1));
  auth.register_user("alice", "correct horse");
  EXPECT_FALSE(auth.login("alice", "wrong horse"));
  EXPECT_FALSE(auth.login("nobody", "correct horse"));
  EXPECT_FALSE(auth.login("assistant", ""));
  EXPECT_FALSE(auth.authenticate_token(std::string(64, 'a')));
}

TEST_F(AuthServiceTest, ExpiredTokensAreRefused) {
  AuthService auth(*store_, std::chrono::seconds(-1));
  auth.register_user("alice", "correct horse");
  auto session = auth.login("alice", "correct horse");
  ASSERT_TRUE(session);
  EXPECT_FALSE(auth.authenticate_token(session->token));
}

}  // namespace
}  // namespace parley::chat
