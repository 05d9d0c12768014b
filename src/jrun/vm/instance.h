#pragma once
// One QEMU VM managed by jrun: start (daemonized, pidfile, QMP socket, serial log), readiness,
// graceful stop (ACPI powerdown → quit → signals), staleness (a killed QEMU or a leftover
// pidfile/socket means "stopped"), and live forwards through QMP hostfwd_add/remove.

#include <cstdint>
#include <string>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/host/process.h"
#include "jrun/host/transport/ssh_transport.h"
#include "jrun/vm/instance_files.h"
#include "jrun/vm/qemu_argv.h"

namespace jrun::vm {

/// Settings of the VM (JRUN_VM_*), resolved.
struct VmConfig {
  HostFacts facts;
  std::string memory = "4096M";
  int cpus = 0;  ///< 0 = half the host's CPUs, 1..8 (reference §4.4)
  std::string kernel, initrd, append;
  std::string firmware_code, firmware_vars_template;
  std::uint16_t ssh_port = 2222;  ///< preferred; the next free one is used when taken
  int ready_timeout_s = 300;
  int stop_timeout_s = 90;
};

/// The VM as `jrun status` shows it. Host-side facts always; guest figures when running and
/// reachable (filled by guest_figures()).
struct VmStatus {
  bool running = false;
  int pid = 0;
  std::string ssh_endpoint;  ///< "127.0.0.1:2222"
  std::int64_t uptime_s = 0;
  std::string mode;
  std::uint64_t disk_total = 0, disk_free = 0;  ///< bytes, guest root filesystem
  std::uint64_t mem_total = 0, mem_available = 0;
};

/// The guest script of status figures, and its parser (pure).
std::string guest_figures_script();
void parse_guest_figures(const std::string& output, VmStatus& status);

/// CPUs for -smp: the setting, or host cpus ≤2 → 1, else clamp(cpus/2, 2, 8).
int default_cpus(int host_cpus);

class Instance {
 public:
  /// `runner` must outlive the instance.
  Instance(InstancePaths paths, VmConfig config, host::ProcessRunner& runner);

  const InstancePaths& paths() const { return paths_; }
  /// Pid of the running QEMU, or 0. A pidfile or QMP socket left by a dead QEMU is removed.
  int running_pid();
  /// The launch record ("no record" = never started: an empty record).
  Result<VmRecord> load_record() const;
  Status save_record(const VmRecord& record) const;

  /// Launches QEMU in `mode` with these boot-time forwards and shares. Server mode returns once
  /// QEMU daemonized; tty/graphic run in the foreground until QEMU exits. The disk and seed
  /// must exist. The ssh port is the recorded one, else the setting, else the next free one.
  Result<VmRecord> launch(Mode mode, const std::vector<PortForward>& forwards,
                          const std::vector<Share>& shares);
  /// Waits until the guest's sshd answers and `ssh true` succeeds; the timeout error shows the
  /// serial log's last lines. Returns milliseconds waited.
  Result<std::int64_t> wait_ready(host::SshTransport& ssh);
  /// ACPI powerdown, wait; then QMP quit; then SIGTERM/SIGKILL. Returns how it ended
  /// ("powered off", "quit", "killed").
  Result<std::string> stop();
  /// Makes QEMU's live hostfwd rules equal `desired` (plus ssh) with QMP; records them.
  Status sync_forwards(const std::vector<PortForward>& desired);
  /// Host-side status (no guest round trip).
  VmStatus status();
  /// The ssh target of the running VM (port from the record).
  host::SshTarget ssh_target(std::uint16_t port) const;

 private:
  Result<std::uint16_t> pick_ssh_port(std::uint16_t recorded) const;
  VmSpec spec(Mode mode, std::uint16_t port, const std::vector<PortForward>& forwards,
              const std::vector<Share>& shares) const;
  bool wait_exit(int pid, int timeout_ms);
  void remove_runtime_files();

  InstancePaths paths_;
  VmConfig config_;
  host::ProcessRunner& runner_;
};

}  // namespace jrun::vm
