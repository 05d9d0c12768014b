#pragma once
// The planner: desired (Config) vs. recorded (State) vs. observed (probe) -> a Plan of steps.
// Pure: no system calls, no clock, no environment. The engine acts on the Plan; the renderers
// in render.h show it.

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/model/config.h"
#include "jrun/state/state.h"

namespace jrun::plan {

struct PlanOptions {
  std::vector<std::string> targets;  ///< jail names to converge; empty = every jail of the config
  bool prune = false;                ///< destroy recorded jails that are not in the config
  bool provision = false;            ///< re-run every setup step of the planned jails
  std::string subnet = "10.17.89.0/24";  ///< jail subnet; automatic IPs from .10 to broadcast-5
};

/// What the cli learned before planning (from the driver's probe and the local disk).
struct Observed {
  /// Names of the jails that exist on the jail host. A recorded jail missing here is created.
  std::set<std::string> jails;
  /// A setup step's location (absolute playbook path, or its url as written) -> hash of its
  /// playbook files now (provision::bundle_hash). A step whose hash differs from the one
  /// recorded is re-run.
  std::map<std::string, std::string> playbook_hashes;
  /// Jail -> its configured services that do not run or are not monitored (their restart
  /// policy gave up, someone stopped them). An otherwise converged jail is updated: its execs
  /// are applied again, which starts them.
  std::map<std::string, std::vector<std::string>> stopped_services;
  /// Every jail on the jail host (recorded or not) -> the address it holds there ("" = not
  /// known). These addresses are never given to another jail; a configured jail that is on the
  /// host but not recorded (state.json lost) is created again with its address.
  std::map<std::string, std::string> host_addresses;
};

enum class Action : std::uint8_t { kNone, kCreate, kUpdate, kReplace, kDestroy };
/// "none" | "create" | "update" | "replace" | "destroy".
std::string_view action_name(Action action);

enum class ChangeKind : std::uint8_t { kAdd, kChange, kRemove, kRerun };
/// "add" | "change" | "remove" | "rerun".
std::string_view change_kind_name(ChangeKind kind);

/// One item-level difference, e.g. section "forwards", name "http", kind kChange, detail
/// "tcp 127.0.0.1:7777 → 8080 (was → 8000)".
struct ItemChange {
  std::string section;
  std::string name;
  ChangeKind kind = ChangeKind::kAdd;
  std::string detail;
};

/// Where a jail's IP comes from.
enum class IpSource : std::uint8_t { kConfig, kState, kAssigned };
/// "config" | "state" | "assigned".
std::string_view ip_source_name(IpSource source);

/// The step of one jail.
struct JailStep {
  std::string name;
  Action action = Action::kNone;
  std::string reason;     ///< why create/replace/destroy (e.g. "ip 10.17.89.10 → 10.17.89.11")
  bool targeted = false;  ///< named on the command line (or all), not pulled in as dependency
  std::string ip;
  IpSource ip_source = IpSource::kConfig;
  std::string release;                 ///< "" = host default
  std::string base;                    ///< "" = none
  std::vector<std::string> after;      ///< jails whose steps must finish first (base, then depends)
  std::vector<ItemChange> changes;     ///< item-level differences, section order
  std::vector<std::string> sections;   ///< sections the engine applies (all for create/replace)
  std::vector<std::string> provision;  ///< setup steps to run, in config order
  nlohmann::ordered_json desired = nlohmann::ordered_json::object();  ///< sections to record
  std::map<std::string, std::string> setup_hashes;  ///< step -> playbook hash to record
};

/// A forward whose VM-level (hostfwd) wiring appears or disappears across the whole config.
struct HostChange {
  ChangeKind kind = ChangeKind::kAdd;  ///< kAdd or kRemove
  std::string proto;
  std::string bind;
  std::uint16_t port = 0;  ///< host port
  std::string jail;
  std::string forward;
};

struct Summary {
  int create = 0, update = 0, replace = 0, destroy = 0, unchanged = 0;
  int kept = 0;  ///< orphans kept (no --prune)
};

struct Plan {
  std::string subnet;
  std::vector<JailStep> jails;       ///< planned jails in config order, then destroy steps
  std::vector<std::string> orphans;  ///< recorded jails not in the config, by name
  bool prune = false;
  bool provision = false;
  /// Jail names grouped into layers; a layer's steps may run in parallel once the previous
  /// layers finished. Destroy steps (dependents first) come before the config's jails.
  std::vector<std::vector<std::string>> layers;
  std::vector<HostChange> host_changes;  ///< sorted by proto, bind, port
  Summary summary;

  /// The step of a jail, or nullptr.
  const JailStep* find(std::string_view name) const;
  bool nothing_to_do() const;
};

/// Diffs desired vs. recorded vs. observed (`observed` may be null: nothing probed).
/// Fails with kUsage for target names not in the config, kConfig when a configured IP is
/// recorded for another jail or the subnet has no free address, kState for an unusable record.
Result<Plan> make_plan(const model::Config& config, const state::State& state,
                       const PlanOptions& options, const Observed* observed);

}  // namespace jrun::plan
