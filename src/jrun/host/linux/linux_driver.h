#pragma once
// The linux driver: jails as Linux namespaces (mount, pid, uts, ipc, cgroup, and a persistent
// net namespace) over an overlayfs root, PID 1 = tini running monit. See docs/linux-driver.md.
// Every operation is one generated script (runtime_scripts.h) run through the transport.

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "jrun/host/jail_host.h"
#include "jrun/host/linux/layout.h"
#include "jrun/host/transport.h"

namespace jrun::host::linux_driver {

class LinuxDriver final : public JailHost {
 public:
  /// `transport` must outlive the driver. The layout is checked by each operation.
  LinuxDriver(Transport& transport, LinuxLayout layout);

  std::string driver() const override { return "linux"; }
  Result<ProbeResult> probe() override;
  Status prepare(const HostWiring& wiring) override;
  Status create(const JailInstance& jail, const HostWiring& wiring) override;
  Status apply(const JailInstance& jail, const std::vector<std::string>& sections) override;
  Status destroy(const std::string& name) override;
  Result<std::vector<ServiceStatus>> services(const std::string& name) override;
  Result<HostStatus> status(const std::vector<std::string>& jails) override;
  Result<int> enter(const std::string& name, const std::vector<std::string>& argv,
                    bool tty) override;
  Result<int> logs(const std::string& name, const LogsQuery& query) override;
  Status purge() override;
  Result<ProcessResult> run_in(const std::string& name, const Command& command) override;
  Status snapshot_create(const std::string& jail, const std::string& snapshot) override;
  Result<std::vector<Snapshot>> snapshots(const std::string& jail) override;
  Status snapshot_rollback(const std::string& jail, const std::string& snapshot) override;
  Status snapshot_delete(const std::string& jail, const std::string& snapshot) override;

  const LinuxLayout& layout() const { return layout_; }

 private:
  /// Runs `script`; a non-zero exit is an error carrying `what` and the stderr tail.
  Result<ProcessResult> run(const std::string& script, const std::string& what);
  /// The host's nameservers (read once, from prepare's output or a small script).
  Result<std::vector<std::string>> nameservers();
  void remember_nameservers(std::string_view resolv_conf_text);

  Transport& transport_;
  LinuxLayout layout_;
  std::mutex mutex_;  // guards nameservers_ (the engine calls create in parallel)
  std::optional<std::vector<std::string>> nameservers_;
};

}  // namespace jrun::host::linux_driver
