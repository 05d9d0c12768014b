// Execs: cmd, dir, env, healthcheck, restart.

#include <gtest/gtest.h>

#include "test_support.h"

namespace jrun::model {
namespace {

using testing::load;
using testing::only_error;

std::string exec_block(const std::string& body) {
  return "jail \"web\" { exec { app { " + body + " } } }";
}

TEST(ExecTest, DefaultsAndFileOrder) {
  auto loaded = load("jail \"web\" { exec { b { cmd = \"b\"; } a { cmd = \"a --x\"; } } }");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const auto& execs = loaded.config().jails[0].execs;
  ASSERT_EQ(execs.size(), 2u);
  EXPECT_EQ(execs[0].name, "b");
  EXPECT_EQ(execs[1].name, "a");
  EXPECT_EQ(execs[1].cmd, "a --x");
  EXPECT_EQ(execs[1].dir, "/");
  EXPECT_TRUE(execs[1].env.empty());
  EXPECT_FALSE(execs[1].healthcheck.has_value());
  EXPECT_TRUE(execs[1].restart.on_failure);
  EXPECT_EQ(execs[1].restart.max, 5u);
  EXPECT_EQ(execs[1].restart.within, 300.0);
}

TEST(ExecTest, CmdIsRequiredAndNotEmpty) {
  Diagnostic missing = only_error(exec_block("dir = \"/srv\";"));
  EXPECT_EQ(missing.message, "missing `cmd` in exec `app` of jail `web`");
  EXPECT_EQ(missing.field, "jail.web.exec.app.cmd");
  EXPECT_EQ(missing.loc.column, 21u);  // at the exec's name
  EXPECT_EQ(only_error(exec_block("cmd = \"\";")).message, "`cmd` must not be empty");
  EXPECT_EQ(only_error(exec_block("cmd = [\"a\"];")).message,
            "`cmd` must be a string, got an array");
}

TEST(ExecTest, DirMustBeAbsolute) {
  auto loaded = load(exec_block("cmd = \"x\"; dir = \"/srv/app/\";"));
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  EXPECT_EQ(loaded.config().jails[0].execs[0].dir, "/srv/app");
  Diagnostic relative = only_error(exec_block("cmd = \"x\"; dir = \"srv\";"));
  EXPECT_EQ(relative.message, "`dir` must be an absolute path, got \"srv\"");
  EXPECT_EQ(relative.hint, "write \"/srv\"");
}

TEST(ExecTest, EnvKeepsOrderAndConvertsScalars) {
  auto loaded = load(exec_block(
      "cmd = \"x\"; env { Z = \"last\"; PORT = 8080; DEBUG = true; RATIO = 0.5; _A1 = \"\"; }"));
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  using Pair = std::pair<std::string, std::string>;
  std::vector<Pair> expected = {
      {"Z", "last"}, {"PORT", "8080"}, {"DEBUG", "true"}, {"RATIO", "0.5"}, {"_A1", ""}};
  EXPECT_EQ(loaded.config().jails[0].execs[0].env, expected);
}

TEST(ExecTest, EnvMistakes) {
  Diagnostic name = only_error(exec_block("cmd = \"x\"; env { \"MY-VAR\" = \"1\"; }"));
  EXPECT_EQ(name.message, "invalid environment variable name `MY-VAR`");
  EXPECT_EQ(name.field, "jail.web.exec.app.env.MY-VAR");
  EXPECT_EQ(only_error(exec_block("cmd = \"x\"; env { \"1X\" = \"1\"; }")).message,
            "invalid environment variable name `1X`");
  EXPECT_EQ(only_error(exec_block("cmd = \"x\"; env { A = [1]; }")).message,
            "`A` must be a string, number or boolean, got an array");
  EXPECT_EQ(only_error(exec_block("cmd = \"x\"; env { A = 1; A = 2; }")).message,
            "`A` is set more than once in `env` of exec `app` of jail `web`");
}

TEST(HealthcheckTest, ValuesAndDefaults) {
  auto loaded = load(
      exec_block("cmd = \"x\"; healthcheck { test = \"curl -f localhost\"; interval = \"1min\"; "
                 "timeout = 2.5; retries = 7; }"));
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const auto& check = loaded.config().jails[0].execs[0].healthcheck;
  ASSERT_TRUE(check.has_value());
  EXPECT_EQ(check->test, "curl -f localhost");
  EXPECT_EQ(check->interval, 60.0);
  EXPECT_EQ(check->timeout, 2.5);
  EXPECT_EQ(check->retries, 7u);

  auto defaults = load(exec_block("cmd = \"x\"; healthcheck { test = \"true\"; }"));
  ASSERT_TRUE(defaults.result.ok()) << defaults.rendered();
  const auto& d = defaults.config().jails[0].execs[0].healthcheck;
  EXPECT_EQ(d->interval, 30.0);
  EXPECT_EQ(d->timeout, 10.0);
  EXPECT_EQ(d->retries, 3u);
}

TEST(HealthcheckTest, UnquotedTimeValuesAreDurations) {
  auto loaded = load(
      exec_block("cmd = \"x\"; healthcheck { test = \"true\"; interval = 45s; timeout = 500ms; }"));
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  EXPECT_EQ(loaded.config().jails[0].execs[0].healthcheck->interval, 45.0);
  EXPECT_EQ(loaded.config().jails[0].execs[0].healthcheck->timeout, 0.5);
}

TEST(HealthcheckTest, IntervalShorterThanTheCycleIsAnError) {
  Diagnostic d =
      only_error(exec_block("cmd = \"x\"; healthcheck { test = \"true\"; interval = \"5s\"; }"));
  EXPECT_EQ(d.message, "healthcheck interval 5s is shorter than the supervision cycle (30s)");
  EXPECT_EQ(d.hint, "set JRUN_MONIT_CYCLE lower or the interval higher");
  EXPECT_EQ(d.field, "jail.web.exec.app.healthcheck.interval");

  ValidationContext fast = testing::project_context();
  fast.monit_cycle = 2;
  EXPECT_TRUE(load(exec_block("cmd = \"x\"; healthcheck { test = \"t\"; interval = 5; }"), fast)
                  .result.ok());
}

TEST(HealthcheckTest, Mistakes) {
  EXPECT_EQ(only_error(exec_block("cmd = \"x\"; healthcheck { interval = 30; }")).message,
            "missing `test` in `healthcheck` of exec `app` of jail `web`");
  EXPECT_EQ(only_error(exec_block("cmd = \"x\"; healthcheck { test = \"t\"; timeout = \"soon\"; }"))
                .message,
            "`timeout` must be a duration, got string \"soon\"");
  EXPECT_EQ(
      only_error(exec_block("cmd = \"x\"; healthcheck { test = \"t\"; timeout = 0; }")).message,
      "`timeout` must be longer than zero");
  EXPECT_EQ(
      only_error(exec_block("cmd = \"x\"; healthcheck { test = \"t\"; retries = 0; }")).message,
      "`retries` must be a whole number, at least 1, got integer 0");
  EXPECT_EQ(only_error(exec_block("cmd = \"x\"; healthcheck { test = \"t\"; tries = 1; }")).hint,
            "did you mean `retries`?");
}

TEST(RestartTest, ValuesAndBareFlag) {
  auto loaded =
      load(exec_block("cmd = \"x\"; restart { on-failure = false; max = 2; within = \"1h\"; }"));
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const RestartPolicy& policy = loaded.config().jails[0].execs[0].restart;
  EXPECT_FALSE(policy.on_failure);
  EXPECT_EQ(policy.max, 2u);
  EXPECT_EQ(policy.within, 3600.0);
}

TEST(RestartTest, Mistakes) {
  EXPECT_EQ(only_error(exec_block("cmd = \"x\"; restart { on-failure = \"yes please\"; }")).message,
            "`on-failure` must be a boolean (true or false), got string \"yes please\"");
  EXPECT_EQ(only_error(exec_block("cmd = \"x\"; restart { max = 0; }")).message,
            "`max` must be a whole number of restarts, at least 1, got integer 0");
  EXPECT_EQ(only_error(exec_block("cmd = \"x\"; restart { within = -1; }")).message,
            "`within` must be longer than zero");
}

TEST(ExecTest, ExecNamesAreDnsLabels) {
  Diagnostic d = only_error("jail \"web\" { exec { Main_Server { cmd = \"x\"; } } }");
  EXPECT_EQ(d.message, "invalid exec name `Main_Server`");
  EXPECT_EQ(d.field, "jail.web.exec.Main_Server");
}

}  // namespace
}  // namespace jrun::model
