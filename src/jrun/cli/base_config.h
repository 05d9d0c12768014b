#pragma once
// The base config on the vm provider (`jrun start --base FILE`, issue 4 item 8 / issue 6 item
// 5): the VM-level mounts and forwards, and the base setup steps run against the VM with
// ansible-playbook over ssh — each only when new or changed (reference bug 9).
//
// Record: state.host["base"] holds the wiring (config path, forwards, mounts; vm/base_wiring.h)
// and state.host["base_setup"] each step's spec and bundle hash (provision/base_setup.h). The
// state (not vm.json) because it is saved under the state lock with the jails' records, and
// survives the VM record being rewritten at every launch.

#include <string>
#include <vector>

#include "jrun/cli/commands.h"
#include "jrun/model/config.h"
#include "jrun/state/state.h"
#include "jrun/vm/base_wiring.h"

namespace jrun::cli {

/// The recorded base wiring (empty when none).
Result<vm::BaseWiring> recorded_base_wiring(const state::State& state);

/// `jrun start [--base FILE] [--provision]`.
Result<int> start_with_base(Context& ctx, const StartArgs& args);

/// Lines `plan` prints for a config's base block: which base steps would run and why.
Result<std::vector<std::string>> base_plan_lines(Context& ctx, const model::Config& config,
                                                 const state::State& recorded, bool provision);

}  // namespace jrun::cli
