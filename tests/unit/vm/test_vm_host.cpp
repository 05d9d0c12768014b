// The vm jail host's pure parts: shares of a config, forwards through QEMU and into the guest,
// the guest mount script (hostile paths), the VM record, status figures.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fakes/fake_jail_host.h"
#include "jrun/vm/instance.h"
#include "jrun/vm/vm_host.h"

namespace jrun::vm {
namespace {

model::Config config_with_mounts(std::vector<std::string> paths) {
  model::Config config;
  model::Jail a;
  a.name = "a";
  for (const std::string& p : paths) a.mounts.push_back({"m" + p, p, "/srv", {}});
  config.jails.push_back(a);
  model::Jail b;
  b.name = "b";
  b.mounts.push_back({"same", paths.front(), "/x", {}});
  config.jails.push_back(b);
  return config;
}

TEST(VmHost, SharesAreSortedDeduplicatedAndStable) {
  const std::vector<Share> shares = shares_of(config_with_mounts({"/z/site", "/a/data"}));
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_EQ(shares[0].host_path, "/a/data");
  EXPECT_EQ(shares[1].host_path, "/z/site");
  EXPECT_EQ(shares[0], share_for("/a/data"));
  EXPECT_EQ(shares[0].id.substr(0, 3), "fs_");
  EXPECT_EQ(shares[0].tag, "jrun_" + shares[0].id.substr(3));
  EXPECT_EQ(shares[0].tag.size(), 15u);
  EXPECT_NE(shares[0].tag, shares[1].tag);
}

TEST(VmHost, MissingSharesNeedARestart) {
  const std::vector<Share> needed = {share_for("/a"), share_for("/b")};
  EXPECT_EQ(missing_shares(needed, {share_for("/a")}), std::vector<Share>{share_for("/b")});
  EXPECT_TRUE(missing_shares(needed, needed).empty());
}

TEST(VmHost, ForwardsGoThroughQemuAndArriveOnTheGuestNic) {
  host::HostWiring wiring;
  wiring.forwards.push_back(
      {"web", "http", model::Proto::kTcp, "127.0.0.1", 18200, "10.17.89.10", 80});
  wiring.forwards.push_back({"dns", "d", model::Proto::kUdp, "0.0.0.0", 5353, "10.17.89.11", 53});
  const std::vector<PortForward> qemu = qemu_forwards(wiring);
  ASSERT_EQ(qemu.size(), 2u);
  EXPECT_EQ(qemu[0], (PortForward{"tcp", "127.0.0.1", 18200, 18200}));
  EXPECT_EQ(qemu[1], (PortForward{"udp", "0.0.0.0", 5353, 5353}));
  const host::HostWiring guest = guest_wiring(wiring);
  EXPECT_EQ(guest.forwards[0].bind, kGuestNicAddress);
  EXPECT_EQ(guest.forwards[1].bind, kGuestNicAddress);
  EXPECT_EQ(guest.forwards[0].jail_port, 80);
}

TEST(VmHost, MountScriptQuotesHostileTags) {
  Share hostile{"fs_x", "jrun_'; rm -rf / #$(id)`id`\nx", "/h"};
  const std::string script = mount_shares_script({hostile});
  EXPECT_NE(script.find("'jrun_'\\''; rm -rf / #$(id)`id`\nx'"), std::string::npos) << script;
  const std::string file = ::testing::TempDir() + "/jrun-mount.sh";
  std::ofstream(file) << script;
  EXPECT_EQ(std::system(("sh -n " + file).c_str()), 0);
}

TEST(VmHost, FreeBsdGuestsMountSharesWithP9fsOnce) {
  Share hostile{"fs_x", "jrun_'; rm -rf / #$(id)`id`\nx", "/h"};
  const std::string script = mount_shares_script({hostile}, /*freebsd_guest=*/true);
  EXPECT_NE(script.find("mount -t p9fs 'jrun_'\\''; rm -rf / #$(id)`id`\nx' "), std::string::npos)
      << script;
  EXPECT_EQ(script.find("9p2000.L"), std::string::npos) << "Linux v9fs options on FreeBSD";
  EXPECT_NE(script.find("mount -p | awk"), std::string::npos) << "not idempotent: " << script;
  const std::string file = ::testing::TempDir() + "/jrun-mount-freebsd.sh";
  std::ofstream(file) << script;
  EXPECT_EQ(std::system(("sh -n " + file).c_str()), 0);
  EXPECT_EQ(std::system(("shellcheck -s sh " + file).c_str()), 0);
}

// A guest driver whose host needs `boots` reboots before its tunable is live.
class BootingGuest final : public testing::FakeJailHost {
 public:
  explicit BootingGuest(int boots) : boots_(boots) {}
  Status prepare(const host::HostWiring& wiring) override {
    ++prepares;
    return FakeJailHost::prepare(wiring);
  }
  std::string pending_reboot() const override { return boots_ > 0 ? "kern.racct.enable" : ""; }
  Status reboot() {
    --boots_;
    ++reboots;
    return {};
  }
  int prepares = 0;
  int reboots = 0;

