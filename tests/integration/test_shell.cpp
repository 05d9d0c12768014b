// The interactive shell's arrow-key pickers and wizards, driven in tmux (send-keys,
// capture-pane) on the local provider: the up wizard chosen with arrows and space, the snapshot
// wizard run to the command, Ctrl-C in a picker leaving a sane terminal, the numbered menu
// under TERM=dumb, and snapshot commands waiting for the state lock.
// Resources: bridge jrs1, subnet 10.231.50.0/24, tmux sockets jrun-shell-<pid>.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_fixture.h"
#include "fakes/http_test_server.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

class ShellTest : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jrs1";
    subnet_ = "10.231.50.0/24";
    CliTest::SetUp();
    if (sh("command -v tmux").exit_code != 0) GTEST_SKIP() << "tmux not installed";
    tmux_ = "tmux -L jrun-shell-" + std::to_string(::getpid());
  }
  void TearDown() override {
    sh(tmux_ + " kill-server 2>/dev/null");
    CliTest::TearDown();
  }

  std::string config() {
    return write_config(R"(jail "alpha" {
  exec { s { cmd = "exec sleep 100000"; } }
}
jail "beta" {
  exec { s { cmd = "exec sleep 100000"; } }
}
)");
  }

  /// The shell (`jrun` with no arguments) in a 100x30 tmux window, started from bash so the
  /// terminal's mode can be checked after it leaves.
  void start_shell(const std::string& term = "xterm") {
    start_bash("TERM=" + term + " ");
    keys(std::getenv("JRUN_BINARY"));
    key("Enter");
    ASSERT_THAT(wait_screen("jrun ›"), HasSubstr("jrun ›"));
  }
  /// bash in a 100x30 tmux window with the test's environment plus `extra` ("K=V " words).
  void start_bash(const std::string& extra) {
    std::string env;
    for (const auto& [k, v] : jrun_env()) {
      if (k != "NO_COLOR") env += k + "=" + shell_quote(v) + " ";
    }
    ASSERT_EQ(
        sh(tmux_ + " new-session -d -x 100 -y 30 -c " + shell_quote(dir_) + " " +
           shell_quote("env " + env + "TERM=xterm " + extra + "LANG=C.UTF-8 PS1='$ ' bash --norc"))
            .exit_code,
        0);
  }
  void keys(const std::string& literal) { sh(tmux_ + " send-keys -l " + shell_quote(literal)); }
  void key(const std::string& name) { sh(tmux_ + " send-keys " + name); }
  std::string screen() { return sh(tmux_ + " capture-pane -p -S -200").out; }
  /// Waits until the pane shows `text` `times` times; returns the pane.
  std::string wait_screen(const std::string& text, std::size_t times = 1) {
    std::string pane;
    const auto until = Clock::now() + std::chrono::seconds(60);
    while (Clock::now() < until) {
      pane = screen();
      std::size_t found = 0;
      for (std::size_t at = pane.find(text); at != std::string::npos;
           at = pane.find(text, at + 1)) {
        ++found;
      }
      if (found >= times) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return pane;
  }
  /// Leaves the shell and checks, in the bash it ran from, that echo and icanon are back.
  void expect_sane_terminal() {
    keys("exit");
    key("Enter");
    wait_screen("Bye.");
    keys("stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | sort | tr '\\n' ' '; echo END");
    key("Enter");
    EXPECT_THAT(wait_screen("echo icanon END"), HasSubstr("echo icanon END"));
  }
  std::vector<std::string> recorded_jails() {
    auto doc = nlohmann::json::parse(jrun({"status", "--json"}).out);
    std::vector<std::string> out;
    for (const auto& jail : doc["jails"]) {
      if (jail["managed"].get<bool>()) out.push_back(jail["name"]);
    }
    return out;
  }

  std::string tmux_;
};

