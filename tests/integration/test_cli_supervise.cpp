// The restart policy through the binary with a real monit (JRUN_MONIT_CYCLE=2s): a failing
// healthcheck restarts its service every `retries` failures until `restart { max }` gives up,
// which `status` shows; `max` restarts exactly that many times; a service's whole process tree
// dies with it; `up` starts what gave up or was stopped; a failed setup step shows in `status`
// until it succeeds. Bridge jrv0, 10.231.91.0/24, port 18691.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "cli_fixture.h"
#include "jrun/base/strings.h"

namespace jrun::testing {
namespace {

using ::testing::HasSubstr;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

class CliSupervise : public CliTest {
 protected:
  void SetUp() override {
    bridge_ = "jrv0";
    subnet_ = "10.231.91.0/24";
    CliTest::SetUp();
  }

  /// The service `name` of jail `jail` in `status --json` (null when absent).
  Json service(const std::string& jail, const std::string& name) {
    JrunRun r = jrun({"status", "--json"});
    Json doc = Json::parse(r.out, nullptr, false);
    if (doc.is_discarded()) return nullptr;
    for (const Json& j : doc.value("jails", Json::array())) {
      if (j.value("name", "") != jail) continue;
      for (const Json& s : j.value("services", Json::array())) {
        if (s.value("name", "") == name) return s;
      }
    }
    return nullptr;
  }

