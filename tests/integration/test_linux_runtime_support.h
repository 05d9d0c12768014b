#pragma once
// Fixture of the linux runtime integration tests: a LinuxDriver over the real local transport,
// a temp data dir, its own bridge/subnet/netns prefix/cgroup, torn down even on failure.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "jrun/host/linux/linux_driver.h"
#include "jrun/host/process_runner_posix.h"
#include "jrun/host/transport/local_transport.h"

namespace jrun::host::linux_driver::testing {

class LinuxRuntimeTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  /// A jail config named `name` (kept alive by the fixture).
  model::Jail& jail_config(const std::string& name);
  /// The instance for `jail_config(name)` with the next test address.
  JailInstance instance(const std::string& name, const std::string& clone_from = "");
  /// Wiring listing every jail config made so far.
  HostWiring wiring() const;
  /// prepare + create, asserting success.
  void create(const std::string& name, const std::string& clone_from = "");

  /// Runs `script` on the host (sh), returning stdout; `code` gets the exit code.
  std::string host(const std::string& script, int* code = nullptr);
  /// Runs `script` inside jail `name` (all its namespaces), returning stdout.
  std::string in_jail(const std::string& name, const std::string& script, int* code = nullptr);
  /// The init's host PID of jail `name` ("" if none).
  std::string init_pid(const std::string& name);

  std::string data_dir_;
  LinuxLayout layout_;
  PosixProcessRunner runner_;
  std::unique_ptr<LocalTransport> transport_;
  std::unique_ptr<LinuxDriver> driver_;
  std::vector<std::unique_ptr<model::Jail>> configs_;
  std::vector<std::string> ips_;
};

}  // namespace jrun::host::linux_driver::testing
