#pragma once
// Runs the real jrun binary (JRUN_BINARY) on the local provider, as root, in a temp JRUN_HOME
// with its own bridge and subnet; purges everything in TearDown.

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "jrun/host/process.h"

namespace jrun::testing {

struct JrunRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// The environment every `jrun` of the test runs with (home, provider, bridge, subnet, cycle).
  std::vector<std::pair<std::string, std::string>> jrun_env() const;
  /// Runs `jrun args...` with the test's environment.
  JrunRun jrun(const std::vector<std::string>& args,
               std::chrono::seconds timeout = std::chrono::seconds(300));
  /// Runs a host command, returns its result (exit 127 when it cannot start).
  host::ProcessResult sh(const std::string& script);
  /// Writes the config file (config.ucl in the temp dir); returns its path.
  std::string write_config(const std::string& text);
  /// GETs http://127.0.0.1:<port>/index.html, retrying until `patience` runs out.
  std::string http_get(int port, std::chrono::seconds patience = std::chrono::seconds(20));
  /// The PID (inside the jail) of the process whose command line contains `pattern`.
  std::string pid_of(const std::string& jail, const std::string& pattern);

  std::string dir_;
  std::string home_;
  std::string bridge_ = "jrit0";
  std::string subnet_ = "10.231.11.0/24";
  /// Added to jrun_env() (e.g. JRUN_HUB_RAW_URL).
  std::vector<std::pair<std::string, std::string>> extra_env_;
};

}  // namespace jrun::testing
