// The VM provider end to end with a real QEMU (TCG here) and a Debian 12 guest built from
// Debian packages (tests/e2e/build-debian-guest.sh, cached): start → ssh as admin → up →
// curl through the forward → a forward added live (same boot) → 9p both ways → ACPI stop →
// start again, jails back → kill -9 → stopped, start recovers → purge.
// Also `start --base`: a base step (local playbook) runs once, a base forward and mount work.
// Runs only with JRUN_TEST_VM=1 (minutes under TCG). Ports: ssh 2260-2299, forwards 18200+;
// the base test: ssh 2300-2319, forwards 18500+.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "jrun/base/strings.h"
#include "jrun/host/process_runner_posix.h"

namespace jrun::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kGuest = "/var/cache/jrun-test/guest";

struct VmRun {
  int code = -1;
  std::string out, err;
  long ms = 0;
};

class VmE2e : public ::testing::Test {
 protected:
  void SetUp() override {
    if (std::getenv("JRUN_TEST_VM") == nullptr || std::string(std::getenv("JRUN_TEST_VM")) != "1") {
      GTEST_SKIP() << "set JRUN_TEST_VM=1 to boot a real VM";
    }
    if (::geteuid() != 0 || std::getenv("JRUN_BINARY") == nullptr) {
      GTEST_SKIP() << "needs root and JRUN_BINARY";
    }
    VmRun built = sh(
        "bash " + shell_quote(std::string(JRUN_SOURCE_DIR) + "/tests/e2e/build-debian-guest.sh") +
            " " + kGuest,
        std::chrono::minutes(30));
    ASSERT_EQ(built.code, 0) << built.out << built.err;
    char name[] = "/tmp/jrun-vm-e2e-XXXXXX";
    ASSERT_NE(::mkdtemp(name), nullptr);
    dir_ = name;
    home_ = dir_ + "/home";
    fs::create_directories(dir_ + "/project");
    std::ofstream(dir_ + "/project/index.html") << "hello from the host\n";
  }

