// The linux driver changing running jails: live mounts (both ways, hostile paths), cgroup
// limits, clones of a running jail, services applied and logged.

#include <unistd.h>

#include "jrun/base/strings.h"
#include "test_linux_runtime_support.h"

namespace jrun::host::linux_driver::testing {
namespace {

TEST_F(LinuxRuntimeTest, MountAddedAndRemovedLive) {
  create("web");
  const std::string before = init_pid("web");
  const std::string dir = data_dir_ + "/host dir 'q' $(touch pwned); x";
  host("mkdir -p " + shell_quote(dir) + " && echo from-host > " + shell_quote(dir + "/a"));
  model::Mount mount;
  mount.name = "data";
  mount.host = dir;
  mount.jail = "/srv/my data/'$(id)';`x`";
  jail_config("web").mounts = {mount};
  const std::string jail_path = shell_quote(mount.jail);

  auto applied = driver_->apply(instance("web"), {"mounts"});
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_EQ(in_jail("web", "cat " + jail_path + "/a"), "from-host\n");
  in_jail("web", "echo from-jail > " + jail_path + "/b");
  EXPECT_EQ(host("cat " + shell_quote(dir + "/b")), "from-jail\n");
  host("echo later > " + shell_quote(dir + "/c"));
  EXPECT_EQ(in_jail("web", "cat " + jail_path + "/c"), "later\n");
  // Nothing of the hostile names ran: no file "pwned" in the data dir, /, or the jail's /.
  EXPECT_EQ(host("ls -a " + shell_quote(data_dir_) + " / | grep -cx pwned || true"), "0\n");
  EXPECT_EQ(in_jail("web", "ls -a / /srv | grep -cx pwned || true"), "0\n");

  auto again = driver_->apply(instance("web"), {"mounts"});
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(in_jail("web", "grep -c ' /srv/my' /proc/self/mountinfo"), "1\n") << "mounted twice";

  jail_config("web").mounts.clear();
  auto removed = driver_->apply(instance("web"), {"mounts"});
  ASSERT_TRUE(removed.has_value()) << removed.error().message;
  int code = 0;
  in_jail("web", "test -e " + jail_path + "/a", &code);
  EXPECT_NE(code, 0) << "mount still visible in the jail";
  EXPECT_EQ(host("cat " + shell_quote(dir + "/a")), "from-host\n") << "host dir damaged";
  EXPECT_EQ(host("grep -c " + shell_quote(layout_.jail_dir("web") + "/propagate/") +
                 " /proc/self/mountinfo || true"),
            "0\n");
  EXPECT_EQ(init_pid("web"), before) << "jail restarted";
}

TEST_F(LinuxRuntimeTest, MountsOfCreateAreInPlace) {
  const std::string dir = data_dir_ + "/shared";
  host("mkdir -p " + shell_quote(dir) + " && echo hi > " + shell_quote(dir + "/f"));
  model::Mount mount;
  mount.name = "shared";
  mount.host = dir;
  mount.jail = "/srv/shared";
  jail_config("web").mounts = {mount};
  create("web");
  EXPECT_EQ(in_jail("web", "cat /srv/shared/f"), "hi\n");
  auto destroyed = driver_->destroy("web");
  ASSERT_TRUE(destroyed.has_value()) << destroyed.error().message;
  EXPECT_EQ(host("cat " + shell_quote(dir + "/f")), "hi\n") << "destroy touched the host dir";
}

std::string cgroup_file(const std::string& v1, const std::string& v2) {
  return "if [ -f /sys/fs/cgroup/cgroup.controllers ]; then cat /sys/fs/cgroup/jrt/web/" + v2 +
         "; else cat /sys/fs/cgroup/" + v1 + "; fi";
}

TEST_F(LinuxRuntimeTest, LimitsLandInTheCgroup) {
  model::Jail& config = jail_config("web");
  config.limits.cpu = 0.5;
  config.limits.memory = 256ULL << 20;
  config.limits.processes = 64;
  create("web");
  const bool v2 = host("test -f /sys/fs/cgroup/cgroup.controllers && echo 2") == "2\n";
  if (v2) {
    EXPECT_EQ(host(cgroup_file("", "cpu.max")), "50000 100000\n");
    EXPECT_EQ(host(cgroup_file("", "memory.max")), "268435456\n");
  } else {
    EXPECT_EQ(host("cat /sys/fs/cgroup/cpu/jrt/web/cpu.cfs_quota_us"), "50000\n");
    EXPECT_EQ(host("cat /sys/fs/cgroup/memory/jrt/web/memory.limit_in_bytes"), "268435456\n");
    EXPECT_EQ(host("cat /sys/fs/cgroup/pids/jrt/web/pids.max"), "64\n");
    // Every process of the jail is in the group.
    EXPECT_NE(host("cat /sys/fs/cgroup/pids/jrt/web/cgroup.procs").find(init_pid("web")),
              std::string::npos);
  }
  config.limits.cpu = 2;
  config.limits.processes.reset();
  auto applied = driver_->apply(instance("web"), {"limits"});
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  if (v2) {
    EXPECT_EQ(host(cgroup_file("", "cpu.max")), "200000 100000\n");
    EXPECT_EQ(host(cgroup_file("", "pids.max")), "max\n");
  } else {
    EXPECT_EQ(host("cat /sys/fs/cgroup/cpu/jrt/web/cpu.cfs_quota_us"), "200000\n");
    EXPECT_EQ(host("cat /sys/fs/cgroup/pids/jrt/web/pids.max"), "max\n");
  }
}

TEST_F(LinuxRuntimeTest, CloneCopiesTheBaseAsItIsNow) {
  create("base");
  in_jail("base", "mkdir -p /srv/app && echo v1 > /srv/app/state && echo x > /etc/machine-id");
  const auto start = std::chrono::steady_clock::now();
  create("copy", "base");
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  std::printf("[ measure ] prepare+create of a clone: %lld ms\n",
              static_cast<long long>(ms.count()));
  EXPECT_EQ(in_jail("copy", "cat /srv/app/state"), "v1\n");
  EXPECT_EQ(in_jail("copy", "cat /proc/sys/kernel/hostname"), "copy\n");
  EXPECT_EQ(in_jail("copy", "cat /etc/hostname"), "copy\n");
  EXPECT_EQ(in_jail("copy", "cat /etc/machine-id"), "");
  in_jail("copy", "echo v2 > /srv/app/state");
  EXPECT_EQ(in_jail("base", "cat /srv/app/state"), "v1\n") << "clone shares the base's layer";
}

TEST_F(LinuxRuntimeTest, ServicesRunAndLog) {
  model::Exec exec;
  exec.name = "hello";
  exec.cmd = "echo \"it's $GREETING; $(echo sub)\"; exec sleep 1000";
  exec.env = {{"GREETING", "hi 'there' $HOME"}};
  jail_config("web").execs = {exec};
  create("web");
  auto applied = driver_->apply(instance("web"), {"execs"});
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  std::string log;
  for (int i = 0; i < 50 && log.empty(); ++i) {
    log = in_jail("web", "cat /var/log/jrun/hello.log 2>/dev/null");
    if (log.empty()) usleep(100000);
  }
  // "YYYY-MM-DDTHH:MM:SSZ " from the wrapper's timestamper, then the line as printed.
  ASSERT_GT(log.size(), 21U) << log;
  EXPECT_EQ(log.substr(21), "it's hi 'there' $HOME; sub\n");
  auto services = driver_->services("web");
  ASSERT_TRUE(services.has_value()) << services.error().message;
  ASSERT_EQ(services->size(), 1U);
  EXPECT_EQ((*services)[0].name, "hello");
  host::LogsQuery query;
  query.service = "hello";
  query.lines = 5;
  auto code = driver_->logs("web", query);
  ASSERT_TRUE(code.has_value());
  EXPECT_EQ(*code, 0);
}

}  // namespace
}  // namespace jrun::host::linux_driver::testing
