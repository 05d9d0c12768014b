// The awk programs of the freebsd driver's scripts, run under every awk family (FreeBSD's own is
// the one-true-awk, Debian's original-awk) on output in FreeBSD's formats.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "awk_families.h"
#include "freebsd_test_support.h"
#include "jrun/host/freebsd/script_parts.h"

namespace jrun::host::freebsd_driver {
namespace {

using namespace testing;  // NOLINT
using host::testing::awk_bin;
using host::testing::kAwkFamilies;
using host::testing::under_awk;

std::string fixture_path(const std::string& name) {
  return std::string(JRUN_TEST_DATA) + "/unit/host/fixtures/freebsd/" + name;
}

// mount(8) -p as sbin/mount/mount.c putfsent() prints it: a tab after a field shorter than 8,
// 16 and 24 characters, one space after a longer one (the fixture has both).
TEST(FreebsdAwk, MountPointsAreComparedAsFields) {
  TempDir dir;
  const std::vector<std::pair<std::string, bool>> cases = {
      {"/usr/local/jrun/jails/web/srv/a", true},
      {"/usr/local/jrun/jails/web/usr/local/www", true},
      {"/usr/local/jrun/jails/web/srv/with space", true},
      {"/dev", true},
      {"/", true},
      {"/usr/local/jrun/jails/web/srv", false},
      {"/srv/a", false},  // a source, not a mount point
      {"/usr/local/jrun/jails/web/srv/a/b", false}};
  for (const char* family : kAwkFamilies) {
    const std::string bin = awk_bin(dir.path(), family);
    if (bin.empty()) {
      ADD_FAILURE() << family << " is missing: scripts/install-deps.sh installs it";
      continue;
    }
    write_file(bin + "/mount",
               "#!/bin/sh\nexec cat " + shell_quote(fixture_path("mount-p.txt")) + "\n", 0755);
    for (const auto& [path, mounted] : cases) {
      const std::string script = mounted_function() + "if jrun_mounted " + shell_quote(path) +
                                 "; then echo yes; else echo no; fi\n";
      EXPECT_EQ(run_shell(under_awk(bin, script, 10)).text, mounted ? "yes\n" : "no\n")
          << family << ": " << path;
    }
  }
}

// The release's MANIFEST (tab-separated: file, sha256, ...) read for base.txz's checksum.
TEST(FreebsdAwk, ReleaseManifestChecksumUnderEveryAwk) {
  const std::string release = release_function(FreeBsdLayout{});
  const std::size_t at = release.find("awk '");
  ASSERT_NE(at, std::string::npos);
  const std::size_t from = at + 5;
  const std::string program = release.substr(from, release.find('\'', from) - from);
  TempDir dir;
  write_file(dir.path() + "/MANIFEST",
             "base-dbg.txz\tffff\t1\tbase_dbg\t\"Debug\"\toff\n"
             "base.txz\tabc123\t26\tbase\t\"Base system (MANDATORY)\"\ton\n",
             0644);
  for (const char* family : kAwkFamilies) {
    const std::string bin = awk_bin(dir.path(), family);
    if (bin.empty()) continue;  // reported above
    EXPECT_EQ(
        run_shell(
            under_awk(bin, "awk " + shell_quote(program) + " " + dir.path() + "/MANIFEST", 10))
            .text,
        "abc123\n")
        << family;
  }
}

}  // namespace
}  // namespace jrun::host::freebsd_driver
