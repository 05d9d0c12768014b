// The real jrun binary through the freebsd driver against a fake FreeBSD host: the local
// provider with JRUN_DRIVER=freebsd (a FreeBSD host: uplink, pool and resolvers detected) runs
// the driver's scripts with fake FreeBSD commands first on PATH
// (tests/integration/fake_freebsd/fake.sh), `awk` being Debian's original-awk (FreeBSD's
// one-true-awk), and every host path under JRUN_HOST_ROOT. up → up (nothing to do) → change →
// down, asserting the exact sequence of commands (golden logs in
// tests/golden/freebsd/fake-guest-*.log) and the files left; then the failures FreeBSD would
// show: snapshots and clones, mounts, RACCT, files jrun did not write (issue 13).

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "jrun/host/process_runner_posix.h"

namespace jrun::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCommands[] = {"zfs",
                                     "jexec",
                                     "jls",
                                     "sysrc",
                                     "jail",
                                     "ifconfig",
                                     "sysctl",
                                     "pfctl",
                                     "service",
                                     "fetch",
                                     "sha256",
                                     "tar",
                                     "mount",
                                     "kldload",
                                     "rctl",
                                     "mount_nullfs",
                                     "umount",
                                     "pkg",
                                     "local-unbound-checkconf",
                                     "daemon",
                                     "route",
                                     "zpool"};

// The host's own resolv.conf: jrun leaves it alone and forwards to its non-loopback resolvers.
constexpr const char* kResolvConf =
    "search example.org\nnameserver 192.0.2.53\nnameserver 127.0.0.1\n";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

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
  EXPECT_EQ(read(path), actual) << "golden file " << path;
}

// The test's config: db (forward, exec with a healthcheck, limits) and web (a clone of db that
// waits for it to be healthy, with a mount, a forward and an exec with a hostile env value).
std::string config(bool nginx, int http_port, const std::string& memory) {
  std::string text = R"ucl(
jail "db" {
  forward { pg { host = 16432; jail = 5432; bind = "0.0.0.0"; } }
  exec {
    postgres {
      cmd = "postgres -D /var/db/postgres";
      healthcheck { test = "pg_isready"; interval = 30s; timeout = 5s; retries = 3; }
    }
  }
  limits { memory = ")ucl" +
                     memory + R"ucl("; }
}
jail "web" {
  base { type = "jail"; name = "db"; }
  depends { db { condition = "healthy"; } }
  mount { app { host = "app"; jail = "/srv/app"; } }
  forward { http { host = )ucl" +
                     std::to_string(http_port) + R"ucl(; jail = 80; bind = "0.0.0.0"; } }
)ucl";
  if (nginx) {
    text +=
        R"ucl(  exec { nginx { cmd = "nginx -g 'daemon off;'"; env { GREETING = "it's \"quoted\" $(x)"; } } }
)ucl";
  }
  return text + "}\n";
}

