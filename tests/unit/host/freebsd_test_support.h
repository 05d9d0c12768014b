#pragma once
// Helpers of the freebsd driver tests: golden files under tests/golden/freebsd, an example jail
// using every feature, and hostile values.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "jrun/host/jail_host.h"
#include "jrun/model/config.h"
#include "test_network_support.h"

namespace jrun::host::freebsd_driver::testing {

using linux_driver::testing::expect_clean_script;
using linux_driver::testing::have;
using linux_driver::testing::Output;
using linux_driver::testing::run_shell;
using linux_driver::testing::TempDir;
using linux_driver::testing::write_file;

/// Everything a user can write into a value, at its most hostile.
inline const std::string kHostile =
    "a'b\"c;d $(touch /tmp/jrun-pwned) `touch /tmp/jrun-pwned` \\\n../x \xE2\x9C\x93 ${HOME}";

/// Compares `actual` with tests/golden/freebsd/<name>; JRUN_UPDATE_GOLDEN=1 rewrites it.
inline void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(JRUN_TEST_DATA) + "/golden/freebsd/" + name;
  const char* update = std::getenv("JRUN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing; run with JRUN_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "golden file " << path;
}

/// A jail with a mount, two forwards, two execs (one with a healthcheck) and every limit.
inline model::Jail example_jail() {
  model::Jail jail;
  jail.name = "web";
  jail.mounts = {{"www", "/home/me/site", "/usr/local/www", {}}};
  jail.forwards = {{"http", model::Proto::kTcp, 8080, 80, "127.0.0.1", {}, {}},
                   {"dns", model::Proto::kUdp, 8053, 53, "127.0.0.1", {}, {}}};
  model::Exec web;
  web.name = "nginx";
  web.cmd = "nginx -g 'daemon off;'";
  web.dir = "/usr/local/www";
  web.env = {{"LANG", "C.UTF-8"}, {"GREETING", "hello world"}};
  web.healthcheck = model::Healthcheck{"fetch -qo /dev/null http://127.0.0.1/", 30, 5, 3};
  model::Exec worker;
  worker.name = "worker";
  worker.cmd = "while :; do date; sleep 5; done";
  worker.restart = {false, 5, 300};
  jail.execs = {web, worker};
  jail.limits.cpu = 1.5;
  jail.limits.memory = 536870912;
  jail.limits.processes = 256;
  return jail;
}

inline JailInstance instance(const model::Jail& jail, const std::string& ip = "10.17.89.10",
                             const std::string& clone_from = "") {
  JailInstance out;
  out.config = &jail;
  out.ip = ip;
  out.clone_from = clone_from;
  out.monit_cycle = 10;
  return out;
}

inline HostWiring example_wiring() {
  HostWiring wiring;
  wiring.jails = {{"db", "10.17.89.11"}, {"web", "10.17.89.10"}};
  wiring.forwards = {{"web", "http", model::Proto::kTcp, "127.0.0.1", 8080, "10.17.89.10", 80},
                     {"web", "dns", model::Proto::kUdp, "127.0.0.1", 8053, "10.17.89.10", 53}};
  return wiring;
}

}  // namespace jrun::host::freebsd_driver::testing
