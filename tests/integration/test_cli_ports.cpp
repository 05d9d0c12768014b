// Forwards and neighbours through the binary: a forward never takes over a host port something
// else listens on (plan and up refuse it, nothing changes; doctor reports a recorded one), and a
// jail rolled back keeps its MAC, so another jail reaches it again at once. Bridge jrw0,
// 10.231.92.0/24, ports 18695-18697.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "cli_fixture.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

class CliPorts : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jrw0";
    subnet_ = "10.231.92.0/24";
    CliTest::SetUp();
  }

  void TearDown() override {
    if (!listener_.empty()) sh("kill " + listener_);
    CliTest::TearDown();
  }

  /// Starts a host server on `address`:`port` answering "host server"; waits until it listens.
  void listen(const std::string& address, int port) {
    const std::string p = std::to_string(port);
    sh("mkdir -p " + dir_ + "/hostsrv && echo 'host server' > " + dir_ + "/hostsrv/index.html");
    host::ProcessResult r =
        sh("cd " + dir_ + "/hostsrv && setsid -f python3 -m http.server " + p + " --bind " +
           address + " >/dev/null 2>&1 </dev/null; i=0; while ! ss -ltn 'sport = :" + p +
           "' | grep -q LISTEN && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done; "
           "pgrep -n -f 'm http.server " +
           p + "'");
    listener_ = std::string(trim(r.out));
    ASSERT_FALSE(listener_.empty());
  }

  std::string listener_;
};

TEST_F(CliPorts, AForwardOnAPortTheHostListensOnIsRefusedBeforeAnythingChanges) {
  listen("127.0.0.1", 18695);
  ASSERT_EQ(http_get(18695), "host server\n");
  const std::string config = write_config(R"(jail "p" {
  forward { http { host = 18695; jail = 8080; } }
  exec { web { cmd = "exec python3 -m http.server 8080"; } }
}
)");
  JrunRun plan = jrun({"plan", config});
  EXPECT_EQ(plan.exit_code, 2) << plan.out << plan.err;
  EXPECT_THAT(plan.err, HasSubstr("config.ucl:2:27"));
  EXPECT_THAT(plan.err, HasSubstr("tcp/18695 is in use on this host"));
  JrunRun up = jrun({"up", config});
  EXPECT_EQ(up.exit_code, 2) << up.out << up.err;
  EXPECT_THAT(up.err, HasSubstr("tcp/18695 is in use on this host"));
  // Nothing changed: no bridge, no jail, and the host's server still answers.
  EXPECT_NE(sh("ip link show dev jrw0").exit_code, 0);
  EXPECT_THAT(jrun({"status"}).out, HasSubstr("No jails"));
  EXPECT_EQ(http_get(18695), "host server\n");

  // A wildcard listener covers 127.0.0.1 too.
  sh("kill " + listener_);
  listener_.clear();
  listen("0.0.0.0", 18696);
  JrunRun wild = jrun({"plan", write_config(R"(jail "p" {
  forward { http { host = 18696; jail = 8080; } }
}
)")});
  EXPECT_EQ(wild.exit_code, 2) << wild.out << wild.err;
  EXPECT_THAT(wild.err, HasSubstr("tcp/18696 is in use"));
}

TEST_F(CliPorts, OwnForwardsPassAndDoctorReportsOneSomethingElseNowListensOn) {
  const std::string config = write_config(R"(jail "p" {
  forward { http { host = 18697; jail = 8080; } }
  exec { web { cmd = "mkdir -p /srv && cd /srv && echo jail > index.html && exec python3 -m http.server 8080"; } }
}
)");
  JrunRun up = jrun({"up", config});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  ASSERT_EQ(http_get(18697), "jail\n");
  // Its own recorded forward is not "in use by something else".
  JrunRun again = jrun({"up", config});
  EXPECT_EQ(again.exit_code, 0) << again.out << again.err;
  // Someone starts a server on the port later: doctor says so.
  listen("0.0.0.0", 18697);
  JrunRun doctor = jrun({"doctor"});
  EXPECT_THAT(doctor.out, HasSubstr("forward p/http tcp 127.0.0.1:18697")) << doctor.out;
  EXPECT_THAT(doctor.out, HasSubstr("0.0.0.0:18697")) << doctor.out;
}

TEST_F(CliPorts, AnotherJailReachesARolledBackJailAtOnce) {
  const std::string config = write_config(R"(jail "a" {
  exec { idle { cmd = "exec sleep 100000"; } }
}
jail "b" {
  exec { web { cmd = "mkdir -p /srv && cd /srv && echo b > index.html && exec python3 -m http.server 8080"; } }
}
)");
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  auto fetch = [&] {
    return jrun({"cmd", "a", "python3", "-c",
                 "import urllib.request;print(urllib.request.urlopen('http://b:8080/index.html',"
                 " timeout=1).read().decode().strip())"})
        .out;
  };
  auto until = Clock::now() + std::chrono::seconds(20);
  while (fetch() != "b\n" && Clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_EQ(fetch(), "b\n") << "a never reached b";
  const std::string mac_before =
      std::string(trim(jrun({"cmd", "b", "cat", "/sys/class/net/eth0/address"}).out));
  ASSERT_EQ(jrun({"snapshot", "create", "b", "s"}).exit_code, 0);
  JrunRun back = jrun({"snapshot", "rollback", "b", "s", "--yes"});
  ASSERT_EQ(back.exit_code, 0) << back.out << back.err;
  EXPECT_EQ(std::string(trim(jrun({"cmd", "b", "cat", "/sys/class/net/eth0/address"}).out)),
            mac_before);
  // From the end of the rollback to the first answer b gives a: its server starting, no ARP
  // entry going stale (a new random MAC took ~40 s).
  const auto start = Clock::now();
  until = start + std::chrono::seconds(15);
  while (fetch() != "b\n" && Clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const auto took = Clock::now() - start;
  EXPECT_LT(took, std::chrono::seconds(4))
      << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";
}

}  // namespace
}  // namespace jrun::testing
