#pragma once
// The JailHost interface: what the engine and the commands need from a machine that runs jails.
// Implemented by a driver (linux/, freebsd/) over a Transport. Every operation is idempotent and
// converges: running it again after a crash at any point finishes the job.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/host/process.h"
#include "jrun/model/config.h"

namespace jrun::host {

/// Host-wide wiring, rendered from the full desired state every time (never incrementally:
/// reference bugs 1 and 2): which jails exist with which address, and every forward.
struct HostWiring {
  std::string subnet = "10.17.89.0/24";
  std::string gateway = "10.17.89.1";
  struct JailAddress {
    std::string name;
    std::string ip;
  };
  std::vector<JailAddress> jails;  ///< sorted by name
  struct Forward {
    std::string jail;
    std::string name;
    model::Proto proto = model::Proto::kTcp;
    std::string bind = "127.0.0.1";
    std::uint16_t host_port = 0;
    std::string jail_ip;
    std::uint16_t jail_port = 0;
  };
  std::vector<Forward> forwards;  ///< sorted by proto, bind, host port
};

/// One jail as the driver needs it.
struct JailInstance {
  const model::Jail* config = nullptr;  ///< desired configuration (never null)
  std::string ip;                       ///< assigned address
  std::string release;                  ///< resolved release ("" = host default)
  std::string clone_from;               ///< jail to clone the filesystem from ("" = release)
  double monit_cycle = 30;              ///< supervision cycle, seconds
};

struct ObservedJail {
  ObservedJail() = default;
  ObservedJail(bool exists_, bool running_, std::string ip_ = {})
      : exists(exists_), running(running_), ip(std::move(ip_)) {}

  bool exists = false;   ///< filesystem/config present
  bool running = false;  ///< init/jail process alive
  std::string ip;        ///< the address the host holds for it ("" = not known)
};

struct ProbeResult {
  std::map<std::string, ObservedJail> jails;  ///< every jail jrun made on this host
};

/// Service status inside a jail (from monit).
struct ServiceStatus {
  // Constructors keep `{name, status, healthy}` working without missing-initializer warnings
  // as fields are added.
  ServiceStatus() = default;
  ServiceStatus(std::string name_, std::string status_, bool healthy_)
      : name(std::move(name_)), status(std::move(status_)), healthy(healthy_) {}

  std::string name;
  std::string status;        ///< "ok", "not monitored", "execution failed", "gave up: ...", ...
  bool healthy = false;      ///< running and its healthcheck (if any) passing
  std::string health;        ///< "passing", "failing", "pending"; "" = no healthcheck
  double cpu_percent = -1;   ///< CPU of the process and its children; -1 = unknown
  double memory_bytes = -1;  ///< resident memory of the process and its children; -1 = unknown
  long uptime_seconds = -1;  ///< since the process started; -1 = unknown
  int restarts = -1;         ///< starts after the first; -1 = unknown
  long pid = 0;              ///< the service's first process (its process group); 0 = none
};

/// Everything `jrun status` needs from a jail host, in one round trip.
struct HostStatus {
  ProbeResult probe;
  std::map<std::string, std::vector<ServiceStatus>> services;  ///< of the running jails asked
  /// The jail host's own disk (root file system) and memory, in bytes (0 = not reported): the
  /// VM header of `status` takes them from here instead of another round trip.
  std::uint64_t disk_total = 0, disk_free = 0, memory_total = 0, memory_available = 0;
};

/// Reads "jrun-figures disk TOTAL FREE" and "jrun-figures mem TOTAL AVAILABLE" lines (KiB) of
/// a status script's output into `status`; other lines are ignored.
void parse_host_figures(std::string_view out, HostStatus& status);

/// One snapshot of a jail (`snapshot list`).
struct Snapshot {
  std::string name;
  std::uint64_t used = 0;    ///< bytes held only by this snapshot
  std::int64_t created = 0;  ///< seconds since the epoch
};

/// What `jrun logs` asks of a driver.
struct LogsQuery {
  std::string service;      ///< one exec, or "" for all (prefixed per service)
  bool follow = false;      ///< keep printing new output, across restarts of the service
  int lines = 10;           ///< the last `lines` lines of each log; < 0: all
  std::string since;        ///< "" or a UTC stamp "YYYY-MM-DDTHH:MM:SSZ": only lines from then on
  bool timestamps = false;  ///< keep each line's stamp
  bool color = false;       ///< colour the service prefixes
};

class JailHost {
 public:
  virtual ~JailHost() = default;

