// kill -9 of `jrun up` at several points (markers polled on the host: data dir, bridge, state
// phases, netns, the jail's init) → the next `up` converges and nothing leaked compared with a
// clean run; purge then leaves nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <thread>

#include "cli_fixture.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr int kPort = 17921;

std::string crash_config() {
  return R"(jail "a" {
  forward { http { host = )" +
         std::to_string(kPort) + R"(; jail = 8080; } }
  mount { site { host = "site"; jail = "/srv/site"; } }
  exec { server { cmd = "python3 -m http.server 8080 --bind 0.0.0.0"; dir = "/srv/site"; } }
}
jail "b" { exec { idle { cmd = "sleep 100000"; } } }
jail "c" { exec { idle { cmd = "sleep 100000"; } } }
)";
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// Fields of /proc/PID/stat after the command name: [0] state, [3] session id.
std::vector<std::string> stat_fields(const std::string& pid) {
  std::string stat = read_file("/proc/" + pid + "/stat");
  std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return {};
  return split(trim(stat.substr(close + 2)), ' ');
}

/// What a run leaves on the host, to compare with a clean run.
struct Footprint {
  int netns = 0, veths = 0, jail_dirs = 0, mounts = 0, cgroup_procs = 0, home_procs = 0;
  int nft_lines = 0;
  bool bridge = false;
  bool operator==(const Footprint&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Footprint& f) {
  return os << "{netns " << f.netns << ", veths " << f.veths << ", jail dirs " << f.jail_dirs
            << ", mounts " << f.mounts << ", cgroup procs " << f.cgroup_procs << ", home procs "
            << f.home_procs << ", nft lines " << f.nft_lines << ", bridge " << f.bridge << "}";
}

enum class Kill { kJrunOnly, kJrunAndScripts };

struct KillPoint {
  std::string name;
  Kill how;
};

class CliCrash : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jrc0";
    subnet_ = "10.231.21.0/24";
    CliTest::SetUp();
  }

  int count(const std::string& script) {
    return std::atoi(std::string(trim(sh(script).out)).c_str());
  }

  Footprint footprint() {
    Footprint f;
    f.netns = count("ls /run/netns 2>/dev/null | grep -c '^" + bridge_ + "-'");
    f.veths = count("ip -o link show master " + bridge_ + " 2>/dev/null | wc -l");
    f.jail_dirs = count("ls " + home_ + "/linux/jails 2>/dev/null | wc -l");
    f.mounts = count("grep -cF " + shell_quote(" " + home_ + "/") + " /proc/self/mountinfo");
    f.nft_lines = count("nft list table inet " + bridge_ + " 2>/dev/null | wc -l");
    f.bridge = sh("ip link show " + bridge_).exit_code == 0;
    for (const auto& entry : fs::directory_iterator("/proc")) {
      std::string pid = entry.path().filename();
      if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
      if (read_file("/proc/" + pid + "/cgroup").find(":/" + bridge_ + "/") != std::string::npos)
        ++f.cgroup_procs;
      if (read_file("/proc/" + pid + "/cmdline").find(home_) != std::string::npos) ++f.home_procs;
    }
    return f;
  }

  /// The footprint once it holds still: the supervisor may be running a start program or a
  /// check for a moment, which a single reading would count.
  Footprint settled_footprint() {
    Footprint last = footprint();
    for (int i = 0; i < 40; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      Footprint next = footprint();
      if (next == last) return next;
      last = next;
    }
    return last;
  }

  /// Whether the marker of a kill point is on the host now.
  bool marker(const std::string& point) {
    const std::string linux_dir = home_ + "/linux";
    const std::string state = read_file(home_ + "/state.json");
    if (point == "prepare") return fs::exists(linux_dir);
    if (point == "bridge") return fs::exists("/sys/class/net/" + bridge_);
    if (point == "creating") return state.find("\"creating\"") != std::string::npos;
    if (point == "netns") return fs::exists("/run/netns/" + bridge_ + "-b");
    if (point == "init") return fs::exists(linux_dir + "/jails/a/pid");
    if (point == "ready") return state.find("\"ready\"") != std::string::npos;
    return false;
  }

  /// Starts `jrun up` in its own session, SIGKILLs it when the marker appears (then, for
  /// kJrunAndScripts, every process of its session: the scripts it was running). Returns
  /// whether jrun was still running when killed.
  bool up_and_kill(const std::string& config, const KillPoint& point) {
    std::string env;
    for (const auto& [k, v] : jrun_env()) env += k + "=" + shell_quote(v) + " ";
    std::string cmd = "cd " + shell_quote(dir_) + " && setsid env " + env +
                      shell_quote(std::getenv("JRUN_BINARY")) + " up " + shell_quote(config) +
                      " >" + shell_quote(dir_ + "/killed.log") + " 2>&1 </dev/null & echo $!";
    std::string pid = std::string(trim(sh(cmd).out));
    EXPECT_FALSE(pid.empty());
    if (pid.empty()) return false;
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!marker(point.name) && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::vector<std::string> fields = stat_fields(pid);
    const bool alive = !fields.empty() && fields[0] != "Z";
    ::kill(std::stoi(pid), SIGKILL);
    // A script may fork while we scan: repeat until a scan finds no live process of the session.
    for (bool found = point.how == Kill::kJrunAndScripts; found;) {
      found = false;
      for (const auto& entry : fs::directory_iterator("/proc")) {
        std::string other = entry.path().filename();
        if (other.find_first_not_of("0123456789") != std::string::npos) continue;
        std::vector<std::string> f = stat_fields(other);
        if (f.size() > 3 && f[3] == pid && f[0] != "Z") {
          ::kill(std::stoi(other), SIGKILL);
          found = true;
        }
      }
    }
    while (fs::exists("/proc/" + pid) && stat_fields(pid).size() > 0 &&
           stat_fields(pid)[0] != "Z" && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return alive;
  }

  void expect_converged(int port) {
    EXPECT_EQ(http_get(port), "hello from jrun\n");
    JrunRun status = jrun({"status"});
    EXPECT_EQ(status.exit_code, 0) << status.err;
    for (const char* jail : {"a ", "b ", "c "}) {
      bool up = false;
      for (const std::string& line : split(status.out, '\n')) {
        const std::string row(trim(line));  // the table is indented
        if (row.rfind(jail, 0) == 0 && row.find(" up ") != std::string::npos) up = true;
      }
      EXPECT_TRUE(up) << jail << "not up in:\n" << status.out;
    }
  }

  void expect_nothing_left() {
    JrunRun purge = jrun({"purge", "--yes"});
    ASSERT_EQ(purge.exit_code, 0) << purge.out << purge.err;
    // The scripts of a killed jrun may still be finishing: give them a bounded moment.
    Footprint zero;
    Footprint now = footprint();
    for (int i = 0; i < 50 && !(now == zero); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      now = footprint();
    }
    EXPECT_EQ(now, zero);
  }
};

