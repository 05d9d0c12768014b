#include "cli_fixture.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "jrun/base/strings.h"
#include "jrun/host/process_runner_posix.h"

namespace jrun::testing {

void CliTest::SetUp() {
  if (::geteuid() != 0) GTEST_SKIP() << "integration tests need root";
  if (std::getenv("JRUN_BINARY") == nullptr) GTEST_SKIP() << "JRUN_BINARY is not set";
  char name[] = "/tmp/jrun-it-XXXXXX";
  ASSERT_NE(::mkdtemp(name), nullptr);
  dir_ = name;
  home_ = dir_ + "/home";
  std::filesystem::create_directories(dir_ + "/site");
  std::ofstream(dir_ + "/site/index.html") << "hello from jrun\n";
}

void CliTest::TearDown() {
  if (dir_.empty()) return;
  JrunRun purge = jrun({"purge", "--yes"});
  EXPECT_EQ(purge.exit_code, 0) << purge.err;
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::vector<std::pair<std::string, std::string>> CliTest::jrun_env() const {
  std::vector<std::pair<std::string, std::string>> env = {
      {"JRUN_HOME", home_},     {"JRUN_PROVIDER", "local"}, {"JRUN_BRIDGE", bridge_},
      {"JRUN_SUBNET", subnet_}, {"JRUN_MONIT_CYCLE", "2s"}, {"NO_COLOR", "1"}};
  env.insert(env.end(), extra_env_.begin(), extra_env_.end());
  return env;
}

JrunRun CliTest::jrun(const std::vector<std::string>& args, std::chrono::seconds timeout) {
  host::Command c;
  c.argv = {std::getenv("JRUN_BINARY")};
  c.argv.insert(c.argv.end(), args.begin(), args.end());
  c.env = jrun_env();
  c.cwd = dir_;
  c.timeout = timeout;
  host::PosixProcessRunner runner;
  auto r = runner.run(c);
  if (!r) return {127, "", r.error().message};
  return {r->exit_code, r->out, r->err};
}

host::ProcessResult CliTest::sh(const std::string& script) {
  host::Command c;
  c.argv = {"/bin/sh", "-c", script};
  c.timeout = std::chrono::seconds(60);
  host::PosixProcessRunner runner;
  auto r = runner.run(c);
  if (!r) return {127, "", r.error().message, false};
  return *r;
}

std::string CliTest::write_config(const std::string& text) {
  std::string path = dir_ + "/config.ucl";
  std::ofstream(path) << text;
  return path;
}

std::string CliTest::http_get(int port, std::chrono::seconds patience) {
  auto until = std::chrono::steady_clock::now() + patience;
  std::string url = "http://127.0.0.1:" + std::to_string(port) + "/index.html";
  while (true) {
    host::ProcessResult r = sh("curl -fsS -m 2 " + shell_quote(url));
    if (r.exit_code == 0 || std::chrono::steady_clock::now() > until) return r.out;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
}

std::string CliTest::pid_of(const std::string& jail, const std::string& pattern) {
  JrunRun r = jrun({"cmd", jail, "pgrep", "-f", pattern});
  return std::string(trim(r.out));
}

}  // namespace jrun::testing
