// The debian-12 release for real (debootstrap minbase + monit, tini, python3). Building it takes
// minutes and needs a mirror, so the test runs when JRUN_TEST_DEBIAN=1 (it then builds into
// /var/cache/jrun-test, kept between runs) or when that cache already holds the release.

#include <unistd.h>

#include <cstdlib>

#include "jrun/base/strings.h"
#include "test_linux_runtime_support.h"

namespace jrun::host::linux_driver::testing {
namespace {

constexpr const char* kCache = "/var/cache/jrun-test/releases";

TEST_F(LinuxRuntimeTest, Debian12ReleaseIsSharedReadOnly) {
  const bool cached = access("/var/cache/jrun-test/releases/debian-12/.jrun-release", F_OK) == 0;
  const char* wanted = std::getenv("JRUN_TEST_DEBIAN");
  if (!cached && (wanted == nullptr || std::string(wanted) != "1")) {
    GTEST_SKIP() << "set JRUN_TEST_DEBIAN=1 to build the debian-12 release (minutes)";
  }
  host(std::string("mkdir -p ") + kCache + " " + shell_quote(layout_.data_dir) + " && ln -s " +
       kCache + " " + shell_quote(layout_.data_dir + "/releases"));
  JailInstance jail = instance("deb");
  jail.release = "debian-12";
  ASSERT_TRUE(driver_->prepare(wiring()).has_value());
  auto created = driver_->create(jail, wiring());
  ASSERT_TRUE(created.has_value()) << created.error().message;

  EXPECT_EQ(in_jail("deb", "cut -d. -f1 /etc/debian_version"), "12\n");
  EXPECT_EQ(in_jail("deb", "python3 -c 'print(6 * 7)'"), "42\n");
  EXPECT_EQ(in_jail("deb", "cat /proc/sys/kernel/hostname"), "deb\n");
  in_jail("deb", "echo mine > /usr/local/jrun-test");
  EXPECT_EQ(host(std::string("test -e ") + kCache + "/debian-12/usr/local/jrun-test || echo no"),
            "no\n")
      << "a jail wrote into the shared release";
  auto destroyed = driver_->destroy("deb");
  ASSERT_TRUE(destroyed.has_value()) << destroyed.error().message;
  host("rm -f " + shell_quote(layout_.data_dir + "/releases"));
}

}  // namespace
}  // namespace jrun::host::linux_driver::testing
