// Supervision through the binary (JRUN_MONIT_CYCLE=2s): a killed service comes back within two
// cycles, a failing healthcheck restarts its service, and `condition = "healthy"` holds the
// dependent's execs until the dependency's healthcheck passes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "cli_fixture.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

constexpr auto kCycle = std::chrono::seconds(2);

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CliHealth : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jrh0";
    subnet_ = "10.231.24.0/24";
    CliTest::SetUp();
  }

  /// Waits until the service's PID is non-empty and differs from `old`; returns it ("" = never).
  std::string wait_new_pid(const std::string& jail, const std::string& pattern,
                           const std::string& old, std::chrono::seconds patience) {
    auto until = Clock::now() + patience;
    while (Clock::now() < until) {
      std::string pid = pid_of(jail, pattern);
      if (!pid.empty() && pid != old) return pid;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return "";
  }

  /// How many times the healthcheck of jail h has run (it appends a line to /tmp/checks).
  int checks_run() {
    return std::atoi(
        jrun({"cmd", "h", "sh", "-c", "cat /tmp/checks 2>/dev/null | wc -l"}).out.c_str());
  }
  /// Waits until the healthcheck has run `n` more times: monit has had n chances to act.
  void wait_checks(int n) {
    const int start = checks_run();
    auto until = Clock::now() + (n + 5) * 3 * kCycle;
    while (checks_run() < start + n && Clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ASSERT_GE(checks_run(), start + n) << "the healthcheck did not run " << n << " times";
  }
};

TEST_F(CliHealth, AKilledServiceIsRestartedWithinTwoCycles) {
  ASSERT_EQ(jrun({"up", write_config(R"(jail "h" {
  exec { s { cmd = "exec sleep 100000"; } }
}
)")})
                .exit_code,
            0);
  // A running service: monit has seen it start (status "ok", not "start pending").
  auto until = Clock::now() + std::chrono::seconds(15);
  while (jrun({"status", "--show", "services"}).out.find("s ok") == std::string::npos &&
         Clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  const std::string first = wait_new_pid("h", "sleep 100000", "", std::chrono::seconds(10));
  ASSERT_FALSE(first.empty());
  ASSERT_EQ(split(first, '\n').size(), 1u) << first;
  auto killed_at = Clock::now();
  ASSERT_EQ(jrun({"cmd", "h", "kill", "-9", first}).exit_code, 0);
  const std::string second = wait_new_pid("h", "sleep 100000", first, std::chrono::seconds(15));
  const auto took = Clock::now() - killed_at;
  ASSERT_FALSE(second.empty()) << "not restarted";
  // Two cycles, plus the time to start it and to notice (pid_of is a jrun round trip).
  EXPECT_LE(took, 2 * kCycle + std::chrono::seconds(2))
      << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
  JrunRun status = jrun({"status", "--show", "services"});
  EXPECT_THAT(status.out, HasSubstr("h"));
}

TEST_F(CliHealth, AFailingHealthcheckRestartsTheService) {
  // The service clears the fault when it starts; the healthcheck fails while it is there.
  ASSERT_EQ(jrun({"up", write_config(R"(jail "h" {
  exec {
    s {
      cmd = "rm -f /tmp/unhealthy; exec sleep 100000";
      healthcheck { test = "echo >>/tmp/checks; test ! -e /tmp/unhealthy"; interval = 2s; timeout = 1s; retries = 1; }
    }
  }
}
)")})
                .exit_code,
            0);
  const std::string first = wait_new_pid("h", "sleep 100000", "", std::chrono::seconds(10));
  ASSERT_FALSE(first.empty());
  // Healthy: left alone while the healthcheck passes three times.
  wait_checks(3);
  ASSERT_EQ(pid_of("h", "sleep 100000"), first);

  ASSERT_EQ(jrun({"cmd", "h", "touch", "/tmp/unhealthy"}).exit_code, 0);
  const std::string second = wait_new_pid("h", "sleep 100000", first, std::chrono::seconds(20));
  ASSERT_FALSE(second.empty()) << "a failing healthcheck did not restart the service";
  EXPECT_NE(jrun({"cmd", "h", "test", "-e", "/tmp/unhealthy"}).exit_code, 0);
  // Healthy again: stays up while the healthcheck passes three times.
  wait_checks(3);
  EXPECT_EQ(pid_of("h", "sleep 100000"), second);
}

TEST_F(CliHealth, HealthyDependsWaitsForTheDependencysHealthcheck) {
  std::filesystem::create_directories(dir_ + "/out");
  // b turns healthy 4 s after it starts; a's exec records when it starts.
  JrunRun up = jrun({"up", write_config(R"(jail "a" {
  depends { b { condition = "healthy"; } }
  mount { out { host = "out"; jail = "/srv/out"; } }
  exec { s { cmd = "date +%s.%N > /srv/out/a-started; exec sleep 100000"; } }
}
jail "b" {
  mount { out { host = "out"; jail = "/srv/out"; } }
  exec {
    s {
      cmd = "date +%s.%N > /srv/out/b-started; sleep 4; date +%s.%N > /srv/out/b-ready; touch /tmp/ready; exec sleep 100000";
      healthcheck { test = "test -e /tmp/ready"; interval = 2s; timeout = 1s; retries = 10; }
    }
  }
}
)")});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_THAT(up.out + up.err, HasSubstr("waiting for 'b' to be healthy"));
  const std::string out = dir_ + "/out/";
  for (int i = 0; i < 100 && read_file(out + "a-started").empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const double b_started = std::atof(read_file(out + "b-started").c_str());
  const double b_ready = std::atof(read_file(out + "b-ready").c_str());
  const double a_started = std::atof(read_file(out + "a-started").c_str());
  ASSERT_GT(b_started, 0);
  ASSERT_GT(b_ready, 0) << "b never became ready";
  ASSERT_GT(a_started, 0) << "a's exec never started";
  EXPECT_GE(b_ready - b_started, 3.9);
  EXPECT_GT(a_started, b_ready) << "a started " << (b_ready - a_started) << " s before b was ready";
}

}  // namespace
}  // namespace jrun::testing
