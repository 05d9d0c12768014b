// Supervision generators: monit files (golden, `monit -t`), wrapper scripts (golden, sh -n,
// shellcheck, hostile values run verbatim), the apply script, and the `monit status` parser on
// output captured from monit 5.33.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "jrun/host/linux/supervision.h"
#include "jrun/host/log_text.h"
#include "test_network_support.h"

namespace jrun::host::linux_driver {
namespace {

using testing::check_golden;
using testing::expect_clean_script;
using testing::run_shell;
using testing::TempDir;

// Everything a user can write into an exec, at its most hostile.
const std::string kHostile = "a'b\"c;d $(touch /tmp/jrun-pwned) `touch /tmp/jrun-pwned` \\\n../x";

model::Jail example_jail() {
  model::Jail jail;
  jail.name = "web";
  model::Exec web;
  web.name = "web";
  web.cmd = "python3 -m http.server 8080 --bind 10.17.89.10";
  web.dir = "/srv/www";
  web.env = {{"GREETING", "hello world"}, {"HOSTILE", kHostile}};
  web.healthcheck = model::Healthcheck{"curl -fsS http://10.17.89.10:8080/ >/dev/null", 10, 5, 3};
  model::Exec worker;
  worker.name = "worker";
  worker.cmd = "while :; do date; sleep 5; done";
  worker.restart = {false, 5, 300};
  jail.execs = {web, worker};
  return jail;
}

const GeneratedFile& file(const std::vector<GeneratedFile>& files, const std::string& path) {
  for (const GeneratedFile& f : files) {
    if (f.path == path) return f;
  }
  throw std::logic_error("no generated file " + path);
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(SupervisionFiles, PathsModesAndServices) {
  const auto files = supervision_files(example_jail(), 30);
  std::vector<std::string> paths;
  for (const GeneratedFile& f : files) paths.push_back(f.path + " " + std::to_string(f.mode));
  EXPECT_EQ(paths, (std::vector<std::string>{
                       "/etc/jrun/exec/web.health 448", "/etc/jrun/exec/web.run 448",
                       "/etc/jrun/exec/web.start 448", "/etc/jrun/exec/web.stop 448",
                       "/etc/jrun/exec/worker.run 448", "/etc/jrun/exec/worker.start 448",
                       "/etc/jrun/exec/worker.stop 448", "/etc/monit/conf.d/web.monitrc 384",
                       "/etc/monit/conf.d/worker.monitrc 384", "/etc/monit/monitrc 384"}));
  EXPECT_EQ(file(files, "/etc/monit/monitrc").service, "");
  EXPECT_EQ(file(files, "/etc/jrun/exec/web.run").service, "web");
}

TEST(SupervisionFiles, Golden) {
  const auto files = supervision_files(example_jail(), 2);
  check_golden("monit-monitrc", file(files, "/etc/monit/monitrc").content);
  check_golden("monit-web.monitrc", file(files, "/etc/monit/conf.d/web.monitrc").content);
  check_golden("monit-worker.monitrc", file(files, "/etc/monit/conf.d/worker.monitrc").content);
  check_golden("monit-web.run", file(files, "/etc/jrun/exec/web.run").content);
  check_golden("monit-web.start", file(files, "/etc/jrun/exec/web.start").content);
  check_golden("monit-web.stop", file(files, "/etc/jrun/exec/web.stop").content);
  check_golden("monit-web.health", file(files, "/etc/jrun/exec/web.health").content);
  check_golden("monit-apply.sh", supervision_apply_script(files));
  check_golden("monit-stop.sh", supervision_stop_script());
}

TEST(SupervisionFiles, MonitFilesHoldNoUserText) {
  for (const GeneratedFile& f : supervision_files(example_jail(), 30)) {
    if (f.mode != 0600) continue;
    for (const std::string& user : {std::string("python3"), std::string("/srv/www"),
                                    std::string("GREETING"), std::string("curl"), kHostile}) {
      EXPECT_EQ(f.content.find(user), std::string::npos) << f.path << " holds " << user;
    }
  }
}

TEST(SupervisionFiles, CyclesFromSeconds) {
  model::Jail jail = example_jail();
  jail.execs[0].healthcheck->interval = 95;
  jail.execs[0].restart.within = 61;
  const auto files = supervision_files(jail, 30);
  const std::string& conf = file(files, "/etc/monit/conf.d/web.monitrc").content;
  EXPECT_NE(conf.find("every 3 cycles"), std::string::npos) << conf;
  // The restart policy is the start wrapper's, in seconds: 5 restarts within 61 s.
  const std::string& start = file(files, "/etc/jrun/exec/web.start").content;
  EXPECT_NE(start.find("$((now - 61))"), std::string::npos) << start;
  EXPECT_NE(start.find("[ \"$n\" -ge 5 ]"), std::string::npos) << start;
  EXPECT_NE(start.find("echo '5 restarts within 61s'"), std::string::npos) << start;
  EXPECT_EQ(conf.find("restarts within"), std::string::npos) << "monit counts the first start";
  EXPECT_NE(file(files, "/etc/monit/monitrc").content.find("set daemon 30\n"), std::string::npos);
  const auto fast = supervision_files(jail, 0.2);
  EXPECT_NE(file(fast, "/etc/monit/monitrc").content.find("set daemon 1\n"), std::string::npos);
}

TEST(SupervisionFiles, ScriptsAreShellClean) {
  const auto files = supervision_files(example_jail(), 2);
  for (const GeneratedFile& f : files) {
    if (f.mode == 0700) expect_clean_script(f.path, f.content);
  }
  expect_clean_script("apply", supervision_apply_script(files));
  expect_clean_script("apply nothing", supervision_apply_script({}));
  expect_clean_script("stop", supervision_stop_script());
}

TEST(SupervisionFiles, ControlFilesPassMonitCheck) {
  if (!testing::have("monit")) GTEST_SKIP() << "monit not installed";
  TempDir root;
  for (const GeneratedFile& f : supervision_files(example_jail(), 2, root.path())) {
    testing::write_file(f.path, f.content, f.mode);
  }
  std::filesystem::create_directories(root.path() + "/var/lib/monit");
  std::filesystem::create_directories(root.path() + "/var/log");
  const testing::Output check = run_shell("monit -t -c " + root.path() + "/etc/monit/monitrc");
  EXPECT_EQ(check.status, 0) << check.text;
}

// `text` with the "YYYY-MM-DDTHH:MM:SSZ " stamp taken off every line; "unstamped" for a line
// without one.
std::string without_stamps(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    end = end == std::string::npos ? text.size() : end + 1;
    const std::string line = text.substr(at, end - at);
    const bool stamped = line.size() > kLogStampSize && line[kLogStampSize] == ' ' &&
                         valid_log_stamp(line.substr(0, kLogStampSize));
    out += stamped ? line.substr(kLogStampSize + 1) : "unstamped:" + line;
    at = end;
  }
  return out;
}

// A new jail's monit starts without its control socket (the first reload is then quick) and
// otherwise as the full control file: same cycle, files and include.
TEST(SupervisionFiles, BootstrapControlFileLacksOnlyTheSocket) {
  const std::string full =
      file(supervision_files(example_jail(), 30), "/etc/monit/monitrc").content;
  const std::string boot = bootstrap_monitrc(30);
  EXPECT_EQ(boot.find("httpd"), std::string::npos);
  const std::size_t at = full.find("set httpd");
  ASSERT_NE(at, std::string::npos);
  const std::size_t end = full.find("include ");
  EXPECT_EQ(full.substr(0, at) + full.substr(end), boot);
  if (!testing::have("monit")) GTEST_SKIP() << "monit not installed: monit -t not run";
  TempDir root;
  for (const char* dir : {"/etc/monit/conf.d", "/var/lib/monit", "/var/log"}) {
    std::filesystem::create_directories(root.path() + dir);
  }
  testing::write_file(root.path() + "/monitrc", bootstrap_monitrc(2, root.path()), 0600);
  const testing::Output check = run_shell("monit -t -c " + root.path() + "/monitrc");
  EXPECT_EQ(check.status, 0) << check.text;
}

// The wrappers run user values verbatim: env and dir as data, cmd through exactly one shell.
TEST(SupervisionFiles, HostileValuesRunVerbatim) {
  TempDir root;
  std::filesystem::remove("/tmp/jrun-pwned");
  model::Jail jail;
  jail.name = "j";
  model::Exec exec;
  exec.name = "e";
  exec.dir = root.path() + "/dir with 'quotes' $(x) ;";
  exec.env = {{"V", kHostile}};
  exec.cmd = "printf '%s|' \"$V\" \"$(pwd)\"; echo \"$((1 + 2))\"";
  exec.healthcheck = model::Healthcheck{exec.cmd, 30, 10, 3};
  jail.execs = {exec};
  const auto files = supervision_files(jail, 2, root.path());
  for (const GeneratedFile& f : files) testing::write_file(f.path, f.content, f.mode);
  const testing::Output health = run_shell(root.path() + "/etc/jrun/exec/e.health");
  EXPECT_EQ(health.text, kHostile + "|" + exec.dir + "|3\n");
  const testing::Output started = run_shell(root.path() + "/etc/jrun/exec/e.start");
  EXPECT_EQ(started.status, 0) << started.text;
  const std::string log = root.path() + "/var/log/jrun/e.log";
  const std::string expected = kHostile + "|" + exec.dir + "|3\n";
  for (int i = 0; i < 50 && without_stamps(read(log)) != expected; ++i) usleep(100000);
  // Every line went through the timestamper.
  EXPECT_EQ(without_stamps(read(log)), expected);
  EXPECT_FALSE(std::filesystem::exists("/tmp/jrun-pwned"));
  EXPECT_EQ(run_shell(root.path() + "/etc/jrun/exec/e.stop").status, 0);
}

TEST(SupervisionFiles, RejectsWhatTheModelRejects) {
  model::Jail jail = example_jail();
  jail.execs[0].env.emplace_back("A;B", "x");
  EXPECT_THROW(supervision_files(jail, 2), std::invalid_argument);
  jail = example_jail();
  jail.execs[0].name = "web;reboot";
  EXPECT_THROW(supervision_files(jail, 2), std::invalid_argument);
  EXPECT_THROW(supervision_files(example_jail(), 2, "relative"), std::invalid_argument);
  EXPECT_THROW(supervision_files(example_jail(), 2, "/tmp/a b"), std::invalid_argument);
  EXPECT_THROW(supervision_files(example_jail(), 2, "/tmp/../etc"), std::invalid_argument);
}

TEST(SupervisionFiles, LogsAndPaths) {
  EXPECT_EQ(exec_log_path("web"), "/var/log/jrun/web.log");
  EXPECT_EQ(exec_pid_path("web", "/tmp/x"), "/tmp/x/run/jrun/web.pid");
  EXPECT_EQ(monitrc_path(), "/etc/monit/monitrc");
  EXPECT_EQ(logs_argv({"web", "db"}, true, 20),
            (std::vector<std::string>{"tail", "-n", "20", "-F", "--", "/var/log/jrun/web.log",
                                      "/var/log/jrun/db.log"}));
}

std::string fixture(const std::string& name) {
  return read(std::string(JRUN_TEST_DATA) + "/unit/host/fixtures/" + name);
}

TEST(MonitStatus, HealthyProcessWithPassingCheck) {
  const auto services = parse_monit_status(fixture("monit-status-unmonitored.txt"));
  ASSERT_EQ(services.size(), 2U);
  EXPECT_EQ(services[0].name, "web");
  // web_health is still "OK" for monit (fewer failures than its retries) but its last check
  // exited 3: not healthy, or `condition = "healthy"` would not wait.
  EXPECT_EQ(services[0].status, "health: failing (exit 3)");
  EXPECT_FALSE(services[0].healthy);
  EXPECT_EQ(services[1].name, "db");
  EXPECT_EQ(services[1].status, "not monitored");
  EXPECT_FALSE(services[1].healthy);
}

TEST(MonitStatus, FailingOrPendingHealthcheckIsUnhealthy) {
  const auto failed = parse_monit_status(fixture("monit-status-health-failed.txt"));
  ASSERT_GE(failed.size(), 1U);
  EXPECT_EQ(failed[0].status, "health: status failed");
  EXPECT_FALSE(failed[0].healthy);
  const auto pending = parse_monit_status(fixture("monit-status-initializing.txt"));
  ASSERT_EQ(pending.size(), 2U);
  EXPECT_EQ(pending[0].status, "health: initializing");
  EXPECT_EQ(pending[1].status, "execution failed | does not exist");
}

TEST(MonitStatus, HealthyOnlyWhenTheLastCheckPassed) {
  const std::string head =
      "Process 'web'\n  status                       OK\n"
      "Program 'web_health'\n  status                       OK\n";
  const auto passed = parse_monit_status(head + "  last exit value              0\n");
  ASSERT_EQ(passed.size(), 1U);
  EXPECT_TRUE(passed[0].healthy);
  EXPECT_EQ(passed[0].status, "ok");
  const auto not_run = parse_monit_status(head);
  ASSERT_EQ(not_run.size(), 1U);
  EXPECT_FALSE(not_run[0].healthy);
  EXPECT_EQ(not_run[0].status, "health: pending");
  const auto failing = parse_monit_status(head + "  last exit value              1\n");
  EXPECT_FALSE(failing[0].healthy);
  const auto no_check = parse_monit_status("Process 'web'\n  status                       OK\n");
  EXPECT_TRUE(no_check[0].healthy);
}

TEST(MonitStatus, VitalsOfARunningProcess) {
  const std::string text =
      "Process 'web'\n  status                       OK\n  pid                          54\n"
      "  uptime                       1d 2h 3m\n  cpu                          1.0%\n"
      "  cpu total                    12.5%\n  memory                       0.1% [1.6 MB]\n"
      "  memory total                 0.2% [2.5 MB]\n"
      "Program 'web_health'\n  status                       OK\n"
      "  last exit value              0\n"
      "Process 'db'\n  status                       Not monitored\n"
      "jrun-starts web 3\njrun-starts db 1\n";
  const auto services = parse_monit_status(text);
  ASSERT_EQ(services.size(), 2U);
  EXPECT_DOUBLE_EQ(services[0].cpu_percent, 12.5);
  EXPECT_DOUBLE_EQ(services[0].memory_bytes, 2.5 * 1024 * 1024);
  EXPECT_EQ(services[0].uptime_seconds, 86400 + 2 * 3600 + 3 * 60);
  EXPECT_EQ(services[0].restarts, 2);
  EXPECT_EQ(services[0].health, "passing");
  EXPECT_LT(services[1].cpu_percent, 0);
  EXPECT_LT(services[1].uptime_seconds, 0);
  EXPECT_EQ(services[1].restarts, 0);
  EXPECT_EQ(services[1].health, "");
  // monit prints "-" before its second sample of a process.
  const auto fixture_services = parse_monit_status(fixture("monit-status-initializing.txt"));
  EXPECT_LT(fixture_services[0].cpu_percent, 0);
  EXPECT_DOUBLE_EQ(fixture_services[0].memory_bytes, 1.6 * 1024 * 1024);
}

TEST(MonitStatus, PidAndGiveUp) {
  const std::string text =
      "Process 'web'\n  status                       OK\n  pid                          54\n"
      "Process 'db'\n  status                       Not monitored\n"
      "  uptime                       0m\n"
      "jrun-starts web 1\njrun-starts db 4\njrun-gaveup db 3 restarts within 300s\n"
      "jrun-uptime 1000\njrun-started web 95012\njrun-started db 1000\n";
  const auto services = parse_monit_status(text);
  ASSERT_EQ(services.size(), 2U);
  EXPECT_EQ(services[0].pid, 54);
  // From the process's start time, not monit's minutes.
  EXPECT_EQ(services[0].uptime_seconds, 50);
  EXPECT_LT(services[1].uptime_seconds, 0) << "not running: no uptime";
  EXPECT_EQ(services[0].status, "ok");
  EXPECT_EQ(services[1].pid, 0);
  EXPECT_EQ(services[1].status, "gave up: 3 restarts within 300s");
  EXPECT_FALSE(services[1].healthy);
  EXPECT_EQ(services[1].restarts, 3);
}

TEST(MonitStatus, ProgramOutputCannotFakeAStatus) {
  const std::string text =
      "Process 'web'\n  status                       Does not exist\n"
      "  last output                  status OK\nProcess 'x' is fake'\n"
      "Program 'web_health'\n  status                       OK\n";
  const auto services = parse_monit_status(text);
  ASSERT_EQ(services.size(), 1U);
  EXPECT_EQ(services[0].status, "does not exist");
  EXPECT_TRUE(parse_monit_status("").empty());
}

}  // namespace
}  // namespace jrun::host::linux_driver
