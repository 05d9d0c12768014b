// Generated supervision with a real monit (root): the files live under a temp prefix, monit and
// the services run in a private PID namespace whose PID 1 reaps orphans (as a jail's init does)
// and whose death kills everything. Cycle 2 s; every wait is bounded.

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <string>

#include "jrun/host/linux/supervision.h"
#include "unit/host/test_network_support.h"

namespace jrun::host::linux_driver {
namespace {

using testing::Output;
using testing::run_shell;

constexpr double kCycle = 2;
constexpr const char* kReaper =
    "import os, time\nwhile True:\n    try:\n        os.wait()\n"
    "    except ChildProcessError:\n        time.sleep(0.2)\n";

class SupervisionIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0 || !testing::have("monit")) GTEST_SKIP() << "needs root and monit";
    root_ = dir_.path();
    const std::string inner = "echo $$ >" + root_ + "/unshare.pid; exec unshare --pid --fork " +
                              "--mount-proc --kill-child -- /usr/bin/python3 -c " +
                              shell_quote(kReaper);
    run_shell("setsid -f sh -c " + shell_quote(inner) + " >/dev/null 2>&1 </dev/null");
    for (int i = 0; i < 50 && init_.empty(); ++i) {
      usleep(100000);
      const std::string outer = read(root_ + "/unshare.pid");
      if (!outer.empty())
        init_ = read("/proc/" + outer.substr(0, outer.size() - 1) + "/task/" +
                     outer.substr(0, outer.size() - 1) + "/children");
    }
    while (!init_.empty() && (init_.back() == ' ' || init_.back() == '\n')) init_.pop_back();
    ASSERT_FALSE(init_.empty()) << "no pid namespace";
  }

  void TearDown() override {
    if (init_.empty()) return;
    in_ns(supervision_stop_script(root_));
    run_shell("kill -9 " + init_);  // PID 1 of the namespace: takes every process with it
  }

  static std::string read(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }

  // Runs a script inside the namespace, as the runtime does inside a jail.
  Output in_ns(const std::string& script) {
    const std::string path = root_ + "/script.sh";
    testing::write_file(path, script, 0700);
    return run_shell("nsenter -t " + init_ + " -p -m sh " + path);
  }

  Output apply(const model::Jail& jail) {
    return in_ns(supervision_apply_script(supervision_files(jail, kCycle, root_), root_));
  }

  // The pid of a running service (as seen in the namespace), or "" when it does not run.
  std::string pid(const std::string& exec) {
    const Output out = in_ns("p=$(cat " + exec_pid_path(exec, root_) +
                             " 2>/dev/null) && kill -0 \"$p\" 2>/dev/null && printf %s \"$p\"");
    return out.text;
  }

  // The "data collected" stamp of monit's System entry: it changes once per monit cycle.
  std::string cycle_stamp() {
    return in_ns("/usr/bin/monit -c " + monitrc_path(root_) +
                 " status 2>/dev/null | sed -n '/^System/,/^$/s/^ *data collected *//p'")
        .text;
  }

  // Waits until monit has begun `n` new cycles (so n - 1 whole cycles ran after the call): a
  // negative check after it has seen monit decide, whatever the machine's load.
  void wait_cycles(int n) {
    std::string last = cycle_stamp();
    int seen = 0;
    for (int i = 0; i < static_cast<int>(n * kCycle * 20) && seen < n; ++i) {
      usleep(200000);
      const std::string now = cycle_stamp();
      if (!now.empty() && now != last) ++seen;
      if (!now.empty()) last = now;
    }
    ASSERT_EQ(seen, n) << "monit did not run " << n << " cycles";
  }

  // Waits up to `seconds` until the service runs with a pid other than `old`.
  std::string wait_new_pid(const std::string& exec, const std::string& old, double seconds) {
    for (int i = 0; i < static_cast<int>(seconds * 10); ++i) {
      const std::string now = pid(exec);
      if (!now.empty() && now != old) return now;
      usleep(100000);
    }
    return "";
  }

  model::Jail jail() const {
    model::Jail out;
    out.name = "j";
    model::Exec web;
    web.name = "web";
    web.cmd = "exec sleep 1000";
    web.healthcheck = model::Healthcheck{"[ ! -e " + root_ + "/unhealthy ]", 2, 2, 1};
    model::Exec svc;
    svc.name = "svc";
    svc.cmd = "echo \"started $MODE\"; exec sleep 1000";
    svc.env = {{"MODE", "one"}};
    model::Exec gone = svc;
    gone.name = "gone";
    out.execs = {web, svc, gone};
    return out;
  }

  testing::TempDir dir_;
  std::string root_;
  std::string init_;  ///< host pid of the namespace's PID 1
};

