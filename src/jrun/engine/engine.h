#pragma once
// The executor: runs a Plan against a JailHost (ninja's Builder to the planner's Plan).
//
//   1. nothing to do -> returns at once, no host call;
//   2. host.prepare(wiring of the whole desired state: every jail's address, every forward);
//   3. plan.layers in order; the jails of one layer in parallel (at most `parallelism`);
//      each step: record_started + save, act (destroy / create / apply), record_applied + save.
//      With setup steps: create, mounts, then (state recording the jail as created) each setup
//      step in config order, recorded as it succeeds, then execs — services start after setup.
// A jail whose dependency failed is skipped. Everything is recorded before acting, so a crash
// at any point leaves a state from which the next plan converges.

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "jrun/base/result.h"
#include "jrun/host/jail_host.h"
#include "jrun/model/config.h"
#include "jrun/plan/plan.h"
#include "jrun/state/state.h"

namespace jrun::engine {

/// Persists the state (the CLI saves through StateStore under the held lock). Called with the
/// state mutex held, never concurrently.
using SaveFn = std::function<Status(const state::State&)>;

/// A progress line for the user: one jail (or "" for the host) and what happened.
struct EngineEvent {
  enum class Kind { kInfo, kSuccess, kWarning, kError };
  Kind kind = Kind::kInfo;
  std::string jail;
  std::string message;
};

struct EngineOptions {
  std::size_t parallelism = 4;           ///< jails of one layer worked on at once (>= 1)
  double monit_cycle = 30;               ///< supervision cycle handed to the driver, seconds
  std::string subnet = "10.17.89.0/24";  ///< jail subnet (HostWiring)
  std::string gateway = "10.17.89.1";    ///< its gateway (HostWiring)
  /// Progress lines; called from worker threads, one at a time. May be empty.
  std::function<void(const EngineEvent&)> on_event;
  /// How long a dependent waits for `condition = "healthy"` dependencies.
  std::chrono::milliseconds healthy_timeout = std::chrono::minutes(2);
  std::chrono::milliseconds healthy_poll = std::chrono::seconds(1);
  /// Sleeps between health polls (tests pass a fake). Empty = std::this_thread::sleep_for.
  std::function<void(std::chrono::milliseconds)> sleep;
  /// Runs one setup step against a created jail (the cli wires provision::SetupRunner).
  /// Empty: setup steps are not run (a warning says so and they stay pending in state).
  std::function<Status(const host::JailInstance&, const model::SetupStep&)> run_setup;
  /// True once the user asked to stop (SIGINT): no further step starts. May be empty.
  std::function<bool()> interrupted;
};

/// Executes `plan` (made from `config` and `state`) on `host`, updating `state` and saving it
/// through `save` around every step. Fails with kRuntime naming every failed and skipped jail
/// with its error context, kInterrupted when stopped by the user, or the error of prepare()
/// or of a save.
Status execute(const plan::Plan& plan, const model::Config& config, host::JailHost& host,
               state::State& state, const SaveFn& save, const EngineOptions& options);

/// The host wiring of the state the plan leads to: the plan's jails (except destroyed ones)
/// with their planned address and desired forwards, then every other recorded jail with its
/// recorded address and forwards.
host::HostWiring desired_wiring(const plan::Plan& plan, const state::State& state,
                                const EngineOptions& options);

/// A plan that destroys the recorded jails `names` (clones before their base). Fails with
/// kUsage for a name that is not recorded.
Result<plan::Plan> destroy_plan(const state::State& state, const std::vector<std::string>& names);

}  // namespace jrun::engine