 private:
  int boots_;
};

// FreeBSD's kern.racct.enable is read at boot: a bootstrap that set it reboots the VM once.
TEST(VmHost, GuestIsRebootedOnceWhenItsBootstrapNeedsIt) {
  BootingGuest fresh(1);
  ASSERT_TRUE(prepare_guest(fresh, {}, [&] { return fresh.reboot(); }));
  EXPECT_EQ(fresh.reboots, 1);
  EXPECT_EQ(fresh.prepares, 2);
  BootingGuest ready(0);
  ASSERT_TRUE(prepare_guest(ready, {}, [&] { return ready.reboot(); }));
  EXPECT_EQ(ready.reboots, 0);
  EXPECT_EQ(ready.prepares, 1);
  BootingGuest stubborn(5);  // the reboot did not help: an error, not a loop
  auto result = prepare_guest(stubborn, {}, [&] { return stubborn.reboot(); });
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("kern.racct.enable"), std::string::npos);
  EXPECT_EQ(stubborn.reboots, 1);
}

// After a VM reboot, rc.d/jail may start jails before the p9fs shares are mounted: their
// nullfs mounts show the empty directory. Shares are in fstab (late: before rc.d/jail), and a
// share mounted now has those nullfs mounts redone. Run with fake FreeBSD commands.
TEST(VmHost, FreeBsdSharesMountAtBootAndRepairEarlyNullfsMounts) {
  const std::string root = ::testing::TempDir() + "/jrun-p9fs-root";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root + "/bin");
  std::filesystem::create_directories(root + "/etc");
  const Share share{"fs_1", "jrun_0123456789", "/h"};
  const std::string dir = "/mnt/jrun/jrun_0123456789";
  auto fake = [&](const std::string& name, const std::string& body) {
    const std::string path = root + "/bin/" + name;
    std::ofstream(path) << "#!/bin/sh\necho \"" << name << " $*\" >>" << root << "/log\n" << body;
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
  };
  // a jail's nullfs mount of the share's directory, made before the share was mounted
  fake("mount", "[ \"$1\" = -p ] && printf '" + dir +
                    " /usr/local/jrun/jails/web/srv nullfs\\trw\\t\\t0 0\\n'\nexit 0\n");
  for (const char* name : {"umount", "mount_nullfs", "sysrc"}) fake(name, "exit 0\n");
  const std::string script = mount_shares_script({share}, true, root);
  std::ofstream(root + "/mount.sh") << script;
  const std::string run = "PATH=" + root + "/bin:$PATH sh " + root + "/mount.sh";
  ASSERT_EQ(std::system(run.c_str()), 0) << script;
  ASSERT_EQ(std::system(run.c_str()), 0) << script;  // idempotent fstab
  std::ifstream fstab(root + "/etc/fstab");
  std::stringstream text;
  text << fstab.rdbuf();
  EXPECT_EQ(text.str(), "jrun_0123456789\t" + dir + "\tp9fs\trw,late,failok\t0\t0\n");
  std::ifstream log_file(root + "/log");
  std::stringstream log;
  log << log_file.rdbuf();
  EXPECT_NE(log.str().find("sysrc -f " + root + "/boot/loader.conf virtio_p9fs_load=YES"),
            std::string::npos)
      << log.str();
  EXPECT_NE(log.str().find("mount -t p9fs jrun_0123456789 " + dir + "\n"), std::string::npos);
  EXPECT_NE(log.str().find("umount /usr/local/jrun/jails/web/srv\nmount_nullfs " + dir +
                           " /usr/local/jrun/jails/web/srv\n"),
            std::string::npos)
      << log.str();
  std::filesystem::remove_all(root);
}

TEST(VmRecord, RoundTripsThroughJson) {
  VmRecord r;
  r.ssh_port = 2260;
  r.forwards = {{"tcp", "127.0.0.1", 18201, 18201}};
  r.shares = {share_for("/srv/site")};
  r.mode = "tty";
  r.started_at = 1700000000;
  r.guest_os = "Linux";
  auto back = record_from_json(record_to_json(r), "vm.json");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->ssh_port, 2260);
  EXPECT_EQ(back->forwards, r.forwards);
  EXPECT_EQ(back->shares, r.shares);
  EXPECT_EQ(back->mode, "tty");
  EXPECT_EQ(back->guest_os, "Linux");
  auto bad = record_from_json(nlohmann::json{{"ssh_port", "x"}}, "vm.json");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, ErrorCode::kState);
}

TEST(VmStatusFigures, ParsesDiskAndMemory) {
  VmStatus s;
  parse_guest_figures("disk 3145728000 2097152000\nmem 1030000000 700000000\njunk\n", s);
  EXPECT_EQ(s.disk_total, 3145728000u);
  EXPECT_EQ(s.disk_free, 2097152000u);
  EXPECT_EQ(s.mem_total, 1030000000u);
  EXPECT_EQ(s.mem_available, 700000000u);
}

TEST(VmCpus, DefaultIsHalfTheHostClamped) {
  EXPECT_EQ(default_cpus(1), 1);
  EXPECT_EQ(default_cpus(2), 1);
  EXPECT_EQ(default_cpus(4), 2);
  EXPECT_EQ(default_cpus(12), 6);
  EXPECT_EQ(default_cpus(64), 8);
}

}  // namespace
}  // namespace jrun::vm
