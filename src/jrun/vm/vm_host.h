#pragma once
// The jail host of the vm provider: the guest's driver (linux, later freebsd) reached over ssh,
// wrapped so that host-side wiring follows the jails:
//  - forwards: host 127.0.0.1:P → QEMU hostfwd (added/removed live through QMP) → the guest's
//    NIC port P → the driver's DNAT into the jail (the driver is told forwards arrive on the
//    guest's NIC address instead of its loopback);
//  - mounts: host directories are 9p shares fixed at QEMU start; the guest mounts each at
//    /mnt/jrun/<tag> and the driver bind-mounts from there into the jail.

#include <functional>
#include <mutex>
#include <vector>

#include "jrun/host/jail_host.h"
#include "jrun/host/transport.h"
#include "jrun/model/config.h"
#include "jrun/vm/instance.h"

namespace jrun::vm {

/// QEMU user networking's fixed guest address: where hostfwd traffic arrives in the guest.
inline constexpr const char* kGuestNicAddress = "10.0.2.15";

/// Every 9p share a config needs (jail and base mounts), sorted by host path, deduplicated.
std::vector<Share> shares_of(const model::Config& config);

/// Shares in `needed` that `launched` lacks: each one needs a VM restart.
std::vector<Share> missing_shares(const std::vector<Share>& needed,
                                  const std::vector<Share>& launched);

/// The QEMU hostfwd rules for a wiring: guest port = host port.
std::vector<PortForward> qemu_forwards(const host::HostWiring& wiring);

/// The wiring as the guest's driver sees it: every forward arrives on kGuestNicAddress.
host::HostWiring guest_wiring(const host::HostWiring& wiring);

/// The guest script mounting `shares` at their guest paths (idempotent): Linux v9fs
/// (`mount -t 9p`), or FreeBSD's p9fs (p9fs(4), FreeBSD 15) when `freebsd_guest`, which also
/// mounts them at boot (fstab `late,failok`, before rc.d/jail) and redoes jails' nullfs mounts
/// of a share that was not mounted yet. `root` prefixes the guest files it writes (tests).
std::string mount_shares_script(const std::vector<Share>& shares, bool freebsd_guest = false,
                                const std::string& root = "");

/// Prepares the guest through `inner`; when that leaves a reboot pending (the freebsd driver's
/// bootstrap set kern.racct.enable, which only a boot applies), runs `reboot` once (reboot the
/// guest, wait for ssh) and prepares again. An error when the reboot did not apply it.
Status prepare_guest(host::JailHost& inner, const host::HostWiring& wiring,
                     const std::function<Status()>& reboot);

class VmJailHost final : public host::JailHost {
 public:
  /// All three must outlive this object. `guest` is the ssh transport `inner` runs over.
  VmJailHost(host::JailHost& inner, host::Transport& guest, Instance& instance)
      : inner_(inner), guest_(guest), instance_(instance) {}

  /// The base config's forwards (state.host["base"]), kept live next to the jails' forwards.
  void set_base_forwards(std::vector<PortForward> forwards) {
    base_forwards_ = std::move(forwards);
  }

  /// How to reboot the guest and wait until it answers again (see prepare_guest).
  void set_reboot(std::function<Status()> reboot) { reboot_ = std::move(reboot); }

  std::string driver() const override { return inner_.driver(); }
  Result<host::ProbeResult> probe() override { return inner_.probe(); }
  Status prepare(const host::HostWiring& wiring) override;
  Status create(const host::JailInstance& jail, const host::HostWiring& wiring) override;
  Status apply(const host::JailInstance& jail, const std::vector<std::string>& sections) override;
  Status destroy(const std::string& name) override { return inner_.destroy(name); }
  Result<std::vector<host::ServiceStatus>> services(const std::string& name) override {
    return inner_.services(name);
  }
  Result<int> enter(const std::string& name, const std::vector<std::string>& argv,
                    bool tty) override {
    return inner_.enter(name, argv, tty);
  }
  Result<int> logs(const std::string& name, const host::LogsQuery& query) override {
    return inner_.logs(name, query);
  }
  Status purge() override { return inner_.purge(); }
  Result<host::HostStatus> status(const std::vector<std::string>& jails) override {
    return inner_.status(jails);
  }
  Result<host::ProcessResult> run_in(const std::string& name,
                                     const host::Command& command) override {
    return inner_.run_in(name, command);
  }
  Status snapshot_create(const std::string& jail, const std::string& snapshot) override {
    return inner_.snapshot_create(jail, snapshot);
  }
  Result<std::vector<host::Snapshot>> snapshots(const std::string& jail) override {
    return inner_.snapshots(jail);
  }
  Status snapshot_rollback(const std::string& jail, const std::string& snapshot) override {
    return inner_.snapshot_rollback(jail, snapshot);
  }
  Status snapshot_delete(const std::string& jail, const std::string& snapshot) override {
    return inner_.snapshot_delete(jail, snapshot);
  }

 private:
  /// Mounts the jail's shares in the guest; returns the jail with mount sources rewritten to
  /// their guest paths.
  Result<model::Jail> guest_jail(const model::Jail& jail);

  host::JailHost& inner_;
  host::Transport& guest_;
  Instance& instance_;
  std::vector<PortForward> base_forwards_;
  std::function<Status()> reboot_;
  std::mutex mount_mutex_;  // the engine creates jails in parallel
};

}  // namespace jrun::vm
