// Jails find each other by `<name>` and `<name>.local.jrun`; a jail added or removed later is
// (un)resolvable from the running jails after the next `up`, without restarting them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_fixture.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

constexpr const char* kJailA = R"(jail "a" { exec { idle { cmd = "sleep 100000"; } } }
)";
constexpr const char* kJailB = R"(jail "b" {
  mount { site { host = "site"; jail = "/srv/site"; } }
  exec { server { cmd = "python3 -m http.server 8080 --bind 0.0.0.0"; dir = "/srv/site"; } }
}
)";
constexpr const char* kJailC = R"(jail "c" { exec { idle { cmd = "sleep 100000"; } } }
)";

class CliNames : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jrn0";
    subnet_ = "10.231.22.0/24";
    CliTest::SetUp();
  }

  /// GET http://<host>:8080/index.html from inside `jail` (python's resolver: /etc/hosts).
  JrunRun fetch_from(const std::string& jail, const std::string& host) {
    const std::string code =
        "import sys, time, urllib.request\n"
        "for i in range(40):\n"
        "    try:\n"
        "        sys.stdout.write(urllib.request.urlopen('http://" +
        host +
        ":8080/index.html', timeout=2).read().decode()); break\n"
        "    except OSError as e:\n"
        "        err = e; time.sleep(0.25)\n"
        "else:\n"
        "    sys.exit(str(err))\n";
    return jrun({"cmd", jail, "python3", "-c", code});
  }

  /// The jail's address as `status --json` reports it.
  std::string ip_of(const std::string& jail) {
    JrunRun r = jrun({"cmd", jail, "hostname", "-I"});
    return std::string(trim(r.out));
  }
};

TEST_F(CliNames, JailsReachEachOtherByNameAndLocalJrun) {
  ASSERT_EQ(jrun({"up", write_config(std::string(kJailA) + kJailB)}).exit_code, 0);
  JrunRun short_name = fetch_from("a", "b");
  EXPECT_EQ(short_name.exit_code, 0) << short_name.err;
  EXPECT_EQ(short_name.out, "hello from jrun\n");
  JrunRun long_name = fetch_from("a", "b.local.jrun");
  EXPECT_EQ(long_name.exit_code, 0) << long_name.err;
  EXPECT_EQ(long_name.out, "hello from jrun\n");

  const std::string b_ip = ip_of("b");
  ASSERT_THAT(b_ip, StartsWith("10.231.22."));
  JrunRun getent = jrun({"cmd", "a", "getent", "hosts", "b.local.jrun"});
  EXPECT_EQ(getent.exit_code, 0);
  EXPECT_THAT(getent.out, StartsWith(b_ip + " "));
  // And the other way round, and a jail finds itself.
  EXPECT_EQ(jrun({"cmd", "b", "getent", "hosts", "a"}).exit_code, 0);
  EXPECT_THAT(jrun({"cmd", "a", "getent", "hosts", "a.local.jrun"}).out,
              StartsWith(ip_of("a") + " "));
  // Unknown names do not resolve to anything of ours.
  EXPECT_NE(jrun({"cmd", "a", "getent", "hosts", "nope.local.jrun"}).exit_code, 0);
}

TEST_F(CliNames, AJailAddedLaterIsResolvableFromRunningJails) {
  ASSERT_EQ(jrun({"up", write_config(std::string(kJailA) + kJailB)}).exit_code, 0);
  EXPECT_NE(jrun({"cmd", "a", "getent", "hosts", "c"}).exit_code, 0);
  const std::string pid_a = pid_of("a", "sleep 100000");
  ASSERT_FALSE(pid_a.empty());

  JrunRun added = jrun({"up", write_config(std::string(kJailA) + kJailB + kJailC)});
  ASSERT_EQ(added.exit_code, 0) << added.out << added.err;
  const std::string c_ip = ip_of("c");
  ASSERT_THAT(c_ip, StartsWith("10.231.22."));
  for (const char* from : {"a", "b"}) {
    SCOPED_TRACE(from);
    EXPECT_THAT(jrun({"cmd", from, "getent", "hosts", "c"}).out, StartsWith(c_ip + " "));
    EXPECT_THAT(jrun({"cmd", from, "getent", "hosts", "c.local.jrun"}).out, StartsWith(c_ip + " "));
  }
  JrunRun from_c = fetch_from("c", "b");
  EXPECT_EQ(from_c.out, "hello from jrun\n") << from_c.err;
  // The running jail was re-wired, not restarted.
  EXPECT_EQ(pid_of("a", "sleep 100000"), pid_a);

  // Destroying asks, as `down` does: without a terminal, only with --yes.
  const std::string smaller = write_config(std::string(kJailA) + kJailB);
  JrunRun refused = jrun({"up", "--prune", smaller});
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("pass --yes"));
  EXPECT_EQ(jrun({"cmd", "c", "true"}).exit_code, 0) << "c was destroyed without --yes";
  JrunRun pruned = jrun({"up", "--prune", "--yes", smaller});
  ASSERT_EQ(pruned.exit_code, 0) << pruned.out << pruned.err;
  EXPECT_NE(jrun({"cmd", "a", "getent", "hosts", "c"}).exit_code, 0);
  EXPECT_THAT(jrun({"cmd", "a", "cat", "/etc/hosts"}).out, Not(HasSubstr("c.local.jrun")));
  EXPECT_EQ(pid_of("a", "sleep 100000"), pid_a);
}

}  // namespace
}  // namespace jrun::testing