  /// "linux" or "freebsd".
  virtual std::string driver() const = 0;
  /// Which jails exist and run. One round trip.
  virtual Result<ProbeResult> probe() = 0;
  /// Prepares the host (directories, bridge, NAT, releases) and applies `wiring` (forwards and
  /// names for every existing jail). Idempotent; cheap when nothing changed.
  virtual Status prepare(const HostWiring& wiring) = 0;
  /// Creates and starts a jail with its filesystem, network, names and limits; no services yet.
  /// A half-created jail of the same name is cleaned up first.
  virtual Status create(const JailInstance& jail, const HostWiring& wiring) = 0;
  /// Brings the listed sections ("mounts", "execs", "limits"; "forwards" is host-wide and done
  /// by prepare) of a running jail to the desired state without restarting it.
  virtual Status apply(const JailInstance& jail, const std::vector<std::string>& sections) = 0;
  /// Stops and removes a jail and everything made for it. A missing jail is success.
  virtual Status destroy(const std::string& name) = 0;
  /// Services of a jail and their health.
  virtual Result<std::vector<ServiceStatus>> services(const std::string& name) = 0;
  /// Which jails exist and run, and the services of those of `jails` that run. Drivers answer
  /// in one round trip; this default makes one per jail.
  virtual Result<HostStatus> status(const std::vector<std::string>& jails) {
    HostStatus out;
    ASSIGN_OR_RETURN(out.probe, probe());
    for (const std::string& name : jails) {
      auto it = out.probe.jails.find(name);
      if (it == out.probe.jails.end() || !it->second.running) continue;
      ASSIGN_OR_RETURN(out.services[name], services(name));
    }
    return out;
  }
  /// Runs argv inside the jail attached to the terminal; returns its exit code.
  virtual Result<int> enter(const std::string& name, const std::vector<std::string>& argv,
                            bool tty) = 0;
  /// Runs `command.argv` inside the running jail as root (stdin from `command.stdin_data`,
  /// output captured and streamed to `command.on_output`). Used for setup steps. The default
  /// says the driver cannot; drivers that can override it.
  virtual Result<ProcessResult> run_in(const std::string& name, const Command& command) {
    (void)command;
    return make_error(ErrorCode::kRuntime, "running commands inside jail '" + name +
                                               "' is not supported by the " + driver() + " driver");
  }
  /// Prints service output (all services, or one) as `query` asks; follows with `follow`.
  virtual Result<int> logs(const std::string& name, const LogsQuery& query) = 0;
  /// Removes every jail and everything jrun made on this host (network, rules, caches kept:
  /// release images).
  virtual Status purge() = 0;
  /// After prepare(): what only a reboot of the host applies ("" = nothing), e.g. the freebsd
  /// driver's kern.racct.enable (a loader.conf(5) tunable rctl limits need). The vm provider
  /// reboots its guest once; `up` on a native host says so.
  virtual std::string pending_reboot() const { return ""; }

  /// Snapshots of a jail's filesystem (SPEC §8). `snapshot` names are checked by the caller
  /// (host::valid_snapshot_name). Drivers without snapshots keep these defaults: kNotAvailable.
  virtual Status snapshot_create(const std::string& jail, const std::string& snapshot);
  /// The jail's snapshots, oldest first.
  virtual Result<std::vector<Snapshot>> snapshots(const std::string& jail);
  /// Stops the jail, rolls it back to `snapshot` (newer snapshots are destroyed), starts it.
  virtual Status snapshot_rollback(const std::string& jail, const std::string& snapshot);
  virtual Status snapshot_delete(const std::string& jail, const std::string& snapshot);
};

/// True for a snapshot name users may give: [A-Za-z0-9][A-Za-z0-9._-]{0,63}, not starting with
/// "jrun-" (jrun's own snapshots, e.g. the origins of clones).
bool valid_snapshot_name(std::string_view name);

}  // namespace jrun::host
