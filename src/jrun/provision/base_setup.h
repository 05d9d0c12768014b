#pragma once
// The base config's setup steps (`base { setup { } }`, `jrun start --base FILE`): which steps
// run against the VM and why, and what state records after each — so they re-run only when
// their config or playbook files change, or with --provision (not on every start: reference
// bug 9). Pure. The record lives in state.host["base_setup"]:
//   { "<step>": { "spec": { type, file|url, vars, sha256? }, "hash": "<bundle hash>" } }

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "jrun/model/config.h"

namespace jrun::provision {

/// A base step to run and why ("new", "config changed", "playbook content changed",
/// "--provision").
struct BaseStepRun {
  std::string name;
  std::string reason;
};

/// The step's config as recorded (the playbook location, vars and pin).
nlohmann::ordered_json base_step_spec(const model::SetupStep& step);

/// The steps of `base` to run, in config order. `recorded` is state.host["base_setup"] (null
/// or an object); `hashes` maps step name -> bundle hash observed now (a step without one is
/// run). With `provision` every step runs.
std::vector<BaseStepRun> base_steps_to_run(const model::Base& base,
                                           const nlohmann::ordered_json& recorded,
                                           const std::map<std::string, std::string>& hashes,
                                           bool provision);

/// Records a step that succeeded into `recorded` (made an object when it is not).
void record_base_step(nlohmann::ordered_json& recorded, const model::SetupStep& step,
                      const std::string& hash);

/// Drops records of steps no longer in `base` (a re-added step runs again).
void forget_removed_base_steps(nlohmann::ordered_json& recorded, const model::Base& base);

}  // namespace jrun::provision
