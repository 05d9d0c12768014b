// A jail whose init died (the machine rebooted, someone killed it) is started again by the next
// `up` over its own writes; `down` + `up` still makes a new jail. Snapshots of linux jails: create,
// list, rollback (newer ones destroyed, services back), delete. Bridge jrk0, 10.231.70.0/24,
// port 18650.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "cli_fixture.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;

constexpr const char* kConfig = R"(jail "keep" {
  forward { http { host = 18650; jail = 8080; } }
  exec { server { cmd = "mkdir -p /srv/www && cd /srv/www && exec python3 -m http.server 8080 --bind 0.0.0.0"; } }
}
)";

class CliRestart : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jrk0";
    subnet_ = "10.231.70.0/24";
    CliTest::SetUp();
  }

  std::string init_pid() {
    std::ifstream in(home_ + "/linux/jails/keep/pid");
    std::string pid;
    in >> pid;
    return pid;
  }

  /// Kills the jail's init with SIGKILL (its PID namespace dies with it), as a crash or a reboot
  /// would, and waits until it is gone.
  void kill_init() {
    const std::string pid = init_pid();
    ASSERT_FALSE(pid.empty());
    ASSERT_EQ(sh("kill -KILL " + pid).exit_code, 0);
    auto until = Clock::now() + std::chrono::seconds(10);
    while (sh("test -e /proc/" + pid).exit_code == 0 && Clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_NE(sh("test -e /proc/" + pid).exit_code, 0) << "init " << pid << " survived SIGKILL";
  }
};

TEST_F(CliRestart, ADeadJailStartsAgainOverItsOwnWrites) {
  const std::string config = write_config(kConfig);
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  ASSERT_EQ(jrun({"cmd", "keep", "sh", "-c", "echo kept > /srv/www/index.html"}).exit_code, 0);
  ASSERT_EQ(http_get(18650), "kept\n");
  const std::string first_init = init_pid();

  kill_init();
  EXPECT_NE(sh("curl -fsS -m 2 http://127.0.0.1:18650/index.html").exit_code, 0);

  JrunRun again = jrun({"up", config});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(init_pid(), first_init);
  // The file written inside the jail (not a mount) survived, and the service serves it again.
  EXPECT_EQ(http_get(18650), "kept\n");
  EXPECT_EQ(jrun({"cmd", "keep", "cat", "/srv/www/index.html"}).out, "kept\n");
}

TEST_F(CliRestart, DownThenUpMakesANewJail) {
  const std::string config = write_config(kConfig);
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  ASSERT_EQ(jrun({"cmd", "keep", "sh", "-c", "echo old > /srv/www/index.html"}).exit_code, 0);
  ASSERT_EQ(jrun({"down", "--yes"}).exit_code, 0);
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  JrunRun cat = jrun({"cmd", "keep", "sh", "-c", "test -e /srv/www/index.html && echo present"});
  EXPECT_EQ(cat.out, "") << "a destroyed jail's writes came back";
}

TEST_F(CliRestart, AHalfMadeJailIsMadeAnew) {
  const std::string config = write_config(kConfig);
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  ASSERT_EQ(jrun({"cmd", "keep", "sh", "-c", "echo old > /srv/www/index.html"}).exit_code, 0);
  // Without its record of what it was made from, a jail dir is a half-made jail: made anew.
  ASSERT_EQ(sh("rm " + home_ + "/linux/jails/keep/made-from").exit_code, 0);
  kill_init();
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  JrunRun cat = jrun({"cmd", "keep", "sh", "-c", "test -e /srv/www/index.html && echo present"});
  EXPECT_EQ(cat.out, "");
  EXPECT_EQ(sh("cat " + home_ + "/linux/jails/keep/made-from").out, "release= base=");
}

TEST_F(CliRestart, SnapshotsRollTheJailBackAndBringItsServicesBack) {
  const std::string config = write_config(kConfig);
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  auto put = [&](const std::string& text) {
    ASSERT_EQ(
        jrun({"cmd", "keep", "sh", "-c", "echo " + text + " > /srv/www/index.html"}).exit_code, 0);
  };
  put("one");
  JrunRun first = jrun({"snapshot", "create", "keep", "first"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  put("two");
  ASSERT_EQ(jrun({"snapshot", "create", "keep", "second"}).exit_code, 0);
  put("three");
  ASSERT_EQ(http_get(18650), "three\n");
  // The freezer let go of the jail: it still serves, and no freezer cgroup is left behind.
  EXPECT_EQ(sh("find /sys/fs/cgroup/freezer -type d -name keep 2>/dev/null").out, "");
  EXPECT_NE(jrun({"snapshot", "create", "keep", "first"}).exit_code, 0);

  JrunRun list = jrun({"snapshot", "list", "keep", "--json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_LT(list.out.find("\"first\""), list.out.find("\"second\"")) << list.out;

  JrunRun back = jrun({"snapshot", "rollback", "keep", "first", "--yes"});
  ASSERT_EQ(back.exit_code, 0) << back.out << back.err;
  EXPECT_EQ(http_get(18650), "one\n");
  JrunRun after = jrun({"snapshot", "list", "keep", "--json"});
  EXPECT_NE(after.out.find("\"first\""), std::string::npos) << after.out;
  EXPECT_EQ(after.out.find("\"second\""), std::string::npos) << after.out;
  // A converged `up` after the rollback has nothing to do: the jail runs as configured.
  JrunRun up = jrun({"up", config});
  EXPECT_THAT(up.out, HasSubstr("Nothing to deploy")) << up.out << up.err;

  ASSERT_EQ(jrun({"snapshot", "delete", "keep", "first", "--yes"}).exit_code, 0);
  EXPECT_EQ(jrun({"snapshot", "list", "keep", "--json"}).out, "[]\n");
  EXPECT_NE(jrun({"snapshot", "rollback", "keep", "first", "--yes"}).exit_code, 0);
}

}  // namespace
}  // namespace jrun::testing
