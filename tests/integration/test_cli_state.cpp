// A state.json that is lost or of the wrong shape (issue 15, items 1 and 2), through the real
// binary on the local provider: jrun never forgets a jail it made on the host, never gives out
// an address a jail there still holds, and never replaces the backup with a state that did not
// load.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli_fixture.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

std::string idle_jails(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    out += "jail \"" + name + "\" { exec { idle { cmd = \"sleep 100000\"; } } }\n";
  }
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class CliState : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jrst0";
    subnet_ = "10.231.31.0/24";
    CliTest::SetUp();
  }

  std::string state_path() const { return home_ + "/state.json"; }

  /// The address state.json records for `jail` ("" = none).
  std::string recorded_ip(const std::string& jail) {
    auto json = nlohmann::json::parse(read_file(state_path()), nullptr, false);
    if (!json.is_object() || !json.contains("jails")) return "";
    for (const auto& record : json["jails"]) {
      if (record.value("name", "") == jail) return record.value("ip", "");
    }
    return "";
  }

  /// The IPv4 address inside the jail's network namespace ("" = no namespace).
  std::string netns_ip(const std::string& jail) {
    return std::string(trim(sh("ip -n " + bridge_ + "-" + jail +
                               " -o -4 addr show scope global 2>/dev/null | awk '{print $4}' | "
                               "cut -d/ -f1")
                                .out));
  }

  bool has_netns(const std::string& jail) {
    return fs::exists("/run/netns/" + bridge_ + "-" + jail);
  }
};

