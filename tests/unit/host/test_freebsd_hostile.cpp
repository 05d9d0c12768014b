// Hostile values through the freebsd driver's scripts, run for real with the fake FreeBSD
// commands (tests/integration/fake_freebsd/fake.sh) under a temp host root: every file lands
// byte-exact, every value reaches its command as one argument, nothing is executed.

#include <gtest/gtest.h>

#include <filesystem>

#include "freebsd_test_support.h"
#include "jrun/host/freebsd/scripts.h"
#include "jrun/host/freebsd/supervision.h"

namespace jrun::host::freebsd_driver {
namespace {

using namespace testing;  // NOLINT
namespace fs = std::filesystem;

// kHostile without "..": the model refuses ".." in jail paths.
const std::string kValue =
    "a'b\"c;d $(touch /tmp/jrun-pwned) `touch /tmp/jrun-pwned` \\\nx \xE2\x9C\x93 ${HOME}";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(FreebsdHostile, ApplyScriptWritesAndMountsVerbatim) {
  TempDir dir;
  fs::remove("/tmp/jrun-pwned");
  for (const char* sub : {"/bin", "/state/jails", "/root"})
    fs::create_directories(dir.path() + sub);
  const std::string fake = std::string(JRUN_SOURCE_DIR) + "/tests/integration/fake_freebsd/fake.sh";
  for (const char* command :
       {"jls", "jexec", "mount_nullfs", "umount", "mount", "rctl", "sysctl"}) {
    fs::create_symlink(fake, dir.path() + "/bin/" + command);
  }
  write_file(dir.path() + "/state/jails/jrun-web", "", 0644);
  const std::string source = dir.path() + "/src " + kValue;
  fs::create_directories(source);

  model::Jail jail = example_jail();
  jail.mounts = {{"m", source, "/srv/" + kValue, {}}};
  jail.execs[0].cmd = kValue;
  jail.execs[0].dir = "/" + kValue;
  jail.execs[0].env = {{"X", kValue}};
  jail.execs[0].healthcheck->test = kValue;
  FreeBsdLayout layout;
  layout.root = dir.path() + "/root";
  const std::string script =
      apply_script(instance(jail), {"mounts", "limits", "execs"}, layout, example_wiring(), 10);
  write_file(dir.path() + "/apply.sh", script, 0600);
  const Output run =
      run_shell("PATH=" + dir.path() + "/bin:/usr/bin:/bin JRUN_FAKE_STATE=" + dir.path() +
                "/state JRUN_HOST_ROOT=" + layout.root + " sh " + dir.path() + "/apply.sh");
  ASSERT_EQ(run.status, 0) << run.text;

  const std::string root = layout.root + layout.jail_root("web");
  for (const JailFile& f : monit_files(jail, 10)) {
    EXPECT_EQ(read(root + f.path), f.content) << f.path;
  }
  EXPECT_TRUE(fs::is_directory(root + "/srv/" + kValue));
  const std::string log = read(dir.path() + "/state/log");
  EXPECT_NE(log.find("mount_nullfs " + source + " @ROOT@/usr/local/jrun/jails/web/srv/" + kValue),
            std::string::npos)
      << log;
  EXPECT_FALSE(fs::exists("/tmp/jrun-pwned"));
}

}  // namespace
}  // namespace jrun::host::freebsd_driver
