// Checks across jails: references, cycles, unique addresses and host ports.

#include <gtest/gtest.h>

#include "test_support.h"

namespace jrun::model {
namespace {

using testing::load;
using testing::only_error;

TEST(ReferenceTest, UnknownJailsWithHints) {
  Diagnostic base =
      only_error("jail \"python-314\" {}\njail \"app\" { base { name = \"python-313\"; } }");
  EXPECT_EQ(base.message, "jail `app` is cloned from unknown jail `python-313`");
  EXPECT_EQ(base.hint, "did you mean `python-314`?");
  EXPECT_EQ(base.field, "jail.app.base.name");
  EXPECT_EQ(base.loc.line, 2u);

  Diagnostic dep = only_error("jail \"app\" { depends = [\"redis\"]; }");
  EXPECT_EQ(dep.message, "jail `app` depends on unknown jail `redis`");
  EXPECT_EQ(dep.hint, "jails of the same config file only");
  EXPECT_EQ(dep.field, "jail.app.depends.redis");
}

TEST(ReferenceTest, SelfReferences) {
  EXPECT_EQ(only_error("jail \"a\" { base { name = \"a\"; } }").message,
            "jail `a` is cloned from itself");
  EXPECT_EQ(only_error("jail \"a\" { depends = [\"a\"]; }").message, "jail `a` depends on itself");
}

TEST(ReferenceTest, HealthyNeedsAHealthcheck) {
  Diagnostic d = only_error(
      "jail \"db\" { exec { pg { cmd = \"pg\"; } } }\n"
      "jail \"app\" { depends { db { condition = \"healthy\"; } } }");
  EXPECT_EQ(d.message,
            "jail `app` waits for `db` to be healthy, but no exec of `db` has a healthcheck");
  EXPECT_EQ(d.loc.line, 2u);
  EXPECT_EQ(d.loc.column, 24u);
  EXPECT_TRUE(load("jail \"db\" { exec { pg { cmd = \"pg\"; } } }\n"
                   "jail \"app\" { depends { db { condition = \"started\"; } } }")
                  .result.ok());
}

TEST(CycleTest, ReportedOnceWithThePath) {
  auto loaded = load(
      "jail \"c\" { depends = [\"a\"]; }\n"
      "jail \"a\" { depends = [\"b\"]; }\n"
      "jail \"b\" { depends = [\"c\"]; }\n");
  ASSERT_EQ(loaded.diagnostics().size(), 1u) << loaded.rendered();
  const Diagnostic& d = loaded.diagnostics()[0];
  EXPECT_EQ(d.message, "dependency cycle: c → a → b → c");
  EXPECT_EQ(d.loc.line, 1u);
  EXPECT_EQ(d.field, "jail.c.depends.a");
}

TEST(CycleTest, ThroughBaseAndDepends) {
  Diagnostic d = only_error(
      "jail \"core\" { depends = [\"app\"]; }\njail \"app\" { base { name = \"core\"; } }");
  EXPECT_EQ(d.message, "dependency cycle: core → app → core");
}

TEST(CycleTest, TwoSeparateCyclesAreBothReported) {
  auto loaded = load(
      "jail \"a\" { depends = [\"b\"]; }\njail \"b\" { depends = [\"a\"]; }\n"
      "jail \"x\" { depends = [\"y\"]; }\njail \"y\" { depends = [\"x\"]; }\n"
      "jail \"ok\" { depends = [\"a\", \"x\"]; }\n");
  ASSERT_EQ(loaded.diagnostics().size(), 2u) << loaded.rendered();
  EXPECT_EQ(loaded.diagnostics()[0].message, "dependency cycle: a → b → a");
  EXPECT_EQ(loaded.diagnostics()[1].message, "dependency cycle: x → y → x");
}

TEST(CycleTest, DiamondIsNotACycle) {
  EXPECT_TRUE(load("jail \"a\" {}\njail \"b\" { depends = [\"a\"]; }\n"
                   "jail \"c\" { depends = [\"a\"]; }\njail \"d\" { depends = [\"b\", \"c\"]; "
                   "base { name = \"a\"; } }")
                  .result.ok());
}

TEST(UniquenessTest, IpAddresses) {
  Diagnostic d =
      only_error("jail \"web\" { ip = \"10.17.89.20\"; }\njail \"api\" { ip = \"10.17.89.20\"; }");
  EXPECT_EQ(d.message, "ip 10.17.89.20 is already used by jail `web` (/proj/jrun.ucl:1:19)");
  EXPECT_EQ(d.loc.line, 2u);
  EXPECT_EQ(d.field, "jail.api.ip");
}

TEST(UniquenessTest, HostPortsPerProtoAcrossJails) {
  auto loaded = load(
      "jail \"api\" { forward { http { host = 8080; jail = 80; } } }\n"
      "jail \"web\" { forward {\n"
      "  http { host = 8080; jail = 80; }\n"
      "  dns { proto = \"udp\"; host = 8080; jail = 53; }\n"
      "} }");
  ASSERT_EQ(loaded.diagnostics().size(), 1u) << loaded.rendered();
  const Diagnostic& d = loaded.diagnostics()[0];
  EXPECT_EQ(d.message, "tcp/8080 is already forwarded by jail `api` (/proj/jrun.ucl:1:38)");
  EXPECT_EQ(d.loc.line, 3u);
  EXPECT_EQ(d.loc.column, 17u);
  EXPECT_EQ(d.field, "jail.web.forward.http.host");
}

TEST(UniquenessTest, HostPortsAcrossJailsAndBaseInFileOrder) {
  Diagnostic d = only_error(
      "base { forward { ssh { host = 2222; target = 22; } } }\n"
      "jail \"web\" { forward { ssh { host = 2222; jail = 22; } } }");
  EXPECT_EQ(d.message, "tcp/2222 is already forwarded by the base block (/proj/jrun.ucl:1:31)");
  EXPECT_EQ(d.field, "jail.web.forward.ssh.host");

  Diagnostic later = only_error(
      "jail \"web\" { forward { ssh { host = 2222; jail = 22; } } }\n"
      "base { forward { ssh { host = 2222; target = 22; } } }");
  EXPECT_EQ(later.message, "tcp/2222 is already forwarded by jail `web` (/proj/jrun.ucl:1:37)");
  EXPECT_EQ(later.field, "base.forward.ssh.host");
}

TEST(LoadTest, EveryMistakeIsReportedInFileOrder) {
  auto loaded = load(
      "jail \"a\" { ip = \"1.2.3.4\"; }\n"
      "jail \"B\" { release = 1; }\n"
      "jail \"c\" { depends = [\"zz\"]; forward { f { host = 0; jail = 1; } } }\n");
  ASSERT_EQ(loaded.diagnostics().size(), 5u) << loaded.rendered();
  for (std::size_t i = 1; i < loaded.diagnostics().size(); ++i) {
    const Location& prev = loaded.diagnostics()[i - 1].loc;
    const Location& cur = loaded.diagnostics()[i].loc;
    EXPECT_TRUE(prev.line < cur.line || (prev.line == cur.line && prev.column <= cur.column));
  }
}

}  // namespace
}  // namespace jrun::model
