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
  for (auto args : std::vector<std::vector<std::string>>{{"start"}, {"stop", "--yes"}, {"pair"}}) {
    RunResult r = run_jrun(args);
    EXPECT_EQ(r.exit_code, 1) << args[0];
    EXPECT_THAT(r.err, HasSubstr("not available yet")) << args[0];
    EXPECT_EQ(r.out, "") << args[0];
  }
}

TEST(Cli, CommandsNeedingAJailHostExplainTheVmProviderIsNotBuilt) {
  for (auto args : std::vector<std::vector<std::string>>{{"status"},
                                                         {"up", "examples/stack.ucl"},
                                                         {"down", "--yes"},
                                                         {"purge", "--yes"},
                                                         {"--provider", "vm", "status"}}) {
    RunResult r = run_jrun(args, {{"JRUN_PROVIDER", "vm"}});
    EXPECT_EQ(r.exit_code, 1) << args[0];
    EXPECT_THAT(r.err, HasSubstr("the vm provider is not available yet in this build; use "
                                 "JRUN_PROVIDER=local (Linux, root)"))
        << args[0];
  }
}

TEST(Cli, DestructiveCommandsWithoutATerminalNeedYes) {
  for (auto args : std::vector<std::vector<std::string>>{{"down"}, {"down", "web"}, {"purge"}}) {
    RunResult r = run_jrun(args, {{"JRUN_PROVIDER", "local"}});
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_THAT(r.err, HasSubstr("pass --yes")) << args[0];
  }
}

TEST(Cli, ProviderFlagIsCheckedAndOverridesTheSetting) {
  RunResult bad = run_jrun({"--provider", "cloud", "status"});
  EXPECT_EQ(bad.exit_code, 2);
  RunResult vm = run_jrun({"--provider", "vm", "status"}, {{"JRUN_PROVIDER", "local"}});
  EXPECT_EQ(vm.exit_code, 1);
  EXPECT_THAT(vm.err, HasSubstr("vm provider is not available"));
}

TEST(Cli, UnknownJailIsAUsageError) {
  for (auto args : std::vector<std::vector<std::string>>{
           {"cmd", "ghost", "true"}, {"logs", "ghost"}, {"ssh", "ghost"}, {"status", "ghost"}}) {
    RunResult r = run_jrun(args, {{"JRUN_PROVIDER", "local"}});
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_THAT(r.err, HasSubstr("no jail named 'ghost'")) << args[0];
  }
}

TEST(Cli, UpDryRunPrintsThePlanWithoutAJailHost) {
  RunResult r = run_jrun({"up", "examples/stack.ucl", "--dry-run"}, {{"JRUN_PROVIDER", "vm"}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("to create"));
}

TEST(Cli, BadBridgeNameIsAUsageError) {
  RunResult r = run_jrun({"status"}, {{"JRUN_BRIDGE", "Bad_Bridge"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("JRUN_BRIDGE=Bad_Bridge"));
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
