#pragma once
// The freebsd driver: jails as jail(8) with VNET (an epair on the bridge), ZFS clones of a
// release snapshot, pf rdr forwards, local_unbound names, monit in each jail, rctl limits and
// ZFS snapshots. Every operation is one generated script (scripts.h) run through the transport:
// ssh into the VM guest, or the local transport on a FreeBSD host. See docs/freebsd-driver.md.

#include <mutex>
#include <string>
#include <vector>

#include "jrun/host/freebsd/layout.h"
#include "jrun/host/jail_host.h"
#include "jrun/host/transport.h"

namespace jrun::host::freebsd_driver {

class FreeBsdDriver final : public JailHost {
 public:
  /// `transport` must outlive the driver. The layout is completed (FreeBSD host) and checked by
  /// each operation.
  FreeBsdDriver(Transport& transport, FreeBsdLayout layout);

  std::string driver() const override { return "freebsd"; }
  Result<ProbeResult> probe() override;
  /// One round trip: the probe already carries `monit status` of every running jail.
  Result<HostStatus> status(const std::vector<std::string>& jails) override;
  Status prepare(const HostWiring& wiring) override;
  Status create(const JailInstance& jail, const HostWiring& wiring) override;
  Status apply(const JailInstance& jail, const std::vector<std::string>& sections) override;
  Status destroy(const std::string& name) override;
  Result<std::vector<ServiceStatus>> services(const std::string& name) override;
  Result<int> enter(const std::string& name, const std::vector<std::string>& argv,
                    bool tty) override;
  /// `command` inside the jail through jexec(8) (setup steps: ansible-playbook -c local runs
  /// inside the jail, as on Linux).
  Result<ProcessResult> run_in(const std::string& name, const Command& command) override;
  Result<int> logs(const std::string& name, const LogsQuery& query) override;
  Status purge() override;
  Status snapshot_create(const std::string& jail, const std::string& snapshot) override;
  Result<std::vector<Snapshot>> snapshots(const std::string& jail) override;
  Status snapshot_rollback(const std::string& jail, const std::string& snapshot) override;
  Status snapshot_delete(const std::string& jail, const std::string& snapshot) override;

  /// "kern.racct.enable" when the last prepare found RACCT off in the running kernel.
  std::string pending_reboot() const override;

  const FreeBsdLayout& layout() const { return layout_; }

 private:
  /// On a FreeBSD host, fills the layout's empty uplink, pool and resolvers from the host's
  /// facts (one round trip, once); then checks the layout.
  Status ready();
  /// Runs `script`; a non-zero exit is an error carrying `what` and the stderr tail.
  Result<ProcessResult> run(const std::string& script, const std::string& what);
  /// The subnet and gateway of the last prepare (apply needs them for jail.conf and rc.conf).
  HostWiring wiring();

  Transport& transport_;
  FreeBsdLayout layout_;
  mutable std::mutex
      mutex_;  // guards wiring_, racct_off_ (the engine calls create/apply in parallel)
  HostWiring wiring_;
  bool racct_off_ = false;  // guarded by mutex_
  bool resolved_ = false;   // layout_ complete (guarded by mutex_; layout_ is fixed after)
};

}  // namespace jrun::host::freebsd_driver
