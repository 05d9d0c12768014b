// Isolation seen through the binary (`jrun cmd`), and hostile values in cmd, env, dir and mount
// paths that must arrive verbatim and never run.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli_fixture.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr int kPort = 17931;

std::string two_jails() {
  return R"(jail "a" {
  forward { http { host = )" +
         std::to_string(kPort) + R"(; jail = 8080; } }
  mount { site { host = "site"; jail = "/srv/site"; } }
  exec { server { cmd = "python3 -m http.server 8080 --bind 0.0.0.0"; dir = "/srv/site"; } }
}
jail "b" { exec { idle { cmd = "sleep 100000"; } } }
)";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CliIsolation : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jri0";
    subnet_ = "10.231.23.0/24";
    CliTest::SetUp();
  }
  void TearDown() override {
    if (!marker_.empty()) fs::remove(marker_);
    if (!link_.empty()) sh("ip link del " + link_);
    CliTest::TearDown();
  }
  std::string marker_;
  std::string link_;  // a dummy interface the test made
};

TEST_F(CliIsolation, AJailSeesOnlyItsOwnProcesses) {
  ASSERT_EQ(jrun({"up", write_config(two_jails())}).exit_code, 0);
  ASSERT_EQ(http_get(kPort), "hello from jrun\n");
  JrunRun ps = jrun({"cmd", "a", "ps", "-e", "-o", "pid=,comm="});
  ASSERT_EQ(ps.exit_code, 0) << ps.err;
  std::vector<std::string> names;
  bool pid1_is_tini = false;
  for (const std::string& line : split(ps.out, '\n')) {
    std::vector<std::string> words = split(trim(line), ' ');
    if (words.size() < 2) continue;
    names.push_back(words.back());
    if (words.front() == "1") pid1_is_tini = words.back() == "tini";
  }
  EXPECT_TRUE(pid1_is_tini) << ps.out;
  EXPECT_LE(names.size(), 8u) << ps.out;
  for (const std::string& name : names) {
    // <exec>.start is jrun's own wrapper, briefly alive while monit starts the service.
    if (name.size() > 6 && name.ends_with(".start")) continue;
    // awk is the service's log line stamper (host/log_text.h), started by the same wrapper.
    EXPECT_THAT(name, ::testing::AnyOf("tini", "monit", "sh", "awk", "python3", "ps")) << ps.out;
  }
  // b's sleep is not visible from a, nor is this test process (by its command name).
  EXPECT_THAT(ps.out, Not(HasSubstr("sleep")));
  JrunRun procs = jrun({"cmd", "a", "sh", "-c", "ls /proc | grep -c '^[0-9]'"});
  EXPECT_LE(std::atoi(procs.out.c_str()), 8) << procs.out;
  JrunRun comm = jrun({"cmd", "a", "sh", "-c", "cat /proc/[0-9]*/comm"});
  EXPECT_THAT(comm.out, Not(HasSubstr("integration_te")));
}