  /// Waits until the service's status starts with `prefix`; returns the last one seen.
  Json wait_status(const std::string& jail, const std::string& name, const std::string& prefix,
                   std::chrono::seconds patience) {
    auto until = Clock::now() + patience;
    Json s;
    while (Clock::now() < until) {
      s = service(jail, name);
      if (s.is_object() && s.value("status", "").starts_with(prefix)) return s;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
    return s;
  }

  /// Lines of a file inside the jail ("" when missing).
  std::string in_jail(const std::string& jail, const std::string& command) {
    return std::string(trim(jrun({"cmd", jail, "sh", "-c", command}).out));
  }
};

TEST_F(CliSupervise, AFailingHealthcheckRestartsEveryRetriesUntilMaxThenGivesUp) {
  ASSERT_EQ(jrun({"up", write_config(R"(jail "h" {
  exec {
    s {
      cmd = "echo run >> /tmp/runs; exec sleep 100000";
      healthcheck { test = "false"; interval = 2s; timeout = 1s; retries = 1; }
      restart { max = 3; within = 10min; }
    }
  }
}
)")})
                .exit_code,
            0);
  // Three restarts (four runs), then the policy gives up and says so.
  Json s = wait_status("h", "s", "gave up", std::chrono::seconds(60));
  ASSERT_TRUE(s.is_object());
  EXPECT_EQ(s.value("status", ""), "gave up: 3 restarts within 600s") << s.dump();
  EXPECT_EQ(s.value("restarts", -1), 3) << s.dump();
  EXPECT_EQ(in_jail("h", "wc -l < /tmp/runs"), "4");
  JrunRun table = jrun({"status", "--show", "services"});
  EXPECT_THAT(table.out, HasSubstr("gave up")) << table.out;
  // Given up means left alone.
  std::this_thread::sleep_for(std::chrono::seconds(6));
  EXPECT_EQ(in_jail("h", "wc -l < /tmp/runs"), "4");
}

TEST_F(CliSupervise, MaxOneRestartsOnceAndUpStartsWhatGaveUp) {
  // Dies twice, then stays up: with max = 1 the first death is restarted, the second gives up.
  const std::string config = write_config(R"(jail "m" {
  exec {
    s {
      cmd = "n=$(cat /tmp/n 2>/dev/null || echo 0); echo $((n + 1)) > /tmp/n; if [ $n -ge 2 ]; then exec sleep 100000; fi; sleep 1; exit 1";
      restart { max = 1; within = 10min; }
    }
  }
}
)");
  ASSERT_EQ(jrun({"up", config}).exit_code, 0);
  Json s = wait_status("m", "s", "gave up", std::chrono::seconds(40));
  ASSERT_TRUE(s.is_object());
  EXPECT_EQ(s.value("status", ""), "gave up: 1 restarts within 600s") << s.dump();
  EXPECT_EQ(in_jail("m", "cat /tmp/n"), "2") << "one start and exactly one restart";

  // `up` sees the service that gave up and starts it again. (Giving up holds monit for its start
  // timeout, 30 s, once: monit waits that long for a process its start program did not make.)
  JrunRun up = jrun({"up", config});
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_THAT(up.out, HasSubstr("not running")) << up.out;
  s = wait_status("m", "s", "ok", std::chrono::seconds(45));
  EXPECT_EQ(s.value("status", ""), "ok")
      << s.dump()
      << in_jail("m", "tail -25 /var/log/monit.log; ls -l /run/jrun; cat /run/jrun/s.starts");
  EXPECT_EQ(in_jail("m", "cat /tmp/n"), "3");
  EXPECT_EQ(s.value("restarts", -1), 0) << s.dump();

  // A service unmonitored and stopped by hand is started by `up` too.
  ASSERT_EQ(jrun({"cmd", "m", "monit", "-c", "/etc/monit/monitrc", "stop", "s"}).exit_code, 0);
  wait_status("m", "s", "not monitored", std::chrono::seconds(20));
  up = jrun({"up", config});
  EXPECT_THAT(up.out, HasSubstr("not running")) << up.out;
  s = wait_status("m", "s", "ok", std::chrono::seconds(20));
  EXPECT_EQ(s.value("status", ""), "ok") << s.dump();
  EXPECT_THAT(jrun({"up", config}).out, HasSubstr("Nothing to deploy"));
}

TEST_F(CliSupervise, TheServicesWholeProcessTreeLivesAndDiesTogether) {
  // `cd … && python3` keeps the sh -c: the server is its child.
  ASSERT_EQ(jrun({"up", write_config(R"(jail "t" {
  forward { http { host = 18691; jail = 8080; } }
  exec { web { cmd = "mkdir -p /srv/www && cd /srv/www && echo one > index.html && python3 -m http.server 8080 --bind 0.0.0.0"; } }
}
)")})
                .exit_code,
            0);
  ASSERT_EQ(http_get(18691), "one\n");
  Json s = wait_status("t", "web", "ok", std::chrono::seconds(20));
  ASSERT_TRUE(s.contains("pid") && s["pid"].is_number_integer()) << s.dump();
  const std::string first = std::to_string(s["pid"].get<long>());
  const std::string server = pid_of("t", "^python3 -m http.server 8080");
  ASSERT_FALSE(server.empty());
  ASSERT_NE(server, first) << "the server runs under the sh -c wrapper here";
  // Its process group is the service: the wrapper's pid leads it.
  EXPECT_EQ(in_jail("t", "ps -o pgid= -p " + server), first);

  // The wrapper dies: the server must not outlive it, and the service comes back whole.
  ASSERT_EQ(jrun({"cmd", "t", "kill", "-9", first}).exit_code, 0);
  auto until = Clock::now() + std::chrono::seconds(20);
  std::string now;
  while (Clock::now() < until) {
    now = pid_of("t", "^python3 -m http.server 8080");
    if (!now.empty() && now != server) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_NE(now, server);
  EXPECT_EQ(split(now, '\n').size(), 1u) << "two servers: " << now;
  EXPECT_NE(in_jail("t", "kill -0 " + server + " 2>/dev/null && echo alive"), "alive")
      << "the orphaned server survived";
  EXPECT_EQ(http_get(18691), "one\n");
  s = wait_status("t", "web", "ok", std::chrono::seconds(20));
  EXPECT_NE(std::to_string(s.value("pid", 0L)), first) << s.dump();
}

TEST_F(CliSupervise, AFailedSetupStepShowsInStatusUntilItSucceeds) {
  auto playbook = [&](const std::string& task) {
    std::ofstream(dir_ + "/site.yml") << "- hosts: localhost\n  gather_facts: false\n  tasks:\n"
                                      << task;
  };
  playbook(
      "    - name: check the database\n"
      "      ansible.builtin.fail: { msg: \"no database\" }\n");
  const std::string config = write_config(R"(jail "s" {
  setup { site { type = "ansible"; file = "site.yml"; } }
  exec { w { cmd = "exec sleep 100000"; } }
}
)");
  JrunRun up = jrun({"up", config});
  ASSERT_EQ(up.exit_code, 1) << up.out << up.err;

  JrunRun table = jrun({"status"});
  EXPECT_THAT(table.out, HasSubstr("setup failed")) << table.out;
  JrunRun detail = jrun({"status", "s"});
  EXPECT_THAT(detail.out, HasSubstr("step 'site' failed")) << detail.out;
  EXPECT_THAT(detail.out, HasSubstr("no database")) << detail.out;
  Json doc = Json::parse(jrun({"status", "--json"}).out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded());
  const Json& jail = doc["jails"][0];
  ASSERT_TRUE(jail["setup_failed"].is_object()) << jail.dump();
  EXPECT_EQ(jail["setup_failed"]["step"], "site");
  EXPECT_THAT(jail["setup_failed"]["error"].get<std::string>(), HasSubstr("no database"));

  playbook("    - name: fine\n      ansible.builtin.shell: \"true\"\n");
  JrunRun fixed = jrun({"up", config});
  ASSERT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
  EXPECT_THAT(jrun({"status"}).out, ::testing::Not(HasSubstr("setup failed")));
  doc = Json::parse(jrun({"status", "--json"}).out, nullptr, false);
  EXPECT_TRUE(doc["jails"][0]["setup_failed"].is_null()) << doc.dump();
}

}  // namespace
}  // namespace jrun::testing
