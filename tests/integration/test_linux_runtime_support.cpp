#include "test_linux_runtime_support.h"

#include <unistd.h>

#include <cstdlib>

#include "jrun/base/strings.h"

namespace jrun::host::linux_driver::testing {

void LinuxRuntimeTest::SetUp() {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  for (const char* tool : {"/usr/bin/unshare", "/usr/bin/nsenter", "/usr/bin/tini",
                           "/usr/bin/monit", "/usr/sbin/ip", "/usr/sbin/nft"}) {
    if (access(tool, X_OK) != 0) GTEST_SKIP() << "needs " << tool;
  }
  char dir[] = "/tmp/jrun-lrt-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  data_dir_ = dir;
  layout_.data_dir = data_dir_ + "/linux";
  layout_.bridge = "jrt0";
  layout_.nft_table = "jrt";
  layout_.cgroup = "jrt";
  layout_.netns_prefix = "jrt-";
  transport_ = std::make_unique<LocalTransport>(runner_, std::chrono::minutes(10));
  driver_ = std::make_unique<LinuxDriver>(*transport_, layout_);
}

void LinuxRuntimeTest::TearDown() {
  if (!driver_) return;
  auto purged = driver_->purge();
  EXPECT_TRUE(purged.has_value()) << (purged ? "" : purged.error().message);
  // Only delete the temp dir when nothing is mounted below it any more.
  int code = 0;
  host("if grep -qF " + shell_quote(" " + data_dir_ + "/") +
           " /proc/self/mountinfo; then exit 1; fi; rm -rf " + shell_quote(data_dir_),
       &code);
  EXPECT_EQ(code, 0) << "mounts left under " << data_dir_;
}

model::Jail& LinuxRuntimeTest::jail_config(const std::string& name) {
  for (auto& config : configs_) {
    if (config->name == name) return *config;
  }
  configs_.push_back(std::make_unique<model::Jail>());
  configs_.back()->name = name;
  ips_.push_back("10.231.7." + std::to_string(10 + configs_.size()));
  return *configs_.back();
}

JailInstance LinuxRuntimeTest::instance(const std::string& name, const std::string& clone_from) {
  model::Jail& config = jail_config(name);
  JailInstance jail;
  jail.config = &config;
  for (std::size_t i = 0; i < configs_.size(); ++i) {
    if (configs_[i]->name == name) jail.ip = ips_[i];
  }
  jail.clone_from = clone_from;
  jail.monit_cycle = 2;
  return jail;
}

HostWiring LinuxRuntimeTest::wiring() const {
  HostWiring wiring;
  wiring.subnet = "10.231.7.0/24";
  wiring.gateway = "10.231.7.1";
  for (std::size_t i = 0; i < configs_.size(); ++i) {
    wiring.jails.push_back({configs_[i]->name, ips_[i]});
  }
  return wiring;
}

void LinuxRuntimeTest::create(const std::string& name, const std::string& clone_from) {
  JailInstance jail = instance(name, clone_from);
  auto prepared = driver_->prepare(wiring());
  ASSERT_TRUE(prepared.has_value()) << prepared.error().message;
  auto created = driver_->create(jail, wiring());
  ASSERT_TRUE(created.has_value()) << created.error().message;
}

std::string LinuxRuntimeTest::host(const std::string& script, int* code) {
  auto result = transport_->run_script(script);
  if (!result) {
    ADD_FAILURE() << result.error().message;
    return "";
  }
  if (code != nullptr) *code = result->exit_code;
  return result->out;
}

std::string LinuxRuntimeTest::init_pid(const std::string& name) {
  return std::string(trim(host("cat " + shell_quote(layout_.pid_file(name)) + " 2>/dev/null")));
}

std::string LinuxRuntimeTest::in_jail(const std::string& name, const std::string& script,
                                      int* code) {
  const std::string pid = init_pid(name);
  if (pid.empty()) {
    ADD_FAILURE() << "jail " << name << " has no pid";
    return "";
  }
  return host("nsenter -t " + pid + " -a -- /bin/sh -c " + shell_quote(script), code);
}

}  // namespace jrun::host::linux_driver::testing
