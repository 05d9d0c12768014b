// Snapshots of linux jails: the scripts (golden, sh -n, shellcheck), the list parser, and the
// saved start scripts, which must come back byte for byte whatever they contain.

#include <gtest/gtest.h>

#include "jrun/base/strings.h"
#include "jrun/host/linux/snapshots.h"
#include "test_network_support.h"

namespace jrun::host::linux_driver::testing {
namespace {

class LinuxSnapshots : public ::testing::Test {
 protected:
  LinuxSnapshots() { layout_.data_dir = "/var/lib/jrun/linux"; }
  void golden(const std::string& name, const std::string& script) {
    check_golden("snapshot-" + name, script);
    expect_clean_script(name, script);
  }
  LinuxLayout layout_;
};

TEST_F(LinuxSnapshots, Scripts) {
  golden("create.sh", snapshot_create_script("web", "before-upgrade", layout_));
  golden("list.sh", snapshot_list_script("web", layout_));
  golden("rollback.sh", snapshot_rollback_script("web", "before-upgrade", layout_));
  golden("delete.sh", snapshot_delete_script("web", "before-upgrade", layout_));
}

TEST_F(LinuxSnapshots, NamesEnterScriptsOnlyAsData) {
  const std::string script = snapshot_delete_script("web", "a'b;$(x)", layout_);
  EXPECT_NE(script.find("S='a'\\''b;$(x)'\n"), std::string::npos) << script;
}

TEST(LinuxSnapshotList, OrdersByCreationNotByName) {
  const auto list = parse_snapshot_list(
      "snapshot 1700000000200000000 1700000000 8192 b-second\n"
      "noise\n"
      "snapshot 999999999100000000 999999999 4096 z-oldest\n"
      "snapshot 1700000000100000000 1700000000 12288 a-first\n"
      "snapshot x\n");
  ASSERT_EQ(list.size(), 3U);
  EXPECT_EQ(list[0].name, "z-oldest");
  EXPECT_EQ(list[0].created, 999999999);
  EXPECT_EQ(list[0].used, 4096U);
  EXPECT_EQ(list[1].name, "a-first");
  EXPECT_EQ(list[2].name, "b-second");
  EXPECT_EQ(list[2].used, 8192U);
}

TEST(LinuxSnapshotSave, HostileScriptsAreSavedVerbatim) {
  TempDir dir;
  LinuxLayout layout;
  layout.data_dir = dir.path();
  const std::string script =
      "#!/bin/sh\necho 'q' \"d\" $(touch pwned) `touch pwned`\n%s %n \\n\nprintf '%s' x\n";
  ASSERT_EQ(run_shell("mkdir -p " + shell_quote(layout.jail_dir("web"))).status, 0);
  const Output out =
      run_shell("sh -c " + shell_quote(save_script_snippet("web", layout, "start.sh", script)));
  EXPECT_EQ(out.status, 0) << out.text;
  std::ifstream saved(layout.jail_dir("web") + "/start.sh", std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(saved), {}), script);
  EXPECT_FALSE(std::filesystem::exists(layout.jail_dir("web") + "/start.sh.tmp"));
  EXPECT_FALSE(std::filesystem::exists("pwned"));
}

}  // namespace
}  // namespace jrun::host::linux_driver::testing
