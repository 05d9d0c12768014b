// `jrun up/down/purge/status/cmd` through the real binary on the local provider (root).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <future>

#include "cli_fixture.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string web_config(int port) {
  return R"(jail "web" {
  forward { http { host = )" +
         std::to_string(port) + R"(; jail = 8080; } }
  mount { site { host = "site"; jail = "/srv/site"; } }
  exec { server { cmd = "python3 -m http.server 8080 --bind 0.0.0.0"; dir = "/srv/site"; } }
}
)";
}

TEST_F(CliTest, UpServesTheMountedFileThroughTheForward) {
  JrunRun up = jrun({"up", write_config(web_config(17791))});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_THAT(up.out, HasSubstr("✓ Deploy complete (web)."));
  EXPECT_EQ(http_get(17791), "hello from jrun\n");
  JrunRun status = jrun({"status", "--show", "services"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_THAT(status.out, HasSubstr("web"));
  EXPECT_THAT(status.out, HasSubstr(" up "));
}

TEST_F(CliTest, SecondUpDoesNothingAndKeepsTheService) {
  std::string config = write_config(web_config(17792));
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  ASSERT_EQ(http_get(17792), "hello from jrun\n");
  std::string pid = pid_of("web", "http.server");
  ASSERT_FALSE(pid.empty());
  JrunRun again = jrun({"up", config});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("✓ Nothing to deploy — all jails up to date."));
  EXPECT_EQ(pid_of("web", "http.server"), pid);
}

TEST_F(CliTest, ChangingAForwardChangesOnlyThatForward) {
  ASSERT_EQ(jrun({"up", write_config(web_config(17793))}).exit_code, 0);
  ASSERT_EQ(http_get(17793), "hello from jrun\n");
  std::string pid = pid_of("web", "http.server");
  JrunRun changed = jrun({"up", write_config(web_config(17794))});
  ASSERT_EQ(changed.exit_code, 0) << changed.out << changed.err;
  EXPECT_THAT(changed.out, HasSubstr("~ web"));
  EXPECT_EQ(http_get(17794), "hello from jrun\n");
  EXPECT_NE(sh("curl -fsS -m 2 http://127.0.0.1:17793/index.html").exit_code, 0);
  EXPECT_EQ(pid_of("web", "http.server"), pid);
}

TEST_F(CliTest, CmdPassesTheExitCodeThrough) {
  ASSERT_EQ(jrun({"up", write_config(web_config(17795))}).exit_code, 0);
  JrunRun r = jrun({"cmd", "web", "sh", "-c", "cat /srv/site/index.html; exit 7"});
  EXPECT_EQ(r.exit_code, 7);
  EXPECT_EQ(r.out, "hello from jrun\n");
}

TEST_F(CliTest, DownAndPurgeLeaveNothingBehind) {
  ASSERT_EQ(jrun({"up", write_config(web_config(17796))}).exit_code, 0);
  JrunRun down = jrun({"down", "--yes"});
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_THAT(down.out, HasSubstr("✓ Destroyed web."));
  EXPECT_THAT(jrun({"status"}).out, HasSubstr("No jails"));
  EXPECT_NE(sh("curl -fsS -m 2 http://127.0.0.1:17796/index.html").exit_code, 0);
  ASSERT_EQ(jrun({"purge", "--yes"}).exit_code, 0);
  EXPECT_EQ(sh("ip netns list | grep '^" + bridge_ + "-'").out, "");
  EXPECT_NE(sh("ip link show " + bridge_).exit_code, 0);
  EXPECT_EQ(sh("grep -F " + home_ + " /proc/mounts").out, "");
  EXPECT_EQ(sh("ls " + home_ + "/linux/jails 2>/dev/null").out, "");
}

TEST_F(CliTest, TwoUpsAtOnceOneWaitsForTheLock) {
  std::string config = write_config(web_config(17797));
  auto first = std::async(std::launch::async, [&] { return jrun({"up", config}); });
  auto second = std::async(std::launch::async, [&] { return jrun({"up", config}); });
  JrunRun a = first.get(), b = second.get();
  EXPECT_EQ(a.exit_code, 0) << a.err;
  EXPECT_EQ(b.exit_code, 0) << b.err;
  EXPECT_THAT(a.err + b.err, HasSubstr("waiting for another jrun (pid "));
  EXPECT_THAT(a.out + b.out, HasSubstr("Nothing to deploy"));
  EXPECT_EQ(http_get(17797), "hello from jrun\n");
  JrunRun status = jrun({"status", "--json"});
  EXPECT_EQ(status.exit_code, 0);
  EXPECT_THAT(status.out, HasSubstr("\"state\": \"up\""));
}

}  // namespace
}  // namespace jrun::testing
