// The real process runner against /bin/sh: exit codes, capture, stdin, timeouts, big outputs.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "jrun/host/process_runner_posix.h"

namespace jrun::host {
namespace {

using ::testing::HasSubstr;

Command sh(const std::string& script) {
  Command c;
  c.argv = {"/bin/sh", "-c", script};
  return c;
}

TEST(PosixProcessRunner, CapturesStdoutStderrAndExitCode) {
  PosixProcessRunner runner;
  auto r = runner.run(sh("echo out; echo err >&2; exit 3"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->exit_code, 3);
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_FALSE(r->timed_out);
}

// A descriptor jrun inherited without close-on-exec (its caller's lock, say) must not reach
// a child: a jail's init started by a script would hold it for the jail's life.
TEST(PosixProcessRunner, InheritedDescriptorsDoNotReachTheChild) {
  int fd = ::open("/dev/null", O_RDONLY);  // no O_CLOEXEC, as a caller's descriptor would be
  ASSERT_GE(fd, 3);
  PosixProcessRunner runner;
  auto r = runner.run(
      sh("test -e /proc/self/fd/" + std::to_string(fd) + " && echo open || echo closed"));
  ::close(fd);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "closed\n");
}

TEST(PosixProcessRunner, ArgumentsAreNotInterpreted) {
  PosixProcessRunner runner;
  Command c;
  c.argv = {"printf", "%s|", "$(id)", "a b", "'\"", ";"};
  auto r = runner.run(c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "$(id)|a b|'\"|;|");
}

TEST(PosixProcessRunner, FeedsStdin) {
  PosixProcessRunner runner;
  Command c = sh("tr a-z A-Z");
  c.stdin_data = "hello\n";
  auto r = runner.run(c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "HELLO\n");
}

TEST(PosixProcessRunner, EmptyStdinIsEndOfFile) {
  PosixProcessRunner runner;
  auto r = runner.run(sh("cat; echo done"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "done\n");
}

TEST(PosixProcessRunner, LargeOutputAndInputDoNotDeadlock) {
  PosixProcessRunner runner;
  Command c = sh("cat; head -c 3000000 /dev/zero >&2");
  c.stdin_data = std::string(5'000'000, 'x');
  auto r = runner.run(c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out.size(), 5'000'000u);
  EXPECT_EQ(r->err.size(), 3'000'000u);
}

TEST(PosixProcessRunner, ChildThatIgnoresStdinDoesNotKillUs) {
  PosixProcessRunner runner;
  Command c = sh("exit 0");
  c.stdin_data = std::string(1'000'000, 'x');
  auto r = runner.run(c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->exit_code, 0);
}

TEST(PosixProcessRunner, TimeoutKillsTheWholeGroup) {
  PosixProcessRunner runner;
  Command c = sh("sleep 30 & sleep 30; echo never");
  c.timeout = std::chrono::milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  auto r = runner.run(c);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(r->exit_code, 128 + 15);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(PosixProcessRunner, TermIgnoredEscalatesToKill) {
  PosixProcessRunner runner;
  Command c = sh("trap '' TERM; while :; do sleep 0.05; done");
  c.timeout = std::chrono::milliseconds(100);
  auto r = runner.run(c);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->timed_out);
  EXPECT_EQ(r->exit_code, 128 + 9);
}

TEST(PosixProcessRunner, DaemonHoldingThePipeDoesNotBlock) {
  PosixProcessRunner runner;
  auto start = std::chrono::steady_clock::now();
  auto r = runner.run(sh("sleep 3 & echo started"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "started\n");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(PosixProcessRunner, InterruptStopsTheChild) {
  std::atomic<bool> interrupted{false};
  PosixProcessRunner runner(&interrupted);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    interrupted = true;
  });
  auto r = runner.run(sh("sleep 30"));
  stopper.join();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::kInterrupted);
}

TEST(PosixProcessRunner, EnvAndCwdApply) {
  PosixProcessRunner runner;
  Command c = sh("echo \"$JRUN_TEST_VALUE\"; pwd");
  c.env = {{"JRUN_TEST_VALUE", "a b;$(x)"}};
  c.cwd = "/tmp";
  auto r = runner.run(c);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "a b;$(x)\n/tmp\n");
}

TEST(PosixProcessRunner, MissingProgramIsAnError) {
  PosixProcessRunner runner;
  Command c;
  c.argv = {"jrun-no-such-program"};
  auto r = runner.run(c);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message, HasSubstr("program not found: jrun-no-such-program"));
}

TEST(PosixProcessRunner, BadWorkingDirectoryIsAnError) {
  PosixProcessRunner runner;
  Command c = sh("true");
  c.cwd = "/no/such/dir";
  auto r = runner.run(c);
  ASSERT_FALSE(r);
  EXPECT_THAT(r.error().message, HasSubstr("/no/such/dir"));
}

TEST(PosixProcessRunner, AttachedReturnsTheExitCode) {
  PosixProcessRunner runner;
  auto r = runner.run_attached(sh("exit 7"));
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 7);
}

TEST(PosixProcessRunner, ParallelRunsDoNotShareTheirPipes) {
  PosixProcessRunner runner;
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      auto r = runner.run(sh("echo " + std::to_string(i)));
      if (r && r->out == std::to_string(i) + "\n") ++good;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 8);
}

}  // namespace
}  // namespace jrun::host