TEST_F(CliIsolation, HostSecretsAreInvisibleAndUsrIsReadOnly) {
  marker_ = "/root/.jrun-isolation-" + std::to_string(::getpid());
  std::ofstream(marker_) << "host secret\n";
  ASSERT_EQ(jrun({"up", write_config(two_jails())}).exit_code, 0);

  EXPECT_NE(jrun({"cmd", "a", "cat", marker_}).exit_code, 0);
  JrunRun root = jrun({"cmd", "a", "ls", "-A", "/root"});
  EXPECT_THAT(root.out, Not(HasSubstr(".jrun-isolation-")));
  EXPECT_NE(jrun({"cmd", "a", "cat", home_ + "/state.json"}).exit_code, 0);
  EXPECT_NE(jrun({"cmd", "a", "ls", home_}).exit_code, 0);
  EXPECT_NE(jrun({"cmd", "a", "ls", dir_}).exit_code, 0);
  JrunRun found = jrun({"cmd", "a", "sh", "-c",
                        "find / -xdev -name state.json 2>/dev/null; "
                        "grep -rl '\"version\": 1' /srv /root /home /var /etc 2>/dev/null; true"});
  EXPECT_THAT(found.out, Not(HasSubstr("state.json"))) << found.out;

  const std::string host_shadow = read_file("/etc/shadow");
  ASSERT_FALSE(host_shadow.empty());
  JrunRun shadow = jrun({"cmd", "a", "cat", "/etc/shadow"});
  EXPECT_NE(shadow.out, host_shadow);
  for (const std::string& line : split(host_shadow, '\n')) {
    std::vector<std::string> fields = split(line, ':');
    // A real password hash of the host never appears in the jail.
    if (fields.size() > 1 && fields[1].size() > 10) {
      EXPECT_THAT(shadow.out, Not(HasSubstr(fields[1])));
    }
  }

  const std::string usr_file = "/usr/.jrun-isolation-" + std::to_string(::getpid());
  JrunRun write_usr = jrun({"cmd", "a", "sh", "-c", "echo x > " + usr_file});
  EXPECT_NE(write_usr.exit_code, 0);
  EXPECT_THAT(write_usr.err, HasSubstr("Read-only file system"));
  EXPECT_NE(jrun({"cmd", "a", "rm", "-f", "/usr/bin/env"}).exit_code, 0);
  EXPECT_FALSE(fs::exists(usr_file));
  EXPECT_TRUE(fs::exists("/usr/bin/env"));
}

// The host's own non-loopback address, made here (a veth with a TEST-NET-2 address)
// so the check runs on every machine, with or without a global address.
TEST_F(CliIsolation, ForwardIsNotReachableOnANonLoopbackAddress) {
  const std::string link = "jrt" + std::to_string(::getpid() % 100000);
  const std::string ip = "198.51.100.77";
  link_ = link;
  // A veth pair: this kernel has no dummy driver; veth is what jails use anyway.
  ASSERT_EQ(sh("ip link add " + link + " type veth peer name " + link + "p && ip link set " + link +
               "p up && ip addr add " + ip + "/32 dev " + link + " && ip link set " + link + " up")
                .exit_code,
            0);
  ASSERT_EQ(jrun({"up", write_config(two_jails())}).exit_code, 0);
  ASSERT_EQ(http_get(kPort), "hello from jrun\n");
  host::ProcessResult direct =
      sh("curl -sS -m 3 http://" + ip + ":" + std::to_string(kPort) + "/index.html");
  EXPECT_NE(direct.exit_code, 0) << "reachable on " << ip << ": " << direct.out;
  EXPECT_THAT(direct.out, Not(HasSubstr("hello from jrun")));
  // Still served on loopback.
  EXPECT_EQ(http_get(kPort), "hello from jrun\n");
}

TEST_F(CliIsolation, ForwardIsNotReachableFromAnotherJailThroughTheGateway) {
  ASSERT_EQ(jrun({"up", write_config(two_jails())}).exit_code, 0);
  ASSERT_EQ(http_get(kPort), "hello from jrun\n");
  // The forward is for the host's loopback only: not through the bridge's gateway address.
  JrunRun via_gateway = jrun({"cmd", "b", "sh", "-c",
                              "python3 -c \"import urllib.request as u; "
                              "u.urlopen('http://10.231.23.1:" +
                                  std::to_string(kPort) + "/index.html', timeout=3)\""});
  EXPECT_NE(via_gateway.exit_code, 0);
  EXPECT_THAT(via_gateway.out, Not(HasSubstr("hello from jrun")));
}

