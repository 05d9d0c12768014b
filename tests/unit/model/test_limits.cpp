// What `config check` must catch because `up` would fail on it (issue 15, item 10): release
// names, mount targets over the jail's root or kernel file systems, and the size of strings.
#include <gtest/gtest.h>

#include "test_support.h"

namespace jrun::model {
namespace {

using testing::load;
using testing::Loaded;
using testing::only_error;
using testing::project_context;

TEST(ReleaseTest, MustBeAName) {
  for (const char* bad : {"../../../etc", "/etc", ".hidden", "-x", "a b", "a/b"}) {
    Diagnostic d = only_error("jail \"w\" { release = \"" + std::string(bad) + "\" }");
    EXPECT_EQ(d.field, "jail.w.release") << bad;
    EXPECT_EQ(d.message,
              "`release` must be a release name (at most 64 letters, digits, '.', '_' or '-', "
              "not starting with '.' or '-')")
        << bad;
  }
  EXPECT_EQ(only_error("jail \"w\" { release = \"" + std::string(65, 'a') + "\" }").field,
            "jail.w.release");
  EXPECT_TRUE(load("jail \"w\" { release = \"15.0-RELEASE\" }").result.ok());
}

TEST(ReleaseTest, MustBeOneTheJailHostHasWhenItIsKnown) {
  ValidationContext context = project_context();
  context.releases = {"host", "debian-12"};
  Diagnostic d = only_error("jail \"w\" {\n  release = \"15.0-RELEASE\"\n}", context);
  EXPECT_EQ(d.message, "release `15.0-RELEASE` is not available on this jail host");
  EXPECT_EQ(d.hint, "releases here: host, debian-12");
  EXPECT_EQ(d.loc.line, 2u);
  EXPECT_EQ(d.loc.column, 13u);
  EXPECT_TRUE(load("jail \"w\" { release = \"debian-12\" }", context).result.ok());
  EXPECT_TRUE(load("jail \"w\" { }", context).result.ok());
}

TEST(MountTargetTest, RootAndKernelFileSystemsAreRefused) {
  for (const char* target : {"/", "/dev", "/dev/", "/proc", "/sys/fs/cgroup", "/dev/shm"}) {
    Diagnostic d = only_error("jail \"w\" { mount { m { host = \".\"; jail = \"" +
                              std::string(target) + "\"; } } }");
    EXPECT_EQ(d.field, "jail.w.mount.m.jail") << target;
    EXPECT_NE(d.message.find("cannot mount over"), std::string::npos) << target << d.message;
  }
  EXPECT_TRUE(
      load("jail \"w\" { mount { m { host = \".\"; jail = \"/devices\"; } } }").result.ok());
  EXPECT_TRUE(load("base { mount { m { host = \".\"; target = \"/srv\"; } } }").result.ok());
  EXPECT_NE(only_error("base { mount { m { host = \".\"; target = \"/proc\"; } } }")
                .message.find("cannot mount over `/proc`"),
            std::string::npos);
}

TEST(StringSizeTest, EveryStringHasALimitReportedAtItsPosition) {
  const std::string big_cmd(70000, 'x');
  Diagnostic d = only_error("jail \"w\" {\n  exec { s { cmd = \"" + big_cmd + "\"; } }\n}");
  EXPECT_EQ(d.field, "jail.w.exec.s.cmd");
  EXPECT_EQ(d.message, "this string is 70000 bytes long; the limit here is 65536 bytes");
  EXPECT_EQ(d.loc.line, 2u);
  EXPECT_EQ(d.loc.column, 20u);
  // A command may be long, other strings not.
  EXPECT_TRUE(
      load("jail \"w\" { exec { s { cmd = \"" + std::string(60000, 'x') + "\"; } } }").result.ok());
  Diagnostic dir = only_error("jail \"w\" { exec { s { cmd = \"true\"; dir = \"/" +
                              std::string(5000, 'd') + "\"; } } }");
  EXPECT_EQ(dir.field, "jail.w.exec.s.dir");
  EXPECT_EQ(dir.message, "this string is 5001 bytes long; the limit here is 4096 bytes");
  Diagnostic env = only_error("jail \"w\" { exec { s { cmd = \"true\"; env { K = \"" +
                              std::string(70000, 'v') + "\"; } } } }");
  EXPECT_EQ(env.field, "jail.w.exec.s.env.K");
}

TEST(StringSizeTest, LongKeysAreReported) {
  Loaded loaded = load("jail \"w\" { exec { " + std::string(300, 'k') + " { cmd = \"true\" } } }");
  EXPECT_NE(loaded.messages().find("this key is 300 bytes long; keys are at most 255 bytes\n"),
            std::string::npos)
      << loaded.messages();
}

TEST(StringSizeTest, TheQuotedLineOfAHugeValueIsAWindow) {
  Loaded loaded = load("jail \"w\" { exec { s { cmd = \"" + std::string(200000, 'x') + "\" } } }");
  const std::string shown = loaded.rendered();
  EXPECT_LT(shown.size(), 1000u) << shown.substr(0, 2000);
  EXPECT_NE(shown.find("jrun.ucl:1:29: error: this string is 200000 bytes long"), std::string::npos)
      << shown.substr(0, 2000);
}

}  // namespace
}  // namespace jrun::model