class FreebsdFakeGuest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/jrun-fbsd-guest-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
    for (const char* sub : {"bin", "state", "root", "home", "app"})
      fs::create_directories(dir_ + "/" + sub);
    const std::string fake =
        std::string(JRUN_SOURCE_DIR) + "/tests/integration/fake_freebsd/fake.sh";
    for (const char* command : kCommands) fs::create_symlink(fake, dir_ + "/bin/" + command);
    // FreeBSD's awk is the one-true-awk: Debian's original-awk (scripts/install-deps.sh).
    ASSERT_TRUE(fs::exists("/usr/bin/original-awk")) << "original-awk is not installed";
    fs::create_symlink("/usr/bin/original-awk", dir_ + "/bin/awk");
    fs::create_directories(dir_ + "/root/etc");
    std::ofstream(dir_ + "/root/etc/resolv.conf") << kResolvConf;
  }
  void TearDown() override {
    std::error_code ignored;
    if (!dir_.empty()) fs::remove_all(dir_, ignored);
  }

  void write_config(const std::string& text) { std::ofstream(dir_ + "/config.ucl") << text; }

  host::ProcessResult jrun(const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& extra = {}) {
    host::PosixProcessRunner runner;
    host::Command command;
    command.argv = {std::getenv("JRUN_BINARY")};
    command.argv.insert(command.argv.end(), args.begin(), args.end());
    command.env = {{"PATH", dir_ + "/bin:/usr/bin:/bin"},
                   {"HOME", dir_ + "/home"},
                   {"JRUN_HOME", dir_ + "/home/.jrun"},
                   {"JRUN_PROVIDER", "local"},
                   {"JRUN_DRIVER", "freebsd"},
                   {"JRUN_HOST_ROOT", dir_ + "/root"},
                   {"JRUN_FAKE_STATE", dir_ + "/state"},
                   {"JRUN_MONIT_CYCLE", "10s"},
                   {"NO_COLOR", "1"}};
    for (const auto& [name, value] : extra) command.env.push_back({name, value});
    command.timeout = std::chrono::minutes(2);
    auto result = runner.run(command);
    EXPECT_TRUE(result) << (result ? "" : result.error().message);
    return result ? *result : host::ProcessResult{};
  }

  // The guest commands since the last call, with the temp dir made stable.
  std::string take_log() {
    const std::string path = dir_ + "/state/log";
    std::string log = replace_all(read(path), dir_, "@DIR@");
    std::ofstream(path, std::ios::trunc);
    return log;
  }

  std::string guest(const std::string& path) { return read(dir_ + "/root" + path); }
  bool guest_has(const std::string& path) { return fs::exists(dir_ + "/root" + path); }
  void touch_state(const std::string& name, const std::string& text = "") {
    std::ofstream(dir_ + "/state/" + name) << text;
  }
  bool running(const std::string& jail) { return fs::exists(dir_ + "/state/jails/jrun-" + jail); }

  std::string dir_;
};