// Everything after this marker in a value is a command that must never run.
constexpr const char* kHostileConfig = R"UCL(jail "h" {
  mount {
    weird { host = "we ird 'q\" $(touch pwned-m1) `touch pwned-m2`;x"; jail = "/srv/we ird 'q\" $(touch /srv/out/pwned-m3) `touch /srv/out/pwned-m4`;x"; }
    out { host = "out"; jail = "/srv/out"; }
  }
  exec {
    s {
      dir = "/srv/we ird 'q\" $(touch /srv/out/pwned-m3) `touch /srv/out/pwned-m4`;x";
      env {
        V = "a\"b'c; touch /srv/out/pwned-e1 $(touch /srv/out/pwned-e2) `touch /srv/out/pwned-e3`\nline2 \\n end";
        W = "$(touch /srv/out/pwned-e4)";
        X = "' ; touch /srv/out/pwned-e5 ; '";
      }
      cmd = "printf '%s' \"$V\" > /srv/out/env-v; printf '%s' \"$W\" > /srv/out/env-w; printf '%s' \"$X\" > /srv/out/env-x; pwd > /srv/out/pwd; printf '%s' 'q\"uote; $(touch /srv/out/pwned-c1) `touch /srv/out/pwned-c2`' > /srv/out/arg\nls > /srv/out/ls; exec sleep 100000";
    }
  }
}
)UCL";

TEST_F(CliIsolation, HostileValuesRunVerbatimAndNothingInThemRuns) {
  const std::string weird = "we ird 'q\" $(touch pwned-m1) `touch pwned-m2`;x";
  fs::create_directories(dir_ + "/" + weird);
  std::ofstream(dir_ + "/" + weird + "/inside") << "x";
  fs::create_directories(dir_ + "/out");
  JrunRun up = jrun({"up", write_config(kHostileConfig)});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;

  const std::string out = dir_ + "/out/";
  for (int i = 0; i < 100 && !fs::exists(out + "ls"); ++i) ::usleep(100000);
  ASSERT_TRUE(fs::exists(out + "ls")) << jrun({"logs", "h", "s"}).out;
  EXPECT_EQ(read_file(out + "env-v"),
            "a\"b'c; touch /srv/out/pwned-e1 $(touch /srv/out/pwned-e2) "
            "`touch /srv/out/pwned-e3`\nline2 \\n end");
  EXPECT_EQ(read_file(out + "env-w"), "$(touch /srv/out/pwned-e4)");
  EXPECT_EQ(read_file(out + "env-x"), "' ; touch /srv/out/pwned-e5 ; '");
  EXPECT_EQ(read_file(out + "pwd"),
            "/srv/we ird 'q\" $(touch /srv/out/pwned-m3) `touch /srv/out/pwned-m4`;x\n");
  EXPECT_EQ(read_file(out + "arg"),
            "q\"uote; $(touch /srv/out/pwned-c1) `touch /srv/out/pwned-c2`");
  EXPECT_EQ(read_file(out + "ls"),
            "inside\n");  // the hostile host dir, mounted at the hostile path

  // Nothing injected ran: not in the shared dir, not next to the config, not in the jail.
  std::vector<std::string> pwned;
  for (const auto& entry :
       fs::recursive_directory_iterator(dir_, fs::directory_options::skip_permission_denied)) {
    // Path components of the hostile names themselves ("pwned-m3) `touch ", "pwned-m4`;x").
    const std::string name = entry.path().filename();
    if (name.rfind("pwned", 0) == 0 && name.find_first_of(" `") == std::string::npos) {
      pwned.push_back(entry.path());
    }
  }
  EXPECT_THAT(pwned, IsEmpty());
  JrunRun in_jail = jrun({"cmd", "h", "sh", "-c",
                          "find / \\( -path /proc -o -path /sys -o -path /usr \\) -prune -o "
                          "-name 'pwned*' ! -name '* *' ! -name '*`*' -print 2>/dev/null"});
  EXPECT_EQ(in_jail.out, "");

  // `..` in a jail path is rejected before anything runs.
  JrunRun dotdot = jrun({"up", write_config(R"(jail "h" {
  mount { out { host = "out"; jail = "/srv/../etc"; } }
}
)")});
  EXPECT_EQ(dotdot.exit_code, 2);
  EXPECT_THAT(dotdot.err, HasSubstr(".."));
}

}  // namespace
}  // namespace jrun::testing
