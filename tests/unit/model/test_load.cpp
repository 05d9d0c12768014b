// Top level, jails and their own keys: names, unknown keys, release, ip, base, depends, limits.

#include <gtest/gtest.h>

#include "test_support.h"

namespace jrun::model {
namespace {

using testing::load;
using testing::only_error;

TEST(LoadTest, EmptyConfigLoadsWithNoJails) {
  auto loaded = load("");
  EXPECT_TRUE(loaded.result.ok()) << loaded.rendered();
  EXPECT_TRUE(loaded.config().jails.empty());
  EXPECT_FALSE(loaded.config().base.has_value());
  EXPECT_EQ(loaded.config().path, "/proj/jrun.ucl");
  EXPECT_EQ(loaded.config().dir, "/proj");
}

TEST(LoadTest, JailsKeepFileOrderAndFind) {
  auto loaded =
      load("jail \"zeta\" {}\njail \"alpha\" {}\njail \"mid\" { release = \"14.2-RELEASE\"; }");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const auto& jails = loaded.config().jails;
  ASSERT_EQ(jails.size(), 3u);
  EXPECT_EQ(jails[0].name, "zeta");
  EXPECT_EQ(jails[1].name, "alpha");
  EXPECT_EQ(jails[2].name, "mid");
  EXPECT_EQ(jails[0].loc.line, 1u);
  EXPECT_EQ(jails[0].loc.column, 6u);
  EXPECT_FALSE(jails[0].release.has_value());
  EXPECT_EQ(jails[2].release, "14.2-RELEASE");
  EXPECT_EQ(loaded.config().find("alpha"), &jails[1]);
  EXPECT_EQ(loaded.config().find("nope"), nullptr);
}

TEST(LoadTest, JailWrittenTwiceMerges) {
  auto loaded = load(
      "jail \"web\" { forward { a { host = 1080; jail = 80; } } }\n"
      "jail \"api\" {}\n"
      "jail \"web\" { release = \"15.0-RELEASE\"; forward { b { host = 1443; jail = 443; } } }\n");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  ASSERT_EQ(loaded.config().jails.size(), 2u);
  const Jail& web = loaded.config().jails[0];
  EXPECT_EQ(web.release, "15.0-RELEASE");
  ASSERT_EQ(web.forwards.size(), 2u);
  EXPECT_EQ(web.forwards[0].name, "a");
  EXPECT_EQ(web.forwards[1].name, "b");
}

TEST(LoadTest, UnknownTopLevelKeyHasHint) {
  Diagnostic d = only_error("jails \"web\" {}");
  EXPECT_EQ(d.message, "unknown key `jails` in the config file");
  EXPECT_EQ(d.hint, "did you mean `jail`?");
  EXPECT_EQ(d.field, "jails");
  EXPECT_EQ(d.loc.line, 1u);
  EXPECT_EQ(d.loc.column, 1u);
}

TEST(LoadTest, UnknownJailKeyHasHintAndPath) {
  Diagnostic d = only_error("jail \"web\" {\n  forwards {}\n}");
  EXPECT_EQ(d.message, "unknown key `forwards` in jail `web`");
  EXPECT_EQ(d.hint, "did you mean `forward`?");
  EXPECT_EQ(d.field, "jail.web.forwards");
  EXPECT_EQ(d.loc.line, 2u);
  EXPECT_EQ(d.loc.column, 3u);
}

TEST(LoadTest, UnknownKeyWithoutCloseMatchListsKnownKeys) {
  Diagnostic d = only_error("jail \"web\" { colour = \"blue\"; }");
  EXPECT_EQ(d.hint, "known keys: release, ip, base, depends, mount, forward, exec, setup, limits");
}

TEST(LoadTest, MisspellingWithExtraLettersStillSuggests) {
  Diagnostic d = only_error("jail \"web\" { exec { a { comand = \"x\"; cmd = \"y\"; } } }");
  EXPECT_EQ(d.hint, "did you mean `cmd`?");
}

TEST(LoadTest, JailNamesAreDnsLabels) {
  for (const char* good : {"a", "web", "web-1", "0day", "postgres-16"}) {
    EXPECT_TRUE(load("jail \"" + std::string(good) + "\" {}").result.ok()) << good;
  }
  std::string longest(63, 'a');
  EXPECT_TRUE(load("jail \"" + longest + "\" {}").result.ok());
  for (const char* bad : {"Web", "my_app", "web-", "-web", "a.b", "web app"}) {
    auto loaded = load("jail \"" + std::string(bad) + "\" {}");
    ASSERT_EQ(loaded.diagnostics().size(), 1u) << bad;
    EXPECT_EQ(loaded.diagnostics()[0].message, "invalid jail name `" + std::string(bad) + "`");
  }
  EXPECT_FALSE(load("jail \"" + longest + "a\" {}").result.ok());
}

TEST(LoadTest, InvalidNameHintSuggestsAFix) {
  EXPECT_NE(only_error("jail \"My_App\" {}").hint.find("did you mean `my-app`?"),
            std::string::npos);
  EXPECT_EQ(only_error("jail \"web-\" {}").hint.find("did you mean"), std::string::npos);
}

TEST(LoadTest, JailMustBeABlock) {
  Diagnostic d = only_error("jail { web = 5; }");
  EXPECT_EQ(d.message, "jail `web` must be a block `{ ... }`, got integer 5");
  EXPECT_EQ(only_error("jail = \"web\";").message,
            "`jail` must be a block of named entries, got string \"web\"");
}

TEST(LoadTest, ReleaseMustBeANonEmptyString) {
  EXPECT_EQ(only_error("jail \"a\" { release = 15; }").message,
            "`release` must be a string, got integer 15");
  EXPECT_EQ(only_error("jail \"a\" { release = \"\"; }").message, "`release` must not be empty");
}

TEST(LoadTest, KeySetTwiceIsReportedAtTheSecond) {
  Diagnostic d = only_error("jail \"a\" {\n  ip = \"10.17.89.5\";\n  ip = \"10.17.89.6\";\n}");
  EXPECT_EQ(d.message, "`ip` is set more than once in jail `a`");
  EXPECT_EQ(d.loc.line, 3u);
  EXPECT_EQ(d.hint, "first set at /proj/jrun.ucl:2:8; keep one");
}

TEST(IpTest, ValidAddressIsKept) {
  auto loaded = load("jail \"a\" { ip = \"10.17.89.20\"; }");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  EXPECT_EQ(loaded.config().jails[0].ip, "10.17.89.20");
  EXPECT_EQ(loaded.config().jails[0].ip_loc.column, 17u);
}

TEST(IpTest, RejectsMalformedAndReservedAddresses) {
  EXPECT_EQ(only_error("jail \"a\" { ip = \"10.17.89\"; }").message,
            "`ip` must be an IPv4 address such as \"10.17.89.20\", got string \"10.17.89\"");
  EXPECT_EQ(only_error("jail \"a\" { ip = 10; }").message, "`ip` must be a string, got integer 10");
  EXPECT_EQ(only_error("jail \"a\" { ip = \"10.17.90.5\"; }").message,
            "ip 10.17.90.5 is outside the jail subnet 10.17.89.0/24");
  EXPECT_EQ(only_error("jail \"a\" { ip = \"10.17.89.0\"; }").message,
            "ip 10.17.89.0 is the network address of the jail subnet 10.17.89.0/24");
  EXPECT_EQ(only_error("jail \"a\" { ip = \"10.17.89.255\"; }").message,
            "ip 10.17.89.255 is the broadcast address of the jail subnet 10.17.89.0/24");
  Diagnostic gateway = only_error("jail \"a\" { ip = \"10.17.89.1\"; }");
  EXPECT_EQ(gateway.message, "ip 10.17.89.1 is the gateway address of the jail subnet");
  EXPECT_EQ(gateway.hint,
            "leave `ip` out to have one assigned, or pick one from 10.17.89.2 to 10.17.89.254");
}

TEST(IpTest, SubnetAndGatewayComeFromTheContext) {
  ValidationContext context = testing::project_context();
  context.subnet = "192.168.7.0/24";
  context.gateway = "192.168.7.254";
  EXPECT_TRUE(load("jail \"a\" { ip = \"192.168.7.1\"; }", context).result.ok());
  EXPECT_EQ(only_error("jail \"a\" { ip = \"192.168.7.254\"; }", context).message,
            "ip 192.168.7.254 is the gateway address of the jail subnet");
}

TEST(BaseRefTest, NamesAJailOfTheConfig) {
  auto loaded =
      load("jail \"core\" {}\njail \"app\" { base { type = \"jail\"; name = \"core\"; } }");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  EXPECT_EQ(loaded.config().jails[1].base, "core");
  EXPECT_EQ(loaded.config().jails[1].base_loc.line, 2u);
  // `type` defaults to "jail".
  EXPECT_TRUE(load("jail \"core\" {}\njail \"app\" { base { name = \"core\"; } }").result.ok());
}

TEST(BaseRefTest, Mistakes) {
  EXPECT_EQ(only_error("jail \"app\" { base { type = \"jail\"; } }").message,
            "missing `name` in `base` of jail `app`");
  EXPECT_EQ(
      only_error("jail \"c\" {} jail \"app\" { base { type = \"zfs\"; name = \"c\"; } }").message,
      "`type` must be \"jail\", got \"zfs\"");
  EXPECT_EQ(only_error("jail \"c\" {} jail \"app\" { base = \"c\"; }").message,
            "`base` must be a block `{ ... }`, got string \"c\"");
  EXPECT_EQ(
      only_error("jail \"app\" { base { name = \"c\"; image = \"x\"; } }  jail \"c\" {}").message,
      "unknown key `image` in `base` of jail `app`");
}

TEST(DependsTest, ListAndBlockForms) {
  auto loaded = load(
      "jail \"db\" { exec { pg { cmd = \"pg\"; healthcheck { test = \"true\"; } } } }\n"
      "jail \"cache\" {}\n"
      "jail \"a\" { depends = [\"db\", \"cache\"]; }\n"
      "jail \"b\" { depends { db { condition = \"healthy\"; } cache { condition = \"started\"; } } "
      "}\n"
      "jail \"c\" { depends = \"db\"; }\n");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const auto& jails = loaded.config().jails;
  ASSERT_EQ(jails[2].depends.size(), 2u);
  EXPECT_EQ(jails[2].depends[0].name, "db");
  EXPECT_EQ(jails[2].depends[0].condition, DependCondition::kStarted);
  EXPECT_EQ(jails[2].depends[1].name, "cache");
  ASSERT_EQ(jails[3].depends.size(), 2u);
  EXPECT_EQ(jails[3].depends[0].condition, DependCondition::kHealthy);
  EXPECT_EQ(jails[3].depends[1].condition, DependCondition::kStarted);
  ASSERT_EQ(jails[4].depends.size(), 1u);
  EXPECT_EQ(jails[4].depends[0].loc.line, 5u);
}

TEST(DependsTest, Mistakes) {
  EXPECT_EQ(only_error("jail \"db\" {} jail \"a\" { depends = [\"db\", \"db\"]; }").message,
            "`db` is listed more than once in `depends` of jail `a`");
  EXPECT_EQ(
      only_error("jail \"db\" {} jail \"a\" { depends { db { condition = \"up\"; } } }").message,
      "`condition` must be \"started\" or \"healthy\", got string \"up\"");
  EXPECT_EQ(only_error("jail \"a\" { depends = 5; }").message,
            "`depends` must be a list of jail names or a block, got integer 5");
  EXPECT_EQ(only_error("jail \"db\" {} jail \"a\" { depends { db = true; } }").message,
            "dependency `db` of jail `a` must be a block `{ ... }`, got boolean true");
  EXPECT_EQ(only_error("jail \"db\" {} jail \"a\" { depends { db { wait = 1; } } }").message,
            "unknown key `wait` in dependency `db` of jail `a`");
}

TEST(LimitsTest, ValuesAndUnits) {
  auto loaded = load(
      "jail \"a\" { limits { cpu = 1.5; memory = \"512mb\"; processes = 256; } }\n"
      "jail \"b\" { limits { memory = 2gb; } }\n"
      "jail \"c\" { limits { memory = \"1G\"; cpu = 2; } }\n"
      "jail \"d\" {}\n");
  ASSERT_TRUE(loaded.result.ok()) << loaded.rendered();
  const auto& jails = loaded.config().jails;
  EXPECT_EQ(jails[0].limits.cpu, 1.5);
  EXPECT_EQ(jails[0].limits.memory, 512u * 1024 * 1024);
  EXPECT_EQ(jails[0].limits.processes, 256u);
  EXPECT_EQ(jails[1].limits.memory, 2ull * 1024 * 1024 * 1024);
  EXPECT_EQ(jails[2].limits.memory, 1ull << 30);
  EXPECT_EQ(jails[2].limits.cpu, 2.0);
  EXPECT_TRUE(jails[3].limits.empty());
}

TEST(LimitsTest, Mistakes) {
  EXPECT_EQ(only_error("jail \"a\" { limits { cpu = 0; } }").message,
            "`cpu` must be a number of cores greater than 0 (e.g. 1.5), got integer 0");
  EXPECT_EQ(only_error("jail \"a\" { limits { cpu = -1.5; } }").message,
            "`cpu` must be a number of cores greater than 0 (e.g. 1.5), got number -1.5");
  EXPECT_EQ(only_error("jail \"a\" { limits { memory = 512; } }").message,
            "memory limit of 512 bytes is below the minimum of 1 MiB");
  EXPECT_EQ(only_error("jail \"a\" { limits { memory = \"lots\"; } }").message,
            "`memory` must be a size, got string \"lots\"");
  EXPECT_EQ(only_error("jail \"a\" { limits { memory = -5; } }").message,
            "`memory` must be a size, got integer -5");
  EXPECT_EQ(only_error("jail \"a\" { limits { processes = 0; } }").message,
            "`processes` must be a whole number of processes, at least 1, got integer 0");
  EXPECT_EQ(only_error("jail \"a\" { limits = 5; }").message,
            "`limits` must be a block `{ ... }`, got integer 5");
}

}  // namespace
}  // namespace jrun::model
