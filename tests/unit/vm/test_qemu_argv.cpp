// qemu_argv per platform, against golden files (tests/golden/vm/<name>.argv, one word per line).
// Regenerate with JRUN_UPDATE_GOLDEN=1 and read the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "fakes/update_golden.h"
#include "jrun/vm/qemu_argv.h"

namespace jrun::vm {
namespace {

namespace fs = std::filesystem;

std::string lines(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& word : argv) out += word + "\n";
  return out;
}

void expect_golden(const std::string& name, const std::vector<std::string>& argv) {
  const fs::path path = fs::path(JRUN_TEST_DATA) / "golden" / "vm" / (name + ".argv");
  if (jrun::testing::update_golden()) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << lines(argv);
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path << " missing: run with JRUN_UPDATE_GOLDEN=1";
  const std::string expected((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  EXPECT_EQ(lines(argv), expected) << name;
}

VmSpec base_spec(const HostFacts& facts) {
  VmSpec s;
  s.arch = facts.arch;
  s.accel = choose_accel(facts);
  s.memory = "4096M";
  s.cpus = 4;
  s.disk = "/home/u/.jrun/vm/disk.raw";
  s.seed = "/home/u/.jrun/vm/seed.iso";
  s.ssh_port = 2222;
  s.forwards = {{"tcp", "127.0.0.1", 8080, 8080}, {"udp", "127.0.0.1", 5353, 5353}};
  s.shares = {{"fs_0123456789", "jrun_0123456789", "/home/u/site"}};
  s.pidfile = "/home/u/.jrun/vm/qemu.pid";
  s.serial_log = "/home/u/.jrun/vm/serial.log";
  s.qmp_socket = "/home/u/.jrun/vm/qmp.sock";
  return s;
}

TEST(QemuArgv, MacosAarch64UsesHvfWithHostCpu) {
  HostFacts facts{"Darwin", "aarch64", false, true};
  VmSpec s = base_spec(facts);
  s.firmware_code = "/opt/homebrew/share/qemu/edk2-aarch64-code.fd";
  s.firmware_vars = "/home/u/.jrun/vm/efi-vars.fd";
  EXPECT_EQ(s.accel, Accel::kHvf);
  expect_golden("macos-aarch64-hvf", qemu_argv(s));
}

TEST(QemuArgv, LinuxX86WithKvm) {
  HostFacts facts{"Linux", "x86_64", true, false};
  VmSpec s = base_spec(facts);
  s.firmware_code = "/usr/share/OVMF/OVMF_CODE_4M.fd";
  s.firmware_vars = "/home/u/.jrun/vm/efi-vars.fd";
  EXPECT_EQ(s.accel, Accel::kKvm);
  expect_golden("linux-x86_64-kvm", qemu_argv(s));
}

TEST(QemuArgv, FreebsdUsesTcg) {
  HostFacts facts{"FreeBSD", "x86_64", false, false};
  VmSpec s = base_spec(facts);
  s.firmware_code = "/usr/local/share/edk2-qemu/QEMU_UEFI-x86_64.fd";
  EXPECT_EQ(s.accel, Accel::kTcg);
  expect_golden("freebsd-x86_64-tcg", qemu_argv(s));
}

TEST(QemuArgv, LinuxWithoutKvmFallsBackToTcgWithDirectKernelBoot) {
  HostFacts facts{"Linux", "x86_64", false, false};
  VmSpec s = base_spec(facts);
  s.kernel = "/cache/vmlinuz";
  s.initrd = "/cache/initrd.img";
  s.append = "root=/dev/vda rw console=ttyS0";
  s.mode = Mode::kTty;
  EXPECT_EQ(s.accel, Accel::kTcg);
  expect_golden("linux-x86_64-tcg-kernel-tty", qemu_argv(s));
}

TEST(QemuArgv, CommasInPathsAreDoubled) {
  VmSpec s = base_spec({});
  s.disk = "/tmp/a,b/disk.raw";
  s.shares = {{"fs_1", "jrun_1", "/srv/x,format=qcow2"}};
  const std::string text = lines(qemu_argv(s));
  EXPECT_NE(text.find("file=/tmp/a,,b/disk.raw\n"), std::string::npos);
  EXPECT_NE(text.find("path=/srv/x,,format=qcow2,security_model"), std::string::npos);
}

TEST(QemuArgv, HostfwdRule) {
  EXPECT_EQ(hostfwd_rule({"udp", "0.0.0.0", 53, 5353}), "udp:0.0.0.0:53-:5353");
}

TEST(QemuArgv, GraphicModeHasDisplayDevicesAndNoDaemonize) {
  VmSpec s = base_spec({});
  s.mode = Mode::kGraphic;
  s.display = "gtk";
  const std::vector<std::string> argv = qemu_argv(s);
  EXPECT_EQ(std::count(argv.begin(), argv.end(), "-daemonize"), 0);
  EXPECT_EQ(std::count(argv.begin(), argv.end(), "ramfb"), 1);
  EXPECT_EQ(std::count(argv.begin(), argv.end(), "-pidfile"), 1);
}

}  // namespace
}  // namespace jrun::vm
