#include <gtest/gtest.h>

#include "jrun/state/state.h"

namespace jrun::state {
namespace {

using Json = nlohmann::ordered_json;

State sample_state() {
  State state;
  JailRecord web;
  web.name = "web";
  web.ip = "10.17.89.10";
  web.release = "15.0-RELEASE";
  web.base = "core";
  web.phase = Phase::kReady;
  web.spec["forwards"] = Json{{"http", {{"proto", "tcp"}, {"host", 7777}, {"jail", 8080}}}};
  web.spec["limits"] = Json{{"cpu", 1.5}};
  web.applied["execs"] = false;
  web.setup_hashes["app"] = std::string(64, 'a');
  web.setup_failed_step = "db";
  web.setup_failed_error = "task 'migrate' failed on localhost: no database";
  state.jails.emplace("web", web);
  JailRecord core;
  core.name = "core";
  core.ip = "10.17.89.11";
  core.phase = Phase::kCreating;
  state.jails.emplace("core", core);
  state.host["vm"] = Json{{"ssh_port", 2222}};
  return state;
}

TEST(State, RoundTrip) {
  State state = sample_state();
  std::string text = serialize_state(state);
  auto parsed = parse_state(text);
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(serialize_state(*parsed), text);
  const JailRecord& web = parsed->jails.at("web");
  EXPECT_EQ(web.name, "web");
  EXPECT_EQ(web.base, "core");
  EXPECT_EQ(web.phase, Phase::kReady);
  EXPECT_FALSE(web.section_applied("execs"));
  EXPECT_TRUE(web.section_applied("forwards"));
  EXPECT_EQ(web.spec["forwards"]["http"]["host"], 7777);
  EXPECT_EQ(web.spec["limits"]["cpu"], 1.5);
  EXPECT_EQ(parsed->jails.at("core").phase, Phase::kCreating);
  EXPECT_EQ(parsed->host["vm"]["ssh_port"], 2222);
  EXPECT_EQ(web.setup_failed_step, "db");
  EXPECT_EQ(web.setup_failed_error, "task 'migrate' failed on localhost: no database");
  // A jail without a failed step has no setup_failed.
  EXPECT_TRUE(parsed->jails.at("core").setup_failed_step.empty());
  EXPECT_EQ(text.find("setup_failed"), text.rfind("setup_failed"));
}

TEST(State, SerialisedShape) {
  State state;
  EXPECT_EQ(serialize_state(state), "{\n  \"version\": 1,\n  \"jails\": [],\n  \"host\": {}\n}\n");
}

TEST(State, EmptyDocumentIsEmptyState) {
  auto parsed = parse_state(R"({"version": 1, "jails": [], "host": {}})");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_TRUE(parsed->jails.empty());
}

struct BadCase {
  const char* text;
  const char* message_part;
};

class StateErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(StateErrors, AreStateErrorsNamingTheProblem) {
  auto parsed = parse_state(GetParam().text);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::kState);
  EXPECT_NE(parsed.error().message.find(GetParam().message_part), std::string::npos)
      << parsed.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Strict, StateErrors,
    ::testing::Values(
        BadCase{"", "parse error"}, BadCase{"{\"version\": 1,", "parse error at line 1"},
        BadCase{"[]", "not a JSON object"}, BadCase{"{}", "missing \"version\""},
        BadCase{R"({"version": "1"})", "not an integer"},
        BadCase{R"({"version": 2})", "unsupported state version 2"},
        BadCase{R"({"version": 1, "jail": {}})", "unknown key \"jail\""},
        BadCase{R"({"version": 1, "jails": {}})", "jails: expected an array"},
        BadCase{R"({"version": 1, "jails": [1]})", "jails[0]: expected an object"},
        BadCase{R"({"version": 1, "jails": [{"ip": "10.0.0.9", "phase": "ready", "spec": {}}]})",
                "jails[0]: missing \"name\""},
        BadCase{R"({"version": 1, "jails": [{"name": "a", "phase": "ready", "spec": {}}]})",
                "jails.a: missing \"ip\""},
        BadCase{R"({"version": 1, "jails": [{"name": "a", "ip": 1, "phase": "ready",
                   "spec": {}}]})",
                "jails.a.ip: expected a string"},
        BadCase{R"({"version": 1, "jails": [{"name": "a", "ip": "10.0.0.9", "phase": "up",
                   "spec": {}}]})",
                "unknown phase \"up\""},
        BadCase{R"({"version": 1, "jails": [{"name": "a", "ip": "10.0.0.9", "phase": "ready"}]})",
                "missing \"spec\""},
        BadCase{R"({"version": 1, "jails": [{"name": "a", "ip": "10.0.0.9", "phase": "ready",
                   "spec": {"ports": {}}}]})",
                "unknown section \"ports\""},
        BadCase{R"({"version": 1, "jails": [{"name": "a", "ip": "10.0.0.9", "phase": "ready",
                   "spec": {}, "applied": {"execs": 1}}]})",
                "jails.a.applied.execs: expected a boolean"},
        BadCase{R"({"version": 1, "jails": [{"name": "a", "ip": "10.0.0.9", "phase": "ready",
                   "spec": {}, "colour": "red"}]})",
                "jails.a: unknown key \"colour\""},
        BadCase{R"({"version": 1, "jails": [{"name": "a", "ip": "10.0.0.9", "phase": "ready",
                   "spec": {}}, {"name": "a", "ip": "10.0.0.8", "phase": "ready", "spec": {}}]})",
                "\"a\" appears twice"},
        BadCase{R"({"version": 1, "jails": [], "host": []})", "host: expected an object"},
        // Valid JSON of the wrong shape is not an empty state (issue 15, item 1).
        BadCase{R"({"version": 1})", "missing \"jails\""},
        BadCase{R"({"version": 1, "jails": []})", "missing \"host\""},
        BadCase{R"({"version": 1, "host": {}})", "missing \"jails\""},
        BadCase{R"({"version": 1, "host": {}, "jails": [{"name": "a", "ip": "10.0.0.300",
                   "phase": "ready", "spec": {}}]})",
                "jails.a.ip: \"10.0.0.300\" is not an IPv4 address"},
        BadCase{R"({"version": 1, "host": {}, "jails": [{"name": "a", "ip": "10.0.0.9",
                   "phase": "ready", "spec": {}}, {"name": "b", "ip": "10.0.0.9",
                   "phase": "ready", "spec": {}}]})",
                "jails.b.ip: 10.0.0.9 is also the address of jails.a"}));

}  // namespace
}  // namespace jrun::state