TEST_F(SupervisionIntegration, RestartsAndReapplies) {
  model::Jail config = jail();
  Output first = apply(config);
  ASSERT_EQ(first.status, 0) << first.text;
  const std::string web = wait_new_pid("web", "", 15);
  const std::string svc = wait_new_pid("svc", "", 15);
  const std::string gone = wait_new_pid("gone", "", 15);
  ASSERT_FALSE(web.empty() || svc.empty() || gone.empty());

  // re-applying the same config changes nothing
  ASSERT_EQ(apply(config).status, 0);
  wait_cycles(2);
  EXPECT_EQ(pid("web"), web);
  EXPECT_EQ(pid("svc"), svc);

  // a killed service is back within two cycles (plus its start)
  in_ns("kill -9 " + svc);
  const std::string svc2 = wait_new_pid("svc", svc, 2 * kCycle + 2);
  EXPECT_FALSE(svc2.empty()) << "not restarted in two cycles";

  // a failing healthcheck restarts the service
  testing::write_file(root_ + "/unhealthy", "", 0600);
  const std::string web2 = wait_new_pid("web", web, 6 * kCycle + 2);
  EXPECT_FALSE(web2.empty()) << "not restarted on a failing healthcheck";
  std::filesystem::remove(root_ + "/unhealthy");

  // changing one exec restarts it alone; removing one stops and removes it
  config.execs[1].env = {{"MODE", "two"}};
  config.execs.pop_back();
  Output second = apply(config);
  ASSERT_EQ(second.status, 0) << second.text;
  EXPECT_EQ(pid("gone"), "");
  EXPECT_EQ(in_ns("kill -0 " + gone + " 2>/dev/null").status, 1) << "removed exec still runs";
  EXPECT_FALSE(std::filesystem::exists(root_ + "/etc/monit/conf.d/gone.monitrc"));
  EXPECT_FALSE(std::filesystem::exists(root_ + "/etc/jrun/exec/gone.run"));
  EXPECT_FALSE(wait_new_pid("svc", svc2, 10).empty());
  wait_cycles(2);
  EXPECT_EQ(pid("gone"), "") << "monit started the removed exec again";
  const std::string web3 = pid("web");
  EXPECT_FALSE(web3.empty());
  EXPECT_NE(read(exec_log_path("svc", root_)).find("started two"), std::string::npos);

  // monit status, parsed
  std::vector<ServiceStatus> services;
  for (int i = 0; i < 50; ++i) {
    services =
        parse_monit_status(in_ns("/usr/bin/monit -c " + monitrc_path(root_) + " status").text);
    if (services.size() == 2 && services[0].healthy && services[1].healthy) break;
    usleep(200000);
  }
  ASSERT_EQ(services.size(), 2U);
  EXPECT_TRUE(services[0].healthy) << services[0].name << ": " << services[0].status;
  EXPECT_TRUE(services[1].healthy) << services[1].name << ": " << services[1].status;
  EXPECT_EQ(pid("web"), web3);
}

TEST_F(SupervisionIntegration, RemovingTheLastExecStopsIt) {
  model::Jail config = jail();
  config.execs.resize(1);
  ASSERT_EQ(apply(config).status, 0);
  const std::string web = wait_new_pid("web", "", 15);
  ASSERT_FALSE(web.empty());
  config.execs.clear();
  Output out = apply(config);
  ASSERT_EQ(out.status, 0) << out.text;
  EXPECT_EQ(in_ns("kill -0 " + web + " 2>/dev/null").status, 1);
  wait_cycles(2);
  EXPECT_EQ(pid("web"), "");
}

}  // namespace
}  // namespace jrun::host::linux_driver