TEST_F(CliCrash, KillNineAtEveryPointConvergesAndLeaksNothing) {
  const std::string config = write_config(crash_config());
  JrunRun clean = jrun({"up", config});
  ASSERT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  expect_converged(kPort);
  const Footprint baseline = settled_footprint();
  EXPECT_EQ(baseline.netns, 3);
  EXPECT_EQ(baseline.veths, 3);
  EXPECT_EQ(baseline.jail_dirs, 3);
  EXPECT_GE(baseline.mounts, 7);  // root + propagate per jail, the live mount of a
  EXPECT_GT(baseline.cgroup_procs, 9);
  expect_nothing_left();

  const std::vector<KillPoint> points = {
      {"prepare", Kill::kJrunAndScripts},  {"bridge", Kill::kJrunAndScripts},
      {"creating", Kill::kJrunAndScripts}, {"netns", Kill::kJrunAndScripts},
      {"init", Kill::kJrunAndScripts},     {"ready", Kill::kJrunAndScripts},
      {"creating", Kill::kJrunOnly},       {"netns", Kill::kJrunOnly},
      {"init", Kill::kJrunOnly},
  };
  int alive_at_kill = 0;
  for (const KillPoint& point : points) {
    SCOPED_TRACE("kill -9 at " + point.name +
                 (point.how == Kill::kJrunOnly ? " (jrun only)" : " (jrun and its scripts)"));
    alive_at_kill += up_and_kill(config, point) ? 1 : 0;
    if (std::getenv("JRUN_TEST_VERBOSE"))
      std::cerr << point.name << ":\n" << read_file(dir_ + "/killed.log") << "\n";
    JrunRun again = jrun({"up", config}, std::chrono::seconds(120));
    ASSERT_EQ(again.exit_code, 0) << read_file(dir_ + "/killed.log") << "---\n"
                                  << again.out << again.err;
    expect_converged(kPort);
    // Service processes settle within a cycle of the supervisor.
    Footprint now = footprint();
    for (int i = 0; i < 25 && !(now == baseline); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      now = footprint();
    }
    EXPECT_EQ(now, baseline);
    JrunRun third = jrun({"up", config});
    EXPECT_EQ(third.exit_code, 0) << third.err;
    EXPECT_THAT(third.out, HasSubstr("Nothing to deploy"));
    expect_nothing_left();
  }
  // The markers must have caught jrun in the act, or the test proves nothing.
  EXPECT_GE(alive_at_kill, static_cast<int>(points.size()) - 1);
}

}  // namespace
}  // namespace jrun::testing