TEST_F(ShellTest, UpWizardWithArrowKeysDeploysTheJailPicked) {
  config();
  start_shell();
  keys("up");
  key("Enter");
  // Config picker: the only file and "Enter path manually…".
  std::string pane = wait_screen("Select jail config:");
  EXPECT_THAT(pane, HasSubstr("❯ config.ucl"));
  EXPECT_THAT(pane, Not(HasSubstr("1) config.ucl")));
  key("Enter");
  wait_screen("Target which jails?");
  key("Down");  // ↓ to "Choose specific…" (ESC [ B)
  EXPECT_THAT(wait_screen("❯ Choose specific…"), HasSubstr("❯ Choose specific…"));
  key("Enter");
  wait_screen("Select jails:");
  key("Enter");  // nothing checked yet: refused with a hint
  EXPECT_THAT(wait_screen("select with space"), HasSubstr("select with space"));
  keys("j");  // vi-style down to beta, space checks it
  keys(" ");
  EXPECT_THAT(wait_screen("◉ beta"), HasSubstr("❯ ◉ beta"));
  key("Enter");
  pane = wait_screen("jrun ›", 2);
  EXPECT_THAT(pane, HasSubstr("? Select jails:  beta"));
  EXPECT_EQ(recorded_jails(), std::vector<std::string>{"beta"}) << pane;
  expect_sane_terminal();
}

TEST_F(ShellTest, SnapshotWizardRunsTheCommandOnARealJail) {
  ASSERT_EQ(jrun({"up", config()}).exit_code, 0);
  auto mark = [&](const std::string& text) {
    ASSERT_EQ(jrun({"cmd", "beta", "sh", "-c", "echo " + text + " > /root/mark"}).exit_code, 0);
  };
  mark("one");
  start_shell();
  keys("snapshot");
  key("Enter");
  wait_screen("Snapshot action:");
  key("Enter");  // create
  wait_screen("Which jail?");
  key("Down");
  key("Enter");  // beta
  wait_screen("Snapshot name");
  keys("before-upgrade");
  key("Enter");
  std::string pane = wait_screen("Snapshot 'before-upgrade' created for 'beta'.");
  EXPECT_THAT(pane, HasSubstr("? Which jail?  beta"));
  mark("two");
  // rollback offers the jail's snapshots, asks, and rolls the jail back.
  keys("snapshot");
  key("Enter");
  wait_screen("Snapshot action:", 2);
  key("Down");
  key("Down");
  key("Enter");  // rollback
  wait_screen("Which jail?", 2);
  key("Down");
  key("Enter");  // beta
  EXPECT_THAT(wait_screen("Roll back to:"), HasSubstr("❯ before-upgrade"));
  key("Enter");
  wait_screen("[y/N]");
  keys("y");
  key("Enter");
  pane = wait_screen("Rolled back 'beta' to 'before-upgrade'.");
  EXPECT_EQ(jrun({"cmd", "beta", "cat", "/root/mark"}).out, "one\n");
  // A jail without snapshots: said so, and the shell goes on.
  keys("snapshot");
  key("Enter");
  wait_screen("Snapshot action:", 3);
  key("Down");
  key("Down");
  key("Down");
  key("Enter");  // delete
  wait_screen("Which jail?", 3);
  key("Enter");  // alpha
  EXPECT_THAT(wait_screen("No snapshots of 'alpha'."), HasSubstr("No snapshots of 'alpha'."));
  // pair is not built: said plainly, no wizard.
  keys("pair");
  key("Enter");
  EXPECT_THAT(wait_screen("pair is not built"), HasSubstr("needs the mesh"));
  expect_sane_terminal();
}

TEST_F(ShellTest, CtrlCAndEscapeInAPickerCancelAndLeaveASaneTerminal) {
  ASSERT_EQ(jrun({"up", config()}).exit_code, 0);
  start_shell();
  keys("down");
  key("Enter");
  wait_screen("Destroy which jails?");
  key("C-c");
  EXPECT_THAT(wait_screen("Aborted."), HasSubstr("? Destroy which jails?  cancelled"));
  keys("ssh");
  key("Enter");
  wait_screen("SSH into:");
  key("Escape");
  wait_screen("Aborted.", 2);
  EXPECT_EQ(recorded_jails(), (std::vector<std::string>{"alpha", "beta"}));
  expect_sane_terminal();
}

