#pragma once
// Forwards that appear or disappear across the whole jail host: what the VM layer turns into
// hostfwd additions and removals. Pure.

#include <vector>

#include "jrun/plan/plan.h"
#include "jrun/state/state.h"

namespace jrun::plan {

/// Compares the forwards recorded for every jail with those there will be after `plan` runs:
/// planned jails contribute their desired forwards, other configured jails and kept orphans
/// their recorded ones, destroyed jails none. Sorted by proto, bind, port.
std::vector<HostChange> host_forward_changes(const state::State& state, const Plan& plan);

}  // namespace jrun::plan
