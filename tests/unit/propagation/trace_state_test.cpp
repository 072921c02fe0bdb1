// The tracestate helpers the sampler uses for our `ot` entry: validated
// input, move-to-front, 32 members, 512 characters (entries over 128 go
// first, then from the right).
#include <gtest/gtest.h>

#include <algorithm>

#include "propagation/w3c/trace_state.h"

namespace parley::tracing::detail {
namespace {

std::string members(int count, std::size_t value_length) {
  std::string state;
  for (int i = 0; i < count; ++i) {
    state += (i ? "," : "") + std::string("k") + std::to_string(i) + "=" + std::string(value_length, 'v');
  }
  return state;
}

TEST(TraceState, GetFindsAnEntryOnlyByItsWholeKey) {
  EXPECT_EQ(tracestate_get("rojo=00f067aa0ba902b7,ot=th:8;rv:01", "ot").value(), "th:8;rv:01");
  EXPECT_EQ(tracestate_get("rojo=1", "rojo").value(), "1");
  EXPECT_FALSE(tracestate_get("rojo=1", "roj"));
  EXPECT_FALSE(tracestate_get("otx=1", "ot"));
  EXPECT_FALSE(tracestate_get("", "ot"));
}

TEST(TraceState, SetRejectsInvalidKeysAndValuesAndLeavesTheStateAlone) {
  const std::string state = "congo=t61rcWkgMzE";
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"OT", "1"}, {"", "1"}, {"ot", ""}, {"ot", "a,b"}, {"ot", "a=b"}, {"ot", "trailing "}, {"o t", "1"},
           {std::string(257, 'k'), "1"}, {"ot", std::string(257, 'v')}}) {
    EXPECT_EQ(tracestate_set(state, key, value), state) << key << "=" << value;
  }
}

TEST(TraceState, SetNeverDuplicatesAKey) {
  EXPECT_EQ(tracestate_set("ot=th:1,a=1,ot=th:2", "ot", "th:3"), "ot=th:3,a=1");
  EXPECT_EQ(tracestate_set("", "ot", "th:8"), "ot=th:8");
}

TEST(TraceState, SetKeepsWithin512CharactersDroppingLargeEntriesFirst) {
  // 12 entries of 23 characters, one of 200, then 3 of 23: 568 with ours.
  std::string state = members(12, 20) + ",big=" + std::string(196, 'b') + "," + "t1=" + std::string(20, 't') +
                      ",t2=" + std::string(20, 't') + ",t3=" + std::string(20, 't');
  const std::string updated = tracestate_set(state, "ot", "th:8");
  EXPECT_LE(updated.size(), kTraceStateMaxLength);
  EXPECT_EQ(updated.find("big="), std::string::npos);         // over 128: dropped first
  EXPECT_NE(updated.find("t3="), std::string::npos);          // then it fitted
  EXPECT_EQ(updated.rfind("ot=th:8,k0=", 0), 0u);
  // Without large entries, the rightmost go.
  const std::string small = members(30, 30);  // 30 * ~35 characters
  const std::string trimmed = tracestate_set(small, "ot", "th:8");
  EXPECT_LE(trimmed.size(), kTraceStateMaxLength);
  EXPECT_NE(trimmed.find("k0="), std::string::npos);
  EXPECT_EQ(trimmed.find("k29="), std::string::npos);
  EXPECT_TRUE(parse_tracestate(trimmed));
}

TEST(TraceState, RemoveDeletesOnlyThatKey) {
  EXPECT_EQ(tracestate_remove("ot=th:8,rojo=1,otx=2", "ot"), "rojo=1,otx=2");
  EXPECT_EQ(tracestate_remove("rojo=1", "ot"), "rojo=1");
}

TEST(TraceState, EmptyMembersAreSkippedAndWhitespaceOnlyIsEmpty) {
  EXPECT_EQ(parse_tracestate(" , foo=1 ,, ").value(), "foo=1");
  EXPECT_EQ(parse_tracestate(" \t ").value(), "");
  EXPECT_EQ(parse_tracestate("foo= 1").value(), "foo= 1");  // leading spaces belong to the value
  EXPECT_TRUE(parse_tracestate("t" + std::string(240, 't') + "@" + std::string(14, 'v') + "=1"));
  EXPECT_TRUE(parse_tracestate("foo=1,foo=2"));  // duplicates pass through
}

}  // namespace
}  // namespace parley::tracing::detail
