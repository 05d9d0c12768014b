// Mounts and forwards of jails, and the base block.

#include <gtest/gtest.h>

#include "test_support.h"

namespace jrun::model {
namespace {

using testing::load;
using testing::only_error;

TEST(MountTest, HostPathsResolveAgainstTheConfigDirectoryAndHome) {
  auto loaded = load(
      "jail \"web\" { mount {\n"
      "  here { host = \".\"; jail = \"/srv/here\"; }\n"
      "  site { host = \"./site/\"; jail = \"/srv//site/\"; }\n"
      "  code { host = \"~/code\"; jail = \"/code\"; }\n"
      "  abs { host = \"/home/me\"; jail = \"/me\"; }\n"
      "} }");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const auto& mounts = loaded.config().jails[0].mounts;
  ASSERT_EQ(mounts.size(), 4u);
  EXPECT_EQ(mounts[0].name, "here");
  EXPECT_EQ(mounts[0].host, "/proj");
  EXPECT_EQ(mounts[1].host, "/proj/site");
  EXPECT_EQ(mounts[1].jail, "/srv/site");
  EXPECT_EQ(mounts[2].host, "/home/me/code");
  EXPECT_EQ(mounts[3].host, "/home/me");
}

TEST(MountTest, HostMustBeAnExistingDirectory) {
  Diagnostic missing =
      only_error("jail \"web\" { mount { m { host = \"data\"; jail = \"/d\"; } } }");
  EXPECT_EQ(missing.message, "`host` path \"data\" does not exist");
  EXPECT_EQ(missing.field, "jail.web.mount.m.host");
  EXPECT_EQ(missing.loc.column, 33u);
  EXPECT_EQ(
      only_error("jail \"web\" { mount { m { host = \"notes.txt\"; jail = \"/d\"; } } }").message,
      "`host` path \"notes.txt\" is not a directory");
}

TEST(MountTest, WithoutAFileSystemHostPathsAreNotChecked) {
  ValidationContext context = testing::project_context();
  context.fs = nullptr;
  auto loaded = load("jail \"web\" { mount { m { host = \"data\"; jail = \"/d\"; } } }", context);
  EXPECT_TRUE(loaded.result.ok()) << loaded.rendered();
}

TEST(MountTest, JailPathMustBeAbsoluteWithoutDotDot) {
  EXPECT_EQ(only_error("jail \"w\" { mount { m { host = \".\"; jail = \"srv\"; } } }").message,
            "`jail` must be an absolute path, got \"srv\"");
  EXPECT_EQ(only_error("jail \"w\" { mount { m { host = \".\"; jail = \"/a/../b\"; } } }").message,
            "`jail` must not contain `..`, got \"/a/../b\"");
  auto loaded = load("jail \"w\" { mount { m { } } }");
  ASSERT_EQ(loaded.diagnostics().size(), 2u);
  EXPECT_EQ(loaded.diagnostics()[0].message, "missing `host` in mount `m` of jail `w`");
  EXPECT_EQ(loaded.diagnostics()[1].message, "missing `jail` in mount `m` of jail `w`");
}

TEST(ForwardTest, ValuesAndDefaults) {
  auto loaded = load(
      "jail \"web\" { forward {\n"
      "  http { host = 8080; jail = 80; }\n"
      "  dns { proto = \"udp\"; host = 5353; jail = 53; bind = \"0.0.0.0\"; }\n"
      "} }");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const auto& forwards = loaded.config().jails[0].forwards;
  ASSERT_EQ(forwards.size(), 2u);
  EXPECT_EQ(forwards[0].name, "http");
  EXPECT_EQ(forwards[0].proto, Proto::kTcp);
  EXPECT_EQ(forwards[0].host, 8080);
  EXPECT_EQ(forwards[0].jail, 80);
  EXPECT_EQ(forwards[0].bind, "127.0.0.1");
  EXPECT_EQ(forwards[0].host_loc.line, 2u);
  EXPECT_EQ(forwards[0].host_loc.column, 17u);
  EXPECT_EQ(forwards[1].proto, Proto::kUdp);
  EXPECT_EQ(forwards[1].bind, "0.0.0.0");
  EXPECT_EQ(proto_name(forwards[1].proto), "udp");
  EXPECT_EQ(proto_name(Proto::kTcp), "tcp");
}

TEST(ForwardTest, PortMistakes) {
  auto f = [](const std::string& body) { return "jail \"w\" { forward { f { " + body + " } } }"; };
  Diagnostic text = only_error(f("host = \"abc\"; jail = 80;"));
  EXPECT_EQ(text.message, "`host` must be a port number (1-65535), got string \"abc\"");
  EXPECT_EQ(text.field, "jail.w.forward.f.host");
  EXPECT_EQ(only_error(f("host = \"8080\"; jail = 80;")).hint, "remove the quotes: host = 8080;");
  EXPECT_EQ(only_error(f("host = 65536; jail = 80;")).message,
            "`host` must be a port number (1-65535), got integer 65536");
  EXPECT_EQ(only_error(f("host = 8080; jail = 0;")).message,
            "`jail` must be a port number (1-65535), got integer 0");
  EXPECT_TRUE(load(f("host = 65535; jail = 1;")).result.ok());
  EXPECT_EQ(only_error(f("host = 8080; jail = 80; proto = \"TCP\";")).hint,
            "did you mean \"tcp\"?");
  EXPECT_EQ(only_error(f("host = 8080; jail = 80; bind = \"::1\";")).message,
            "`bind` must be an IPv4 address of this host, got string \"::1\"");
  EXPECT_EQ(only_error(f("jail = 80;")).message, "missing `host` in forward `f` of jail `w`");
}

TEST(BaseBlockTest, SetupMountsAndForwards) {
  auto loaded = load(
      "base {\n"
      "  setup { desktop { url = \"hub://xfce/rolling\"; } }\n"
      "  mount { ws { host = \".\"; target = \"/home/admin/workspace\"; } }\n"
      "  forward { ssh { host = 2222; target = 22; } dns { proto = \"udp\"; host = 53; target = "
      "53; } }\n"
      "}");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  ASSERT_TRUE(loaded.config().base.has_value());
  const Base& base = *loaded.config().base;
  EXPECT_EQ(base.loc.line, 1u);
  ASSERT_EQ(base.setup.size(), 1u);
  EXPECT_EQ(base.setup[0].location, "hub://xfce/rolling");
  ASSERT_EQ(base.mounts.size(), 1u);
  EXPECT_EQ(base.mounts[0].host, "/proj");
  EXPECT_EQ(base.mounts[0].target, "/home/admin/workspace");
  ASSERT_EQ(base.forwards.size(), 2u);
  EXPECT_EQ(base.forwards[0].host, 2222);
  EXPECT_EQ(base.forwards[0].target, 22);
  EXPECT_EQ(base.forwards[1].proto, Proto::kUdp);
}

TEST(BaseBlockTest, Mistakes) {
  Diagnostic unknown = only_error("base { mounts { } }");
  EXPECT_EQ(unknown.message, "unknown key `mounts` in the base block");
  EXPECT_EQ(unknown.hint, "did you mean `mount`?");
  EXPECT_EQ(unknown.field, "base.mounts");
  EXPECT_EQ(only_error("base { mount { m { host = \".\"; target = \"../etc\"; } } }").message,
            "`target` must be an absolute path, got \"../etc\"");
  EXPECT_EQ(only_error("base { forward { ssh { host = 2222; } } }").message,
            "missing `target` in forward `ssh` of the base block");
  EXPECT_EQ(only_error("base = 1;").message, "`base` must be a block `{ ... }`, got integer 1");
}

}  // namespace
}  // namespace jrun::model
