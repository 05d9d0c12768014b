#pragma once
// What the engine writes into the state around each jail's step, so a crash at any moment
// leaves a state the next plan reconciles. Pure: the caller saves the state after each call.
//
//   record_started(state, step)           before acting (reserves the IP, marks progress)
//   record_section(state, step, section)  after one section of an update succeeded (optional)
//   record_applied(state, step)           after the whole step succeeded

#include <string_view>

#include "jrun/plan/plan.h"
#include "jrun/state/state.h"

namespace jrun::plan {

/// create/replace: a fresh record in phase "creating" with the planned IP, release and base and
/// no applied sections. update: the step's sections are marked not applied. destroy: phase
/// "destroying". none: nothing.
void record_started(state::State& state, const JailStep& step);

/// Records one section of the step as applied (its desired content, applied flag cleared).
/// For "setup" also records the playbook hashes of the step.
void record_section(state::State& state, const JailStep& step, std::string_view section);

/// The step succeeded: destroy removes the record; every other action leaves a "ready" record
/// holding the desired spec, IP, release, base and setup hashes.
void record_applied(state::State& state, const JailStep& step);

/// As record_applied for the step of `jail` in `plan`; false when the plan has no such step.
bool record_applied(state::State& state, const Plan& plan, std::string_view jail);

}  // namespace jrun::plan