TEST_F(ShellTest, DumbTerminalKeepsTheNumberedMenu) {
  ASSERT_EQ(jrun({"up", config()}).exit_code, 0);
  start_shell("dumb");
  keys("down");
  key("Enter");
  std::string pane = wait_screen("numbers ›");
  EXPECT_THAT(pane, HasSubstr("2) beta"));
  EXPECT_THAT(pane, HasSubstr("3) Cancel"));
  keys("3");
  key("Enter");
  EXPECT_THAT(wait_screen("Aborted."), HasSubstr("Aborted."));
  expect_sane_terminal();
}

TEST_F(ShellTest, SnapshotCommandsWaitForTheStateLock) {
  ASSERT_EQ(jrun({"up", config()}).exit_code, 0);
  // Another jrun holds the lock for a while.
  const std::string lock = shell_quote(home_ + "/state.lock");
  sh("setsid -f flock -x " + lock + " sleep 4");
  // Held once a non-blocking flock of our own fails.
  for (int i = 0; i < 100 && sh("flock -n " + lock + " true").exit_code == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_NE(sh("flock -n " + lock + " true").exit_code, 0) << "the lock was never taken";
  extra_env_.push_back({"JRUN_LOCK_TIMEOUT", "1"});
  JrunRun create = jrun({"snapshot", "create", "alpha", "s1"});
  EXPECT_EQ(create.exit_code, 1);
  EXPECT_THAT(create.err, HasSubstr("state.lock")) << create.out;
  JrunRun list = jrun({"snapshot", "list", "alpha"});  // reading takes no lock
  EXPECT_THAT(list.err, Not(HasSubstr("state.lock")));
  EXPECT_EQ(sh("flock -w 10 " + lock + " true").exit_code, 0);  // the holder is gone
}

TEST_F(ShellTest, ImageDownloadShowsALiveBarAndCtrlCKeepsThePart) {
  HttpTestServer server(18500, 18599);
  server.serve("/img.raw", std::string(8 << 20, 'x'));
  server.stall_once_after("/img.raw", 3 << 20);
  // A kernel setting skips the firmware lookup; the download comes first anyway.
  start_bash("JRUN_PROVIDER=vm JRUN_VM_IMAGE=" + server.url("/img.raw") +
             " JRUN_VM_KERNEL=" + dir_ + "/no-kernel ");
  keys(std::string(std::getenv("JRUN_BINARY")) + " start");
  key("Enter");
  const std::string bar = wait_screen("3.0 MiB / 8.0 MiB");
  EXPECT_THAT(bar, HasSubstr("downloading img.raw  ["));
  EXPECT_THAT(bar, HasSubstr(" 37%"));
  key("C-c");
  const std::string stopped = wait_screen("next run resumes it");
  EXPECT_THAT(stopped, HasSubstr("downloading img.raw  3.0 MiB in "));
  EXPECT_EQ(std::filesystem::file_size(home_ + "/cache/images/img.raw.download.part"), 3u << 20);
  keys("stty -a | tr ' ' '\\n' | grep -x -e echo -e icanon | sort | tr '\\n' ' '; echo END");
  key("Enter");
  EXPECT_THAT(wait_screen("echo icanon END"), HasSubstr("echo icanon END"));
}

TEST_F(ShellTest, AQuietStepShowsASpinnerThatIsErasedAfterwards) {
  // 'a' waits for 'b' to pass a health check that takes a few seconds.
  const std::string config = write_config(R"(jail "a" {
  depends { b { condition = "healthy"; } }
  exec { s { cmd = "exec sleep 100000"; } }
}
jail "b" {
  exec {
    s {
      cmd = "exec sleep 100000";
      healthcheck { test = "test -f /tmp/ok || { sleep 6; touch /tmp/ok; false; }"; interval = 2s; }
    }
  }
}
)");
  start_bash("");
  keys(std::string(std::getenv("JRUN_BINARY")) + " up " + config);
  key("Enter");
  EXPECT_THAT(wait_screen("to be healthy  "), HasSubstr("a: waiting for 'b' to be healthy  "));
  const std::string done = wait_screen("Deploy complete");
  EXPECT_THAT(done, HasSubstr("> a: waiting for 'b' to be healthy\n"));
  EXPECT_THAT(done, Not(HasSubstr("to be healthy  "))) << done;
}

}  // namespace
}  // namespace jrun::testing
