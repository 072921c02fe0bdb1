// Request-body parsers: valid bodies become values; each kind of bad input
// becomes one clear message and no value.
#include <gtest/gtest.h>

#include "http/json_codec.h"

namespace parley::chat {
namespace {

TEST(ParseMessage, AcceptsRoomTextAndDefaultType) {
  auto parsed = parse_message(R"({"room_id": 7, "text": "hello @ai", "extra": [1]})");
  ASSERT_TRUE(parsed) << parsed.error;
  EXPECT_EQ(parsed.value->room_id, 7);
  EXPECT_EQ(parsed.value->text, "hello @ai");
  EXPECT_EQ(parsed.value->type, "text");
}

TEST(ParseMessage, KeepsAnExplicitType) {
  auto parsed = parse_message(R"({"room_id": 1, "text": "x", "type": "code_block"})");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed.value->type, "code_block");
}

TEST(ParseMessage, RejectsEachBadInputWithItsReason) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "malformed JSON"},
      {"{\"room_id\": 1, \"text\": \"x\"", "malformed JSON"},
      {"[]", "must be a JSON object"},
      {R"({"text": "x"})", "missing field \"room_id\""},
      {R"({"room_id": "1", "text": "x"})", "\"room_id\" must be a positive integer"},
      {R"({"room_id": 0, "text": "x"})", "\"room_id\" must be a positive integer"},
      {R"({"room_id": 2.5, "text": "x"})", "\"room_id\" must be a positive integer"},
      {R"({"room_id": 18446744073709551615, "text": "x"})", "\"room_id\" must be a positive integer"},
      {R"({"room_id": 1})", "missing field \"text\""},
      {R"({"room_id": 1, "text": null})", "\"text\" must be a string"},
      {R"({"room_id": 1, "text": ""})", "\"text\" must be 1 to 8000 bytes long"},
      {R"({"room_id": 1, "text": "a\u0000b"})", "control characters"},
      {R"({"room_id": 1, "text": "x", "type": "Shouting"})", "\"type\" must be a lowercase word"},
  };
  for (const auto& [body, reason] : cases) {
    auto parsed = parse_message(body);
    EXPECT_FALSE(parsed) << body;
    EXPECT_NE(parsed.error.find(reason), std::string::npos) << body << " -> " << parsed.error;
  }
}

TEST(ParseMessage, RejectsInvalidUtf8AndDeepNesting) {
  EXPECT_FALSE(parse_message("{\"room_id\": 1, \"text\": \"\xff\xfe\"}"));
  std::string deep(40, '[');
  deep += std::string(40, ']');
  EXPECT_FALSE(parse_message(deep));
}

TEST(ParseMessage, RejectsBodiesOver64KiB) {
  std::string body = R"({"room_id": 1, "text": ")" + std::string(kMaxBodyBytes, 'x') + "\"}";
  auto parsed = parse_message(body);
  EXPECT_FALSE(parsed);
  EXPECT_EQ(parsed.error, "body too large");
}

TEST(ParseCredentials, RegistrationEnforcesRulesLoginOnlyBounds) {
  EXPECT_TRUE(parse_credentials(R"({"username": "alice_1", "password": "12345678"})"));
  EXPECT_FALSE(parse_credentials(R"({"username": "alice", "password": "short"})"));
  EXPECT_TRUE(parse_credentials(R"({"username": "alice", "password": "short"})", false));
  EXPECT_FALSE(parse_credentials(R"({"username": "al", "password": "12345678"})"));
  EXPECT_FALSE(parse_credentials(R"({"username": "a b c", "password": "12345678"})"));
  EXPECT_FALSE(parse_credentials(R"({"username": ["alice"], "password": "12345678"})"));
}

TEST(ParseRoom, NeedsANameWithoutControlCharacters) {
  EXPECT_EQ(parse_room(R"({"name": "general"})").value->name, "general");
  EXPECT_FALSE(parse_room(R"({"name": ""})"));
  EXPECT_FALSE(parse_room(R"({"name": "a\nb"})"));
  EXPECT_FALSE(parse_room(R"({"title": "general"})"));
}

TEST(ParseClientFrame, TakesTextTypeAndStringTraceFields) {
  auto parsed = parse_client_frame(
      R"({"type":"message","text":"hi","message_type":"text",)"
      R"("trace":{"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01","n":5}})");
  ASSERT_TRUE(parsed) << parsed.error;
  EXPECT_EQ(parsed.value->text, "hi");
  EXPECT_EQ(parsed.value->trace.size(), 1u);
  EXPECT_EQ(parsed.value->trace.at("traceparent"), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
}

TEST(ParseClientFrame, RejectsOtherFrameTypesAndNonObjectTrace) {
  EXPECT_FALSE(parse_client_frame(R"({"type":"typing","text":"hi"})"));
  EXPECT_FALSE(parse_client_frame(R"({"type":"message","text":"hi","trace":"00-..."})"));
}

TEST(ParseClientFrame, BoundsTheTraceCarrier) {
  std::string frame = R"({"type":"message","text":"hi","trace":{)";
  for (int i = 0; i < 20; ++i) frame += (i ? "," : "") + std::string("\"k") + std::to_string(i) + "\":\"v\"";
  frame += R"(,"big":")" + std::string(kMaxTraceValueBytes + 1, 'x') + "\"}}";
  auto parsed = parse_client_frame(frame);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed.value->trace.size(), kMaxTraceFields);
  EXPECT_EQ(parsed.value->trace.count("big"), 0u);
}

TEST(Render, MessagesAndErrorsAreJson) {
  Message message{3, 1, 2, "bob", "say \"hi\"", "text", "2024-01-01T00:00:00.000Z", "4bf92f3577b34da6a3ce929d0e0e4736"};
  EXPECT_EQ(render_message(message),
            R"({"id":3,"room_id":1,"user_id":2,"username":"bob","text":"say \"hi\"","type":"text",)"
            R"("created_at":"2024-01-01T00:00:00.000Z","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736"})");
  EXPECT_EQ(render_message_event(message).substr(0, 29), R"({"type":"message","message":{)");
  EXPECT_EQ(render_error("no such room"), R"({"error":"no such room"})");
}

TEST(Render, InfoNamesTheTracePageOrNull) {
  EXPECT_EQ(render_info("chat-system", "http://127.0.0.1:8081/debug/traces"),
            R"({"service":"chat-system","trace_page":"http://127.0.0.1:8081/debug/traces"})");
  EXPECT_EQ(render_info("chat-system", ""), R"({"service":"chat-system","trace_page":null})");
}

}  // namespace
}  // namespace parley::chat
