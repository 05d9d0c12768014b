// The real jrun binary through the freebsd driver against a fake FreeBSD guest: the local
// provider with JRUN_DRIVER=freebsd runs the driver's scripts with fake FreeBSD commands first
// on PATH (tests/integration/fake_freebsd/fake.sh) and every host path under JRUN_HOST_ROOT.
// up → up (nothing to do) → change → down, asserting the exact sequence of guest commands
// (golden logs in tests/golden/freebsd/fake-guest-*.log) and the files left on the "guest".

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
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
                                     "daemon"};

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
  forward { pg { host = 16432; jail = 5432; } }
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
                     std::to_string(http_port) + R"ucl(; jail = 80; } }
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
  }
  void TearDown() override {
    std::error_code ignored;
    if (!dir_.empty()) fs::remove_all(dir_, ignored);
  }

  void write_config(const std::string& text) { std::ofstream(dir_ + "/config.ucl") << text; }

  host::ProcessResult jrun(const std::vector<std::string>& args) {
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

}  // namespace
}  // namespace jrun::testing
