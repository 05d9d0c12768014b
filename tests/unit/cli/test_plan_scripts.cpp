// `jrun plan --scripts --driver freebsd|linux`: the exact scripts `up` would send, golden for
// examples/stack.ucl and the config using every key (tests/golden/freebsd/), and every one of
// them `sh -n` and shellcheck clean. Also the snapshot command's checks before any host.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "jrun/host/freebsd/scripts.h"
#include "run_jrun.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at)) {
    text.replace(at, from.size(), to);
    at += to.size();
  }
  return text;
}

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(JRUN_TEST_DATA) + "/golden/freebsd/" + name;
  const char* update = std::getenv("JRUN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing; run with JRUN_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "golden file " << path;
}

// The scripts of `plan --scripts` output, split at their "### <driver> script" headers.
std::vector<std::string> scripts_of(const std::string& out, const std::string& driver) {
  std::vector<std::string> scripts;
  const std::string marker = "\n### " + driver + " script ";
  for (std::size_t at = out.find(marker); at != std::string::npos;) {
    const std::size_t body = out.find('\n', at + 1) + 1;
    const std::size_t next = out.find(marker, body);
    scripts.push_back(
        out.substr(body, next == std::string::npos ? std::string::npos : next - body));
    at = next;
  }
  return scripts;
}

int shell(const std::string& command, std::string& output) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return -1;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), n);
  return pclose(pipe);
}

void expect_clean_scripts(const std::vector<std::string>& scripts) {
  const std::string path = "/tmp/jrun-plan-scripts-" + std::to_string(::getpid()) + ".sh";
  const bool have_shellcheck = std::system("command -v shellcheck >/dev/null 2>&1") == 0;
  for (std::size_t i = 0; i < scripts.size(); ++i) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << scripts[i];
    std::string syntax;
    EXPECT_EQ(shell("sh -n " + path, syntax), 0) << "script " << i + 1 << ": " << syntax;
    if (!have_shellcheck) continue;
    std::string lint;
    EXPECT_EQ(shell("shellcheck -s sh " + path, lint), 0) << "script " << i + 1 << ":\n" << lint;
  }
  std::filesystem::remove(path);
  // Visible: a skipped test fails CI (scripts/test.sh), so a missing shellcheck is noticed.
  if (!have_shellcheck) GTEST_SKIP() << "shellcheck not installed: scripts only checked by sh -n";
}

/// The output with the source directory as @SRC@, also inside the mount records named after a
/// hash of the mount's source: golden files must not depend on where the tree is checked out.
std::string portable(std::string out,
                     const std::vector<std::pair<std::string, std::string>>& mounts) {
  for (const auto& [relative, target] : mounts) {
    const std::string real = std::string(JRUN_SOURCE_DIR) + "/" + relative;
    out = replace_all(out, host::freebsd_driver::mount_key(real, target),
                      host::freebsd_driver::mount_key("@SRC@/" + relative, target));
  }
  return replace_all(out, JRUN_SOURCE_DIR, "@SRC@");
}

RunResult plan_scripts(const std::string& config, const std::string& driver) {
  return run_jrun({"plan", config, "--scripts", "--driver", driver}, {{"JRUN_MONIT_CYCLE", "10s"}});
}

TEST(PlanScripts, FreebsdStackIsGoldenAndClean) {
  RunResult r = plan_scripts("examples/stack.ucl", "freebsd");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> scripts = scripts_of(r.out, "freebsd");
  // prepare; per jail create + apply; the health wait of fastapi-314 on postgres-16
  EXPECT_EQ(scripts.size(), 8U);
  check_golden("stack-plan.txt", portable(r.out, {{"examples/app", "/srv/app"}}));
  expect_clean_scripts(scripts);
}

TEST(PlanScripts, FreebsdEveryKeyIsGoldenAndClean) {
  RunResult r = plan_scripts("tests/configs/valid/02-everything.ucl", "freebsd");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> scripts = scripts_of(r.out, "freebsd");
  EXPECT_GE(scripts.size(), 7U);
  check_golden("every-key-plan.txt",
               portable(r.out, {{"tests/configs/valid/www", "/usr/local/www"},
                                {"tests/configs/valid/playbooks", "/srv/playbooks"}}));
  expect_clean_scripts(scripts);
  // the clone of `core` for web-1, its udp forward, its limits
  EXPECT_THAT(r.out, HasSubstr("zfs clone \"$SNAP\" \"$DS\""));
  EXPECT_THAT(r.out, HasSubstr("inet proto udp from any to (vtnet0) port 8053 -> 10.17.89.21"));
  EXPECT_THAT(r.out, HasSubstr("rctl -a \"jail:$N:pcpu:deny=200\""));
}

TEST(PlanScripts, LinuxDriverToo) {
  RunResult r = plan_scripts("examples/stack.ucl", "linux");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GE(scripts_of(r.out, "linux").size(), 6U);
  EXPECT_THAT(r.out, HasSubstr("# jrun linux driver: "));
}

TEST(PlanScripts, UnknownDriverIsAUsageError) {
  RunResult r = plan_scripts("examples/stack.ucl", "solaris");
  EXPECT_EQ(r.exit_code, 2);
}

TEST(Snapshot, NamesAreCheckedBeforeAnyHost) {
  for (const char* bad : {"a;b", "$(x)", "../up", "jrun-clone-x", ".x", "a b"}) {
    RunResult r = run_jrun({"snapshot", "create", "web", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_THAT(r.err, HasSubstr("invalid snapshot name")) << bad;
  }
}

TEST(Snapshot, UnknownJailIsAUsageError) {
  RunResult r = run_jrun({"snapshot", "list", "web"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("web"));
}

TEST(Snapshot, RollbackNeedsAName) {
  RunResult r = run_jrun({"snapshot", "rollback", "web"});
  EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace jrun::testing

namespace jrun::testing {
namespace {

TEST(DriverSetting, UnknownDriverOrRootIsAUsageErrorNamingTheVariable) {
  RunResult bad = run_jrun({"status"}, {{"JRUN_DRIVER", "solaris"}});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("JRUN_DRIVER=solaris"));
  RunResult root = run_jrun({"status"}, {{"JRUN_HOST_ROOT", "relative/dir"}});
  EXPECT_EQ(root.exit_code, 2);
  EXPECT_THAT(root.err, HasSubstr("JRUN_HOST_ROOT=relative/dir"));
}

TEST(DriverSetting, PlanScriptsFollowJrunDriver) {
  RunResult r = run_jrun({"plan", "examples/stack.ucl", "--scripts"}, {{"JRUN_DRIVER", "freebsd"}});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("### freebsd script 1 of"));
}

}  // namespace
}  // namespace jrun::testing

namespace jrun::testing {
namespace {

TEST(DriverSetting, FreebsdDriverRefusesToTouchALinuxHostsOwnRoot) {
  RunResult r = run_jrun({"status"}, {{"JRUN_PROVIDER", "local"}, {"JRUN_DRIVER", "freebsd"}});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("needs a FreeBSD host"));
}

}  // namespace
}  // namespace jrun::testing