  void TearDown() override {
    if (dir_.empty()) return;
    jrun({"purge", "--yes"});
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  VmRun sh(const std::string& script, std::chrono::seconds timeout = std::chrono::seconds(120)) {
    host::Command c;
    c.argv = {"/bin/sh", "-c", script};
    c.timeout = timeout;
    return exec(c);
  }

  VmRun exec(host::Command& c) {
    host::PosixProcessRunner runner;
    const auto t0 = std::chrono::steady_clock::now();
    auto r = runner.run(c);
    const long ms = static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0)
            .count());
    if (!r) return {127, "", r.error().message, ms};
    return {r->exit_code, r->out, r->err, ms};
  }

  VmRun jrun(const std::vector<std::string>& args) {
    host::Command c;
    c.argv = {std::getenv("JRUN_BINARY")};
    c.argv.insert(c.argv.end(), args.begin(), args.end());
    c.env = {{"JRUN_HOME", home_},
             {"JRUN_PROVIDER", "vm"},
             {"JRUN_VM_IMAGE", std::string(kGuest) + "/rootfs.raw"},
             {"JRUN_VM_KERNEL", std::string(kGuest) + "/vmlinuz"},
             {"JRUN_VM_INITRD", std::string(kGuest) + "/initrd.img"},
             {"JRUN_VM_APPEND", "root=/dev/vda rw console=ttyS0"},
             {"JRUN_VM_SSH_PORT", ssh_setting_},
             {"JRUN_VM_MEMORY", "1024M"},
             {"JRUN_VM_DISK", "4G"},
             {"JRUN_VM_READY_TIMEOUT", "600"},
             {"JRUN_MONIT_CYCLE", "5s"},
             {"NO_COLOR", "1"}};
    c.cwd = dir_;
    c.timeout = std::chrono::minutes(15);
    return exec(c);
  }

  /// ssh as the VM's admin with the instance key; host key must already be pinned.
  VmRun guest(const std::string& command) {
    const std::string ssh = home_ + "/vm/ssh";
    return sh("ssh -T -p " + std::to_string(ssh_port()) + " -i " + ssh + "/id_ed25519" +
              " -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=" + ssh +
              "/known_hosts admin@127.0.0.1 " + shell_quote(command));
  }

  int ssh_port() {
    std::ifstream in(home_ + "/vm/vm.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch m;
    return std::regex_search(text, m, std::regex("\"ssh_port\": (\\d+)")) ? std::stoi(m[1]) : 0;
  }

  std::string http_get(int port) {
    for (int i = 0; i < 120; ++i) {
      VmRun r = sh("curl -fsS -m 3 http://127.0.0.1:" + std::to_string(port) + "/index.html");
      if (r.code == 0) return r.out;
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    return "";
  }

  std::string write_config(bool second_forward) {
    std::ifstream in(std::string(JRUN_SOURCE_DIR) + "/examples/http-server-linux.ucl");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string forwards = "http { host = 18210; jail = 8080; }";
    if (second_forward) forwards += "\n    alt { host = 18211; jail = 8080; }";
    text = std::regex_replace(text, std::regex("http \\{ host = 7777; jail = 8080; \\}"), forwards);
    const std::string path = dir_ + "/project/stack.ucl";
    std::ofstream(path) << text;
    return path;
  }

  std::string dir_, home_;
  std::string ssh_setting_ = "2270";
};

TEST_F(VmE2e, LifecycleJailsForwardsSharesStopKillPurge) {
  // start: disk from the image, seed, boot, ready.
  VmRun start = jrun({"start"});
  ASSERT_EQ(start.code, 0) << start.out << start.err;
  EXPECT_THAT(start.out, HasSubstr("Connected (ready after"));
  VmRun sshd = guest("systemctl show ssh -p ActiveEnterTimestampMonotonic --value; id -un");
  ASSERT_EQ(sshd.code, 0) << sshd.err;
  EXPECT_THAT(sshd.out, HasSubstr("admin"));
  std::smatch ready;
  if (std::regex_search(start.out, ready, std::regex("ready after (\\d+) ms"))) {
    const long sshd_ms = std::stol(split(sshd.out, '\n')[0]) / 1000;
    std::printf(
        "[ measure ] boot→sshd active %ld ms (guest clock), jrun ready %s ms, overhead "
        "%ld ms\n",
        sshd_ms, ready[1].str().c_str(), std::stol(ready[1]) - sshd_ms);
  }

  // up the example; curl through host → QEMU hostfwd → guest NIC → jail.
  VmRun up = jrun({"up", write_config(false), "--yes"});
  ASSERT_EQ(up.code, 0) << up.out << up.err;
  EXPECT_EQ(http_get(18210), "hello from the host\n");
  const std::string boot_id = guest("cat /proc/sys/kernel/random/boot_id").out;

  // A new forward is added live: reachable, same boot.
  VmRun up2 = jrun({"up", write_config(true), "--yes"});
  ASSERT_EQ(up2.code, 0) << up2.out << up2.err;
  EXPECT_THAT(up2.out, Not(HasSubstr("Restarting the VM")));
  EXPECT_EQ(http_get(18211), "hello from the host\n");
  EXPECT_EQ(guest("cat /proc/sys/kernel/random/boot_id").out, boot_id);

  // 9p both ways.
  std::ofstream(dir_ + "/project/from-host.txt") << "written on the host\n";
  VmRun cmd = jrun({"cmd", "http-server", "sh", "-c",
                    "cat /srv/project/from-host.txt; echo written in the jail > "
                    "/srv/project/from-jail.txt"});
  EXPECT_EQ(cmd.code, 0) << cmd.err;
  EXPECT_THAT(cmd.out, HasSubstr("written on the host"));
  EXPECT_EQ(sh("cat " + dir_ + "/project/from-jail.txt").out, "written in the jail\n");

  VmRun status = jrun({"status"});
  EXPECT_EQ(status.code, 0) << status.err;
  EXPECT_THAT(status.out, HasSubstr("VM  running"));
  std::printf("[ measure ] jrun status with the VM up and 1 jail: %ld ms\n", status.ms);

  // stop powers off through ACPI: the guest's own shutdown is in the serial log.
  VmRun stop = jrun({"stop", "--yes"});
  ASSERT_EQ(stop.code, 0) << stop.out << stop.err;
  EXPECT_THAT(stop.out, HasSubstr("VM stopped (powered off)"));
  EXPECT_THAT(sh("cat " + home_ + "/vm/serial.log").out, HasSubstr("reboot: Power down"));
  EXPECT_THAT(jrun({"status"}).out, HasSubstr("VM  not running"));

  // start again: same disk and state; up brings the recorded jail back.
  ASSERT_EQ(jrun({"start"}).code, 0);
  VmRun back = jrun({"up", write_config(true), "--yes"});
  ASSERT_EQ(back.code, 0) << back.out << back.err;
  EXPECT_EQ(http_get(18210), "hello from the host\n");

  // kill -9 QEMU: status says stopped (stale pidfile/socket), start recovers.
  ASSERT_EQ(sh("kill -9 $(cat " + home_ + "/vm/qemu.pid)").code, 0);
  std::this_thread::sleep_for(std::chrono::seconds(1));
  EXPECT_THAT(jrun({"status"}).out, HasSubstr("VM  not running"));
  VmRun again = jrun({"start"});
  ASSERT_EQ(again.code, 0) << again.out << again.err;
  EXPECT_THAT(again.out, HasSubstr("Connected"));

  // purge removes everything but the image.
  VmRun purge = jrun({"purge", "--yes"});
  ASSERT_EQ(purge.code, 0) << purge.out << purge.err;
  EXPECT_FALSE(fs::exists(home_ + "/vm/disk.raw"));
  EXPECT_FALSE(fs::exists(home_ + "/vm/vm.json"));
  EXPECT_FALSE(fs::exists(home_ + "/vm/qemu.pid"));
  EXPECT_TRUE(fs::exists(std::string(kGuest) + "/rootfs.raw"));
}

TEST_F(VmE2e, StartBaseRunsChangedStepsOnlyWithForwardAndMount) {
  ssh_setting_ = "2305";
  fs::create_directories(dir_ + "/pb");
  std::ofstream(dir_ + "/pb/site.yml") << "- hosts: all\n  gather_facts: false\n  tasks:\n"
                                       << "    - name: write the marker\n"
                                       << "      copy: { dest: /home/admin/base-marker, "
                                       << "content: \"{{ msg }}\" }\n";
  const std::string base = dir_ + "/base.ucl";
  std::ofstream(base) << "base {\n"
                      << "  setup { marker { type = \"ansible\"; file = \"pb/site.yml\";"
                      << " vars { msg = \"from base\"; } } }\n"
                      << "  forward { sshd { host = 18550; target = 22; } }\n"
                      << "  mount { project { host = \"project\"; target = \"/srv/project\"; } }\n"
                      << "}\n";
  VmRun plan = jrun({"plan", base});
  ASSERT_EQ(plan.code, 0) << plan.err;
  EXPECT_THAT(plan.out, HasSubstr("base: setup 'marker' would run (new)"));

  VmRun first = jrun({"start", "--base", base});
  ASSERT_EQ(first.code, 0) << first.out << first.err;
  EXPECT_THAT(first.out + first.err, HasSubstr("base: setup 'marker' (new)"));
  VmRun marker = guest("cat /home/admin/base-marker; echo; cat /srv/project/index.html");
  ASSERT_EQ(marker.code, 0) << marker.err;
  EXPECT_THAT(marker.out, HasSubstr("from base"));
  EXPECT_THAT(marker.out, HasSubstr("hello from the host"));
  // The base forward reaches the guest's sshd: its banner comes back through host port 18550.
  VmRun banner = sh("timeout 10 bash -c 'exec 3<>/dev/tcp/127.0.0.1/18550; head -c 4 <&3'");
  EXPECT_EQ(banner.out, "SSH-") << banner.err;

  VmRun second = jrun({"start", "--base", base});
  ASSERT_EQ(second.code, 0) << second.out << second.err;
  EXPECT_THAT(second.out + second.err, Not(HasSubstr("base: setup 'marker' (")));
  EXPECT_THAT(second.out + second.err, HasSubstr("1 setup step(s) up to date"));
  EXPECT_THAT(jrun({"plan", base}).out, HasSubstr("base: 1 setup step(s) up to date"));

  // A plain start after a stop brings the recorded base forward and mount back, runs no step.
  ASSERT_EQ(jrun({"stop", "--yes"}).code, 0);
  VmRun plain = jrun({"start"});
  ASSERT_EQ(plain.code, 0) << plain.out << plain.err;
  EXPECT_THAT(plain.out + plain.err, Not(HasSubstr("base: setup")));
  VmRun again = guest("cat /srv/project/index.html");
  EXPECT_THAT(again.out, HasSubstr("hello from the host")) << again.err;
  banner = sh("timeout 10 bash -c 'exec 3<>/dev/tcp/127.0.0.1/18550; head -c 4 <&3'");
  EXPECT_EQ(banner.out, "SSH-") << banner.err;
}

}  // namespace
}  // namespace jrun::testing
