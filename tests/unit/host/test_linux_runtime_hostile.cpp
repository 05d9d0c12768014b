// Hostile values in the linux runtime's generated shell: executed for real with stand-in
// functions, every value arrives verbatim and nothing in it runs.

#include <gtest/gtest.h>

#include "jrun/host/linux/init_script.h"
#include "jrun/host/linux/mounts.h"
#include "jrun/host/linux/script_text.h"
#include "test_network_support.h"

namespace jrun::host::linux_driver::testing {
namespace {

const std::vector<std::string> kHostile = {
    "/srv/it's",
    "/srv/$(touch pwned)",
    "/srv/`touch pwned`",
    "/srv/a;touch pwned",
    "/srv/a\nb",
    "/srv/\"q\"",
    "/srv/$HOME",
    "/srv/a b\\c",
    "/srv/-n",
    "/srv/*",
    "/srv/a|touch pwned",
    "/srv/%s%n",
};

TEST(RuntimeHostile, MountPathsArriveVerbatim) {
  TempDir dir;
  std::vector<model::Mount> mounts;
  std::string expected;
  for (const std::string& path : kHostile) {
    model::Mount mount;
    mount.name = "m";
    mount.host = path + "-host";
    mount.jail = path;
    mounts.push_back(mount);
    expected += "add " + mount_key(mount) + "|" + mount.host + "|" + mount.jail + "|\n";
  }
  const std::string stubs =
      "jrun_mount_prune() { :; }\n"
      "jrun_mount_add() { printf 'add %s|%s|%s|\\n' \"$1\" \"$2\" \"$3\"; }\n";
  write_file(dir.path() + "/converge.sh", stubs + mount_converge(mounts), 0600);
  const Output out = run_shell("cd " + dir.path() + " && sh converge.sh");
  EXPECT_EQ(out.status, 0) << out.text;
  EXPECT_EQ(out.text, expected);
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/pwned"));
}

TEST(RuntimeHostile, FilesAndAssignmentsArriveVerbatim) {
  TempDir dir;
  std::string content = "line 1 'q' \"d\" $(touch pwned) `touch pwned`\n\\n %s\n";
  for (const std::string& value : kHostile) content += value + "\n";
  const std::string other = dir.path() + "/$(touch pwned);`x`\n/f";
  const std::string script =
      "cd " + shell_quote(dir.path()) + "\n" + assign("V", content) +
      write_files({{dir.path() + "/sub dir/file 'x'", 0640, content}, {other, 0600, "o"}}) +
      "printf '%s' \"$V\" > v\n";
  const Output out = run_shell("sh -c " + shell_quote(script));
  EXPECT_EQ(out.status, 0) << out.text;
  std::ifstream written(dir.path() + "/sub dir/file 'x'", std::ios::binary);
  std::stringstream text;
  text << written.rdbuf();
  EXPECT_EQ(text.str(), content);
  std::ifstream assigned(dir.path() + "/v", std::ios::binary);
  std::stringstream value;
  value << assigned.rdbuf();
  EXPECT_EQ(value.str(), content);
  EXPECT_EQ(run_shell("stat -c %a " + shell_quote(dir.path() + "/sub dir/file 'x'")).text, "640\n");
  EXPECT_EQ(run_shell("stat -c %a " + shell_quote(other)).text, "600\n");
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/pwned"));
}

TEST(RuntimeHostile, MountKeysAreStableHex) {
  model::Mount a;
  a.host = "/a";
  a.jail = "/b";
  model::Mount b = a;
  b.name = "renamed";
  EXPECT_EQ(mount_key(a), mount_key(b));
  EXPECT_EQ(mount_key(a).size(), 16U);
  EXPECT_EQ(mount_key(a).find_first_not_of("0123456789abcdef"), std::string::npos);
  b.jail = "/c";
  EXPECT_NE(mount_key(a), mount_key(b));
}

}  // namespace
}  // namespace jrun::host::linux_driver::testing
