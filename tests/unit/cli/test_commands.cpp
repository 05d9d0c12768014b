// The command table through the real binary: help, usage errors, unavailable commands.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "run_jrun.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;

TEST(Cli, HelpListsEveryCommandOfTheSpec) {
  RunResult r = run_jrun({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* name : {"start", "stop", "ssh", "cmd", "up", "down", "status", "snapshot",
                           "pair", "purge", "plan", "logs", "config", "doctor", "completion"}) {
    EXPECT_THAT(r.out, HasSubstr(std::string("  ") + name)) << name;
  }
}

TEST(Cli, VersionPrintsVersion) {
  RunResult r = run_jrun({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("jrun 0."));
}

TEST(Cli, UnknownCommandIsAUsageError) {
  RunResult r = run_jrun({"strat"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("strat"));
}

TEST(Cli, BadFlagValueIsAUsageError) {
  RunResult r = run_jrun({"status", "--show", "everything"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Cli, CommandsNotBuiltYetSaySoAndFail) {
  for (auto args : std::vector<std::vector<std::string>>{
           {"start"}, {"stop", "--yes"}, {"status"}, {"snapshot", "list", "web"}, {"pair"}}) {
    RunResult r = run_jrun(args);
    EXPECT_EQ(r.exit_code, 1) << args[0];
    EXPECT_THAT(r.err, HasSubstr("not available yet")) << args[0];
    EXPECT_EQ(r.out, "") << args[0];
  }
}

TEST(Cli, MalformedSettingIsAUsageErrorNamingTheVariable) {
  RunResult r = run_jrun({"plan", "examples/stack.ucl"}, {{"JRUN_MONIT_CYCLE", "fast"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("JRUN_MONIT_CYCLE=fast"));
}

TEST(Cli, MissingConfigIsAUsageError) {
  RunResult r = run_jrun({"plan", "no/such/file.ucl"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("config not found: no/such/file.ucl"));
}

}  // namespace
}  // namespace jrun::testing
