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

TEST(Cli, DoctorChecksTheSshPortTheVmWouldUse) {
  RunResult r = run_jrun({"doctor"}, {{"JRUN_PROVIDER", "vm"},
                                      {"JRUN_VM_SSH_PORT", "2299"},
                                      {"JRUN_HOME", "/nonexistent/jrun-doctor"}});
  EXPECT_NE(r.out.find("port 2299"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("port 2222"), std::string::npos) << r.out;
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
  for (auto args : std::vector<std::vector<std::string>>{{"pair"}}) {
    RunResult r = run_jrun(args);
    EXPECT_EQ(r.exit_code, 1) << args[0];
    EXPECT_THAT(r.err, HasSubstr("not available yet")) << args[0];
    EXPECT_EQ(r.out, "") << args[0];
  }
}

TEST(Cli, WithTheVmStoppedCommandsSaySoWithoutBootingIt) {
  const std::map<std::string, std::string> env = {{"JRUN_PROVIDER", "vm"}};
  RunResult status = run_jrun({"status"}, env);
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_THAT(status.out, HasSubstr("VM  not running"));
  RunResult stop = run_jrun({"stop", "--yes"}, env);
  EXPECT_EQ(stop.exit_code, 0) << stop.err;
  EXPECT_THAT(stop.err, HasSubstr("VM is not running."));
  for (auto args : std::vector<std::vector<std::string>>{{"down", "--yes"}, {"ssh"}}) {
    RunResult r = run_jrun(args, env);
    EXPECT_EQ(r.exit_code, 1) << args[0];
    EXPECT_THAT(r.err, HasSubstr("the VM is not running: run `jrun start` first")) << args[0];
  }
  RunResult purge = run_jrun({"purge", "--yes"}, env);
  EXPECT_EQ(purge.exit_code, 0) << purge.err;
}

TEST(Cli, StartWithAMissingLocalImageIsAUsageError) {
  RunResult r = run_jrun({"start"}, {{"JRUN_PROVIDER", "vm"},
                                     {"JRUN_VM_IMAGE", "/nonexistent/jrun-test.raw"},
                                     {"JRUN_VM_KERNEL", "/nonexistent/vmlinuz"}});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_THAT(r.err, HasSubstr("/nonexistent/jrun-test.raw"));
}

TEST(Cli, VmCommandsOnTheLocalProviderAreUsageErrors) {
  for (auto args : std::vector<std::vector<std::string>>{{"start"}, {"stop", "--yes"}}) {
    RunResult r = run_jrun(args, {{"JRUN_PROVIDER", "local"}});
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_THAT(r.err, HasSubstr("manages the VM")) << args[0];
  }
}

TEST(Cli, MalformedVmSettingsAreUsageErrors) {
  for (auto [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"JRUN_VM_MEMORY", "lots"},
                                                        {"JRUN_VM_CPUS", "0"},
                                                        {"JRUN_VM_SSH_PORT", "70000"},
                                                        {"JRUN_VM_DISK", "20X"},
                                                        {"JRUN_VM_READY_TIMEOUT", "soon"}}) {
    RunResult r = run_jrun({"status"}, {{name, value}});
    EXPECT_EQ(r.exit_code, 2) << name;
    EXPECT_THAT(r.err, HasSubstr(name + "=" + value)) << name;
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
  EXPECT_EQ(vm.exit_code, 0) << vm.err;
  EXPECT_THAT(vm.out, HasSubstr("VM  not running"));
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