// Item 1: `{"version":1}` was read as "no jails": the running jail became unmanaged, the backup
// was overwritten with the bad file and a new jail could take the running jail's address.
TEST_F(CliState, WrongShapedStateIsCorruptAndTheBackupSurvives) {
  const std::string config = write_config(idle_jails({"a"}));
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  ASSERT_EQ(jrun({"up", write_config(idle_jails({"a", "b"}))}).exit_code, 0);
  const std::string backup = read_file(state_path() + ".bak");
  ASSERT_THAT(backup, HasSubstr("\"a\""));
  std::ofstream(state_path()) << "{\"version\":1}";

  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"status"}, {"up", write_config(idle_jails({"a", "b", "c"}))}}) {
    JrunRun run = jrun(args);
    EXPECT_NE(run.exit_code, 0) << args[0] << ": " << run.out;
    EXPECT_THAT(run.err, HasSubstr("is corrupt: missing \"jails\"")) << args[0];
    EXPECT_THAT(run.err, HasSubstr("cp " + state_path() + ".bak " + state_path())) << args[0];
  }
  EXPECT_EQ(read_file(state_path()), "{\"version\":1}");
  EXPECT_EQ(read_file(state_path() + ".bak"), backup);
  EXPECT_FALSE(has_netns("c"));
  EXPECT_TRUE(has_netns("a"));

  // Restoring the backup as the message says brings everything back.
  ASSERT_EQ(sh("cp " + state_path() + ".bak " + state_path()).exit_code, 0);
  JrunRun status = jrun({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_THAT(status.out, Not(HasSubstr("unmanaged")));
}

// Item 2: state.json deleted while jails run.
TEST_F(CliState, LostStateNeverReusesAnAddressAndDownRemovesTheOrphan) {
  ASSERT_EQ(jrun({"up", write_config(idle_jails({"a"}))}).exit_code, 0);
  const std::string ip_a = recorded_ip("a");
  ASSERT_FALSE(ip_a.empty());
  ASSERT_EQ(netns_ip("a"), ip_a);
  fs::remove(state_path());
  fs::remove(state_path() + ".bak");

  JrunRun status = jrun({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_THAT(status.out, HasSubstr("unmanaged"));
  EXPECT_THAT(status.err, HasSubstr("`jrun down a`"));
  EXPECT_THAT(status.err, HasSubstr("`jrun up CONFIG` adopts"));

  JrunRun up = jrun({"up", write_config(idle_jails({"b"}))});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_THAT(up.err, HasSubstr("on the host but not recorded: a"));
  EXPECT_NE(recorded_ip("b"), ip_a);
  EXPECT_EQ(netns_ip("b"), recorded_ip("b"));
  EXPECT_EQ(netns_ip("a"), ip_a);

  JrunRun down = jrun({"down", "a", "--yes"});
  EXPECT_EQ(down.exit_code, 0) << down.out << down.err;
  EXPECT_FALSE(has_netns("a"));
  EXPECT_FALSE(fs::exists(home_ + "/linux/jails/a"));
  EXPECT_TRUE(has_netns("b"));
  EXPECT_THAT(jrun({"status"}).out, Not(HasSubstr("unmanaged")));
}

TEST_F(CliState, LostStateUpAdoptsConfiguredJailsAndPruneRemovesTheRest) {
  ASSERT_EQ(jrun({"up", write_config(idle_jails({"a", "b"}))}).exit_code, 0);
  const std::string ip_a = recorded_ip("a");
  ASSERT_FALSE(ip_a.empty());
  fs::remove(state_path());
  fs::remove(state_path() + ".bak");

  // Destroying b is asked like any other destruction: no terminal and no --yes is refused.
  JrunRun refused = jrun({"up", write_config(idle_jails({"a"})), "--prune"});
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
  EXPECT_TRUE(has_netns("b"));
  JrunRun up = jrun({"up", write_config(idle_jails({"a"})), "--prune", "--yes"});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_EQ(recorded_ip("a"), ip_a);
  EXPECT_EQ(netns_ip("a"), ip_a);
  EXPECT_FALSE(has_netns("b"));
  EXPECT_FALSE(fs::exists(home_ + "/linux/jails/b"));
  JrunRun status = jrun({"status"});
  EXPECT_THAT(status.out, Not(HasSubstr("unmanaged")));
  EXPECT_THAT(status.out, HasSubstr(" up "));
}

// Item 12: a missing jail, service or snapshot is one ✗ line and exit 2, in every command.
TEST_F(CliState, NotFoundIsOneLineAndExitTwoEverywhere) {
  ASSERT_EQ(jrun({"up", write_config(R"(jail "a" { exec { idle { cmd = "sleep 100000"; }
                                                     other { cmd = "sleep 100001"; } } })")})
                .exit_code,
            0);
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"logs", "a", "nosuch"}, "jail 'a' has no service 'nosuch' (its services: idle, other)"},
      {{"logs", "nosuch"}, "no jail named 'nosuch'"},
      {{"status", "nosuch"}, "no jail named 'nosuch'"},
      {{"cmd", "nosuch", "true"}, "no jail named 'nosuch'"},
      {{"down", "nosuch", "--yes"}, "no jail named 'nosuch'"},
      {{"snapshot", "list", "nosuch"}, "no jail named 'nosuch'"},
      {{"snapshot", "rollback", "a", "nosnap", "--yes"},
       "jail 'a' has no snapshot 'nosnap' (it has none)"},
      {{"snapshot", "delete", "a", "nosnap", "--yes"},
       "jail 'a' has no snapshot 'nosnap' (it has none)"},
  };
  for (const Case& c : cases) {
    JrunRun run = jrun(c.args);
    const std::string what = join(c.args, " ");
    EXPECT_EQ(run.exit_code, 2) << what << ": " << run.err;
    EXPECT_EQ(run.err,
              "✗ " + c.message +
                  (c.message.find('(') == std::string::npos ? " (see `jrun status`)\n" : "\n"))
        << what;
  }
  ASSERT_EQ(jrun({"snapshot", "create", "a", "s1"}).exit_code, 0);
  JrunRun rollback = jrun({"snapshot", "rollback", "a", "s2", "--yes"});
  EXPECT_EQ(rollback.exit_code, 2);
  EXPECT_EQ(rollback.err, "✗ jail 'a' has no snapshot 's2' (its snapshots: s1)\n");
}

}  // namespace
}  // namespace jrun::testing
