// Setup steps of one jail's step: run in config order, each recorded as it succeeds, so a
// failure leaves exactly the failed step and the ones after it to run on the next `up`.

#include <algorithm>

#include "jrun/base/strings.h"
#include "jrun/engine/executor.h"
#include "jrun/plan/record.h"

namespace jrun::engine {
namespace {

using Json = nlohmann::ordered_json;

/// After create (and mounts): the jail exists; setup and services are not applied yet, so a
/// failure from here on is an update, never a re-create.
void record_created(state::State& state, const plan::JailStep& step) {
  auto it = state.jails.find(step.name);
  if (it == state.jails.end()) return;
  state::JailRecord& record = it->second;
  record.phase = state::Phase::kReady;
  record.spec = step.desired;
  record.spec.erase("setup");
  record.spec.erase("execs");
  record.applied.clear();
}

void record_step_done(state::State& state, const plan::JailStep& step, const std::string& name) {
  auto it = state.jails.find(step.name);
  if (it == state.jails.end()) return;
  state::JailRecord& record = it->second;
  if (record.setup_failed_step == name) {
    record.setup_failed_step.clear();
    record.setup_failed_error.clear();
  }
  Json& setup = record.spec["setup"];
  if (!setup.is_object()) setup = Json::object();
  setup[name] = step.desired["setup"][name];
  if (auto hash = step.setup_hashes.find(name); hash != step.setup_hashes.end()) {
    record.setup_hashes[name] = hash->second;
  }
}

/// The steps `pending` did not run (or failed): forgotten, so the next plan runs them; the
/// steps that ran stay recorded, and setup no longer counts as interrupted. The first of them
/// failed with `error` (its first line is kept for `status`; "" = interrupted, not failed).
void record_steps_pending(state::State& state, const plan::JailStep& step,
                          const std::vector<std::string>& pending, const std::string& error) {
  auto it = state.jails.find(step.name);
  if (it == state.jails.end()) return;
  state::JailRecord& record = it->second;
  if (!error.empty()) {
    record.setup_failed_step = pending.front();
    record.setup_failed_error = error.substr(0, std::min(error.find('\n'), std::size_t{300}));
  }
  Json& setup = record.spec["setup"];
  if (!setup.is_object()) setup = Json::object();
  for (const std::string& name : pending) {
    setup.erase(name);
    record.setup_hashes.erase(name);
  }
  record.applied.erase("setup");
}

}  // namespace

Status Executor::run_setup_step(const host::JailInstance& jail, const std::string& name) {
  if (interrupted()) return make_error(ErrorCode::kInterrupted, "interrupted");
  for (const model::SetupStep& setup : jail.config->setup) {
    if (setup.name != name) continue;
    emit(EngineEvent::Kind::kInfo, jail.config->name, "setup '" + name + "'");
    return options_.run_setup(jail, setup);
  }
  return make_error(ErrorCode::kRuntime, "no setup step '" + name + "' in the config");
}

bool Executor::runs_setup(const plan::JailStep& step) const {
  return !step.provision.empty() && static_cast<bool>(options_.run_setup);
}

Status Executor::run_setup(const plan::JailStep& step, const host::JailInstance& jail) {
  if (step.action == plan::Action::kCreate || step.action == plan::Action::kReplace) {
    TRY(record([&](state::State& s) { record_created(s, step); }));
  }
  for (std::size_t i = 0; i < step.provision.size(); ++i) {
    const std::string& name = step.provision[i];
    Status done = run_setup_step(jail, name);
    if (!done) {
      std::vector<std::string> pending(step.provision.begin() + static_cast<long>(i),
                                       step.provision.end());
      // An interrupted step did not fail: it runs again on the next `up` without a mark.
      const std::string error =
          done.error().code == ErrorCode::kInterrupted ? "" : done.error().message;
      TRY(record([&](state::State& s) { record_steps_pending(s, step, pending, error); }));
      return done;
    }
    TRY(record([&](state::State& s) { record_step_done(s, step, name); }));
    emit(EngineEvent::Kind::kSuccess, step.name, "setup '" + name + "' done");
  }
  return {};
}

}  // namespace jrun::engine
