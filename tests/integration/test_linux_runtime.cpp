// The linux driver's jail runtime for real, as root: namespaces, overlay, cgroups, live mounts,
// teardown. Each test has its own data dir, bridge (jrt0, 10.231.7.0/24), netns prefix and
// cgroup; TearDown purges even after a failure.

#include <unistd.h>

#include <chrono>

#include "jrun/base/strings.h"
#include "jrun/host/linux/network.h"
#include "test_linux_runtime_support.h"

namespace jrun::host::linux_driver::testing {
namespace {

using Clock = std::chrono::steady_clock;

TEST_F(LinuxRuntimeTest, CreatedJailIsIsolated) {
  const std::string marker = "jrun-lrt-marker-" + std::to_string(getpid());
  host("touch /root/" + marker);
  const auto start = Clock::now();
  create("web");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  std::printf("[ measure ] prepare+create: %lld ms\n", static_cast<long long>(ms.count()));

  auto probed = driver_->probe();
  ASSERT_TRUE(probed.has_value());
  EXPECT_TRUE(probed->jails["web"].running);

  EXPECT_EQ(in_jail("web", "cat /proc/sys/kernel/hostname"), "web\n");
  EXPECT_EQ(in_jail("web", "tr '\\0' ' ' < /proc/1/cmdline").rfind("/usr/bin/tini", 0), 0U);
  const int processes = std::stoi(in_jail("web", "ls /proc | grep -c '^[0-9]'"));
  EXPECT_LE(processes, 5) << "jail sees host processes";
  int code = 0;
  in_jail("web", "test -e /root/" + marker, &code);
  EXPECT_NE(code, 0) << "host /root visible";
  in_jail("web", "test -e " + shell_quote(layout_.data_dir), &code);
  EXPECT_NE(code, 0) << "data dir visible";
  in_jail("web", "touch /usr/jrun-test 2>/dev/null", &code);
  EXPECT_NE(code, 0) << "/usr writable";
  EXPECT_EQ(in_jail("web", "cut -d: -f1 /etc/passwd | tr '\\n' ' '"), "root nobody ");
  EXPECT_EQ(in_jail("web", "grep -c . /etc/shadow"), "2\n");
  in_jail("web", "echo hi > /root/x && echo hi > /tmp/y && cat /root/x /tmp/y", &code);
  EXPECT_EQ(code, 0) << "jail's own /root and /tmp not writable";
  EXPECT_NE(in_jail("web", "cat /etc/hosts").find("10.231.7.11"), std::string::npos);
  host("rm -f /root/" + marker);
}

TEST_F(LinuxRuntimeTest, EnterPassesExitCode) {
  create("web");
  auto code = driver_->enter("web", {"/bin/sh", "-c", "exit 7"}, false);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 7);
  auto missing = driver_->enter("nope", {"/bin/true"}, false);
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(*missing, 125);
}

TEST_F(LinuxRuntimeTest, DestroyLeavesNothing) {
  create("web");
  const std::string pid = init_pid("web");
  ASSERT_FALSE(pid.empty());
  const auto start = Clock::now();
  auto destroyed = driver_->destroy("web");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
  std::printf("[ measure ] destroy: %lld ms\n", static_cast<long long>(ms.count()));
  ASSERT_TRUE(destroyed.has_value()) << destroyed.error().message;
  EXPECT_EQ(host("ip netns list | grep -c " + netns_name("web", layout_) + " || true"), "0\n");
  EXPECT_EQ(host("ip link show " + veth_name("web", layout_) + " >/dev/null 2>&1 || echo gone"),
            "gone\n");
  EXPECT_EQ(host("grep -c " + shell_quote(data_dir_) + " /proc/self/mountinfo || true"), "0\n");
  EXPECT_EQ(host("test -e /proc/" + pid + " && echo alive || echo gone"), "gone\n");
  EXPECT_EQ(host("test -e " + shell_quote(layout_.jail_dir("web")) + " || echo gone"), "gone\n");
  EXPECT_EQ(host("ls -d /sys/fs/cgroup/jrt/web /sys/fs/cgroup/*/jrt/web 2>/dev/null | wc -l"),
            "0\n");
  auto again = driver_->destroy("web");
  EXPECT_TRUE(again.has_value()) << "destroy is not idempotent";
  auto probed = driver_->probe();
  ASSERT_TRUE(probed.has_value());
  EXPECT_EQ(probed->jails.count("web"), 0U);
}

TEST_F(LinuxRuntimeTest, CreateCleansUpHalfCreatedJail) {
  create("web");
  host("kill -KILL " + init_pid("web") + "; sleep 0.2");
  auto probed = driver_->probe();
  ASSERT_TRUE(probed.has_value());
  EXPECT_TRUE(probed->jails["web"].exists);
  EXPECT_FALSE(probed->jails["web"].running);
  create("web");
  EXPECT_EQ(in_jail("web", "hostname 2>/dev/null || cat /proc/sys/kernel/hostname"), "web\n");
}

}  // namespace
}  // namespace jrun::host::linux_driver::testing