TEST_F(FreebsdFakeGuest, UpUpChangeDown) {
  if (std::getenv("JRUN_BINARY") == nullptr) GTEST_SKIP() << "JRUN_BINARY not set";
  write_config(config(true, 18080, "512mb"));
  auto up = jrun({"up", dir_ + "/config.ucl"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  check_golden("fake-guest-1-up.log", take_log());
  EXPECT_NE(guest("/etc/pf.anchors/jrun-forwards.conf").find("port 18080 -> 10.17.89.11 port 80"),
            std::string::npos);
  EXPECT_NE(guest("/var/unbound/conf.d/jrun.conf").find("\"web.local.jrun. IN A 10.17.89.11\""),
            std::string::npos);
  EXPECT_TRUE(guest_has("/var/db/jrun/jails/web/jail.conf"));
  EXPECT_TRUE(guest_has("/usr/local/jrun/jails/web/usr/local/etc/monit.d/nginx.monitrc"));
  // the clone of db does not inherit db's services (reference bug 4)
  EXPECT_FALSE(guest_has("/usr/local/jrun/jails/web/usr/local/etc/monit.d/postgres.monitrc"));
  EXPECT_NE(guest("/usr/local/jrun/jails/web/usr/local/etc/jrun/exec/nginx.run")
                .find("export GREETING='it'\\''s \"quoted\" $(x)'"),
            std::string::npos);

  auto again = jrun({"up", dir_ + "/config.ucl"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("Nothing to deploy"), std::string::npos) << again.out;
  check_golden("fake-guest-2-up-again.log", take_log());

  write_config(config(false, 18081, "1gb"));
  auto change = jrun({"up", dir_ + "/config.ucl"});
  ASSERT_EQ(change.exit_code, 0) << change.out << change.err;
  check_golden("fake-guest-3-change.log", take_log());
  EXPECT_NE(guest("/etc/pf.anchors/jrun-forwards.conf").find("port 18081"), std::string::npos);
  EXPECT_EQ(guest("/etc/pf.anchors/jrun-forwards.conf").find("port 18080"), std::string::npos);
  EXPECT_FALSE(guest_has("/usr/local/jrun/jails/web/usr/local/etc/monit.d/nginx.monitrc"));
  EXPECT_NE(guest("/var/db/jrun/jails/db/jail.conf").find("memoryuse:deny=1073741824"),
            std::string::npos);

  auto down = jrun({"down", "--yes"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  check_golden("fake-guest-4-down.log", take_log());
  EXPECT_FALSE(guest_has("/usr/local/jrun/jails/web"));
  EXPECT_FALSE(guest_has("/var/db/jrun/jails/db"));
  EXPECT_EQ(read(dir_ + "/state/zfs").find("jails/"), std::string::npos)
      << read(dir_ + "/state/zfs");
}

// One jail, with a mount of `source` (none when ""), a forward bound as given, a memory limit.
std::string one_jail(const std::string& name, const std::string& source,
                     const std::string& bind = "0.0.0.0", bool limits = false) {
  std::string text = "jail \"" + name + "\" {\n";
  if (!source.empty())
    text += "  mount { app { host = \"" + source + "\"; jail = \"/srv/app\"; } }\n";
  text += "  forward { http { host = 18090; jail = 80; bind = \"" + bind + "\"; } }\n";
  if (limits) text += "  limits { memory = \"256mb\"; }\n";
  return text + "}\n";
}

#define REQUIRE_BINARY() \
  if (std::getenv("JRUN_BINARY") == nullptr) GTEST_SKIP() << "JRUN_BINARY not set"

// A FreeBSD host is not the VM: its uplink, pool and resolvers are its own (route(8), the pool
// of /, resolv.conf(5)), pf blocks nothing it did not block before, resolv.conf stays.
TEST_F(FreebsdFakeGuest, HostLayoutIsDetectedNotTheVms) {
  REQUIRE_BINARY();
  write_config(one_jail("web", ""));
  touch_state("no-route");
  auto lost = jrun({"up", dir_ + "/config.ucl"});
  EXPECT_EQ(lost.exit_code, 2) << lost.out << lost.err;
  EXPECT_NE(lost.err.find("JRUN_FREEBSD_UPLINK"), std::string::npos) << lost.err;
  EXPECT_FALSE(guest_has("/etc/pf.conf"));
  fs::remove(dir_ + "/state/no-route");
  touch_state("uplink", "igb0");
  auto up = jrun({"up", dir_ + "/config.ucl"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  const std::string pf = guest("/etc/pf.conf");
  EXPECT_NE(pf.find("ext_if = \"igb0\""), std::string::npos) << pf;
  EXPECT_EQ(pf.find("vtnet0"), std::string::npos) << pf;
  EXPECT_EQ(pf.find("block in all"), std::string::npos) << pf;
  EXPECT_NE(guest("/etc/pf.anchors/jrun-forwards.conf").find("rdr pass on igb0"),
            std::string::npos);
  const std::string unbound = guest("/var/unbound/unbound.conf");
  EXPECT_NE(unbound.find("forward-addr: 192.0.2.53\n"), std::string::npos) << unbound;
  EXPECT_EQ(unbound.find("10.0.2.3"), std::string::npos) << unbound;
  EXPECT_EQ(unbound.find("forward-addr: 127.0.0.1"), std::string::npos) << unbound;
  EXPECT_EQ(guest("/etc/resolv.conf"), kResolvConf);
  EXPECT_NE(read(dir_ + "/state/zfs").find("zroot/jrun/jails/web"), std::string::npos);
  auto set = jrun({"down", "--yes"}, {{"JRUN_FREEBSD_UPLINK", "bad if!"}});
  EXPECT_EQ(set.exit_code, 2) << set.err;
  EXPECT_NE(set.err.find("JRUN_FREEBSD_UPLINK"), std::string::npos) << set.err;
}

TEST_F(FreebsdFakeGuest, FilesJrunDidNotWriteAreRefused) {
  REQUIRE_BINARY();
  write_config(one_jail("web", ""));
  for (const char* path : {"/etc/pf.conf", "/var/unbound/unbound.conf"}) {
    fs::create_directories(fs::path(dir_ + "/root" + path).parent_path());
    std::ofstream(dir_ + "/root" + path) << "# the admin's\n";
    auto up = jrun({"up", dir_ + "/config.ucl"});
    EXPECT_NE(up.exit_code, 0) << up.out;
    EXPECT_NE(up.err.find(std::string(path) + " was not written by jrun"), std::string::npos)
        << up.err;
    EXPECT_NE(up.err.find("move the file aside"), std::string::npos) << up.err;
    EXPECT_EQ(guest(path), "# the admin's\n");
    EXPECT_FALSE(guest_has("/boot/loader.conf")) << "changed the host before refusing";
    EXPECT_EQ(read(dir_ + "/state/zfs"), "");
    fs::remove(dir_ + "/root" + path);
  }
}

// pf.conf(5) `set skip on lo`: no rdr sees a connection to 127.0.0.1 on a FreeBSD host.
TEST_F(FreebsdFakeGuest, LoopbackForwardsAreRefusedOnAHost) {
  REQUIRE_BINARY();
  write_config(one_jail("web", "", "127.0.0.1"));
  auto up = jrun({"up", dir_ + "/config.ucl"});
  EXPECT_EQ(up.exit_code, 2) << up.out << up.err;
  EXPECT_NE(up.err.find("forward 'http' of jail 'web' listens on 127.0.0.1"), std::string::npos)
      << up.err;
  EXPECT_FALSE(guest_has("/etc/pf.conf"));
  EXPECT_FALSE(running("web"));
}

// GENERIC has RACCT off; kern.racct.enable is read at boot (loader.conf(5)), and jail(8)
// aborts when an exec.created rctl(8) command fails.
TEST_F(FreebsdFakeGuest, LimitsWithoutRacctNeedARebootOrTheFlag) {
  REQUIRE_BINARY();
  write_config(one_jail("db", "", "0.0.0.0", true));
  touch_state("racct", "0\n");
  auto refused = jrun({"up", dir_ + "/config.ucl"});
  EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("jail db has limits, but RACCT is off until this host reboots"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("--without-limits"), std::string::npos) << refused.err;
  EXPECT_FALSE(running("db"));
  EXPECT_EQ(read(dir_ + "/state/zfs").find("jails/db"), std::string::npos);
  take_log();
  auto flagged = jrun({"up", dir_ + "/config.ucl", "--without-limits"});
  ASSERT_EQ(flagged.exit_code, 0) << flagged.out << flagged.err;
  EXPECT_TRUE(running("db"));
  EXPECT_EQ(take_log().find("rctl -a"), std::string::npos);
  EXPECT_NE(flagged.err.find("needs a reboot for kern.racct.enable"), std::string::npos)
      << flagged.err;
  // jail.conf applies the limit once the kernel has RACCT (the next boot)
  EXPECT_NE(guest("/var/db/jrun/jails/db/jail.conf")
                .find("kern.racct.enable 2>/dev/null)\" != 1 ] || /usr/bin/rctl -a "
                      "jail:jrun-db:memoryuse:deny=268435456';"),
            std::string::npos);
}

// A snapshot taken before a mount was added: after the rollback the mount point is gone but
// the fstab (outside the dataset) still lists it, and jail(8) refuses to start.
TEST_F(FreebsdFakeGuest, RollbackBeforeAMountStartsTheJailAgain) {
  REQUIRE_BINARY();
  write_config(one_jail("web", ""));
  ASSERT_EQ(jrun({"up", dir_ + "/config.ucl"}).exit_code, 0);
  ASSERT_EQ(jrun({"snapshot", "create", "web", "before"}).exit_code, 0);
  write_config(one_jail("web", "app"));
  auto mounted = jrun({"up", dir_ + "/config.ucl"});
  ASSERT_EQ(mounted.exit_code, 0) << mounted.out << mounted.err;
  ASSERT_TRUE(guest_has("/usr/local/jrun/jails/web/srv/app"));
  auto back = jrun({"snapshot", "rollback", "web", "before", "--yes"});
  EXPECT_EQ(back.exit_code, 0) << back.out << back.err;
  EXPECT_TRUE(running("web"));
  EXPECT_TRUE(guest_has("/usr/local/jrun/jails/web/srv/app"));
}

// zfs-rollback(8): newer snapshots with clones need -R, which destroys the clones.
TEST_F(FreebsdFakeGuest, RollbackOfABaseWithClonesIsRefusedAndLeavesItRunning) {
  REQUIRE_BINARY();
  write_config(one_jail("db", ""));
  ASSERT_EQ(jrun({"up", dir_ + "/config.ucl"}).exit_code, 0);
  ASSERT_EQ(jrun({"snapshot", "create", "db", "early"}).exit_code, 0);
  write_config(one_jail("db", "") + R"(jail "web" { base { type = "jail"; name = "db"; } })");
  ASSERT_EQ(jrun({"up", dir_ + "/config.ucl"}).exit_code, 0);
  take_log();
  auto back = jrun({"snapshot", "rollback", "db", "early", "--yes"});
  EXPECT_NE(back.exit_code, 0) << back.out;
  EXPECT_NE(back.err.find("jail(s) web are clones of newer snapshots"), std::string::npos)
      << back.err;
  EXPECT_TRUE(running("db"));
  EXPECT_TRUE(running("web"));
  const std::string log = take_log();
  EXPECT_EQ(log.find("jail -f"), std::string::npos) << log;
  EXPECT_EQ(log.find("zfs rollback"), std::string::npos) << log;
}

// zfs-promote(8): the base's snapshots up to the clone's origin move to the clone; a name the
// clone has too makes the promote fail.
TEST_F(FreebsdFakeGuest, DestroyingABaseWithSameNamedSnapshotsKeepsItsClone) {
  REQUIRE_BINARY();
  write_config(one_jail("db", ""));
  ASSERT_EQ(jrun({"up", dir_ + "/config.ucl"}).exit_code, 0);
  ASSERT_EQ(jrun({"snapshot", "create", "db", "keep"}).exit_code, 0);  // older than web's origin
  write_config(one_jail("db", "") + R"(jail "web" { base { type = "jail"; name = "db"; } })");
  ASSERT_EQ(jrun({"up", dir_ + "/config.ucl"}).exit_code, 0);
  ASSERT_EQ(jrun({"snapshot", "create", "web", "keep"}).exit_code, 0);
  auto down = jrun({"down", "db", "--yes"});
  ASSERT_EQ(down.exit_code, 0) << down.out << down.err;
  const std::string zfs = read(dir_ + "/state/zfs");
  EXPECT_EQ(zfs.find("jails/db"), std::string::npos) << zfs;
  EXPECT_NE(zfs.find("zroot/jrun/jails/web@keep"), std::string::npos) << zfs;
  EXPECT_TRUE(running("web"));
}

// mount(8) -p separates fields with tabs when they are short (sbin/mount/mount.c putfsent):
// a busy mount must be seen as mounted, not forgotten.
TEST_F(FreebsdFakeGuest, BusyMountIsReportedNotForgotten) {
  REQUIRE_BINARY();
  char shortdir[] = "/tmp/jfXXXXXX";  // under 16 characters: two tabs follow it in mount -p
  ASSERT_NE(::mkdtemp(shortdir), nullptr);
  write_config(one_jail("web", shortdir));
  ASSERT_EQ(jrun({"up", dir_ + "/config.ucl"}).exit_code, 0);
  touch_state("busy");
  write_config(one_jail("web", ""));
  auto up = jrun({"up", dir_ + "/config.ucl"});
  EXPECT_NE(up.exit_code, 0) << up.out;
  EXPECT_NE(up.err.find("cannot unmount /srv/app of jail web: in use"), std::string::npos)
      << up.err;
  EXPECT_FALSE(fs::is_empty(dir_ + "/root/var/db/jrun/jails/web/mounts.d"));
  fs::remove(shortdir);
}

// A mount that fails must not reach fstab(5): jail -r would then fail on it.
TEST_F(FreebsdFakeGuest, FailedMountStaysOutOfFstab) {
  REQUIRE_BINARY();
  write_config(one_jail("web", ""));
  ASSERT_EQ(jrun({"up", dir_ + "/config.ucl"}).exit_code, 0);
  touch_state("fail-mount");
  write_config(one_jail("web", "app"));
  auto up = jrun({"up", dir_ + "/config.ucl"});
  EXPECT_NE(up.exit_code, 0) << up.out;
  EXPECT_EQ(guest("/var/db/jrun/jails/web/fstab").find("/srv/app"), std::string::npos)
      << guest("/var/db/jrun/jails/web/fstab");
}

}  // namespace
}  // namespace jrun::testing
