// host_forward_changes (sorted merge of recorded and planned forwards) and describe_item's
// number formatting, at the level of the functions themselves.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "jrun/plan/host.h"
#include "jrun/plan/spec.h"

namespace jrun::plan {
namespace {

using Json = nlohmann::ordered_json;

Json forward(const char* proto, const char* bind, std::uint64_t port) {
  Json item = Json::object();
  item["proto"] = proto;
  item["bind"] = bind;
  item["host"] = port;
  item["jail"] = 80;
  return item;
}

JailStep planned(const char* name, Json forwards) {
  JailStep step;
  step.name = name;
  step.action = Action::kCreate;
  step.desired["forwards"] = std::move(forwards);
  return step;
}

TEST(HostForwardChangesTest, SortedByProtoBindPortAndFirstClaimWins) {
  state::State state;
  state::JailRecord old;
  old.name = "old";
  old.spec["forwards"] = Json::object();
  old.spec["forwards"]["gone"] = forward("tcp", "127.0.0.1", 9000);
  old.spec["forwards"]["kept"] = forward("tcp", "0.0.0.0", 80);
  state.jails["old"] = old;

  Plan plan;
  Json b = Json::object();
  b["web"] = forward("udp", "127.0.0.1", 53);
  b["dup"] = forward("tcp", "127.0.0.1", 8080);
  Json a = Json::object();
  a["same"] = forward("tcp", "127.0.0.1", 8080);  // same key as b's, planned first: a wins
  a["low"] = forward("tcp", "127.0.0.1", 22);
  a["bad"] = forward("tcp", "127.0.0.1", 70000);  // malformed: skipped
  plan.jails.push_back(planned("a", a));
  plan.jails.push_back(planned("b", b));
  // "old" is not planned: it keeps its recorded forwards, which therefore do not change.
  std::vector<HostChange> changes = host_forward_changes(state, plan);

  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kAdd);
  EXPECT_EQ(changes[0].port, 22);
  EXPECT_EQ(changes[0].jail, "a");
  EXPECT_EQ(changes[0].forward, "low");
  EXPECT_EQ(changes[1].port, 8080);
  EXPECT_EQ(changes[1].jail, "a");
  EXPECT_EQ(changes[1].forward, "same");
  EXPECT_EQ(changes[2].proto, "udp");
  EXPECT_EQ(changes[2].bind, "127.0.0.1");
  EXPECT_EQ(changes[2].port, 53);
  EXPECT_EQ(changes[2].jail, "b");
}

TEST(HostForwardChangesTest, DestroyedJailsRemoveTheirForwards) {
  state::State state;
  state::JailRecord gone;
  gone.name = "gone";
  gone.spec["forwards"] = Json::object();
  gone.spec["forwards"]["http"] = forward("tcp", "127.0.0.1", 8000);
  state.jails["gone"] = gone;
  Plan plan;
  JailStep destroy;
  destroy.name = "gone";
  destroy.action = Action::kDestroy;
  plan.jails.push_back(destroy);
  std::vector<HostChange> changes = host_forward_changes(state, plan);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, ChangeKind::kRemove);
  EXPECT_EQ(changes[0].jail, "gone");
  EXPECT_EQ(changes[0].forward, "http");
  EXPECT_EQ(changes[0].port, 8000);
}

TEST(DescribeItemTest, ScalarsPrintAsJsonDumpsThem) {
  for (const Json& value :
       {Json(256), Json(-3), Json(0), Json(std::numeric_limits<std::uint64_t>::max()),
        Json(std::numeric_limits<std::int64_t>::min()), Json(true), Json(false), Json(1.5),
        Json(2.0), Json(nullptr)}) {
    EXPECT_EQ(describe_item("limits", "processes", value), value.dump()) << value.dump();
    EXPECT_EQ(describe_item("execs", "web", value), value.dump()) << value.dump();
  }
  EXPECT_EQ(describe_item("limits", "memory", Json(std::uint64_t{512} << 20)), "512mb");
  EXPECT_EQ(describe_item("limits", "cpu", Json("x")), "x");
}

}  // namespace
}  // namespace jrun::plan
