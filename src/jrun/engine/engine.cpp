// execute(): prepare the host once, then the plan's layers, jails of a layer in parallel.

#include "jrun/engine/engine.h"

#include <algorithm>
#include <atomic>
#include <thread>

#include "jrun/base/strings.h"
#include "jrun/engine/executor.h"
#include "jrun/plan/record.h"

namespace jrun::engine {
namespace {

/// "context: context: message", outermost first (as cli::run prints errors).
std::string describe(const Error& error) {
  std::string text = error.message;
  for (const std::string& context : error.context) text = context + ": " + text;
  return text;
}

std::string verb(plan::Action action) {
  switch (action) {
    case plan::Action::kCreate:
      return "creating";
    case plan::Action::kUpdate:
      return "updating";
    case plan::Action::kReplace:
      return "replacing";
    case plan::Action::kDestroy:
      return "destroying";
    case plan::Action::kNone:
      break;
  }
  return "checking";
}

std::string past(plan::Action action) {
  switch (action) {
    case plan::Action::kCreate:
      return "created";
    case plan::Action::kUpdate:
      return "updated";
    case plan::Action::kReplace:
      return "replaced";
    case plan::Action::kDestroy:
      return "destroyed";
    case plan::Action::kNone:
      break;
  }
  return "up to date";
}

}  // namespace

Status Executor::run() {
  if (plan_.nothing_to_do()) return {};
  wiring_ = desired_wiring(plan_, state_, options_);
  if (Status prepared = host_.prepare(wiring_); !prepared) {
    return std::move(prepared).error().with_context("preparing the jail host");
  }
  for (const auto& layer : plan_.layers) run_layer(layer);
  return summary();
}

void Executor::run_layer(const std::vector<std::string>& names) {
  std::size_t workers = std::clamp<std::size_t>(options_.parallelism, 1, names.size());
  if (workers <= 1) {
    for (const std::string& name : names) run_jail(name);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (std::size_t i = 0; i < workers; ++i) {
    threads.emplace_back([&] {
      for (std::size_t k = next++; k < names.size(); k = next++) run_jail(names[k]);
    });
  }
  for (std::thread& t : threads) t.join();
}

void Executor::run_jail(const std::string& name) {
  const plan::JailStep* step = plan_.find(name);
  if (step == nullptr) return;
  if (step->action == plan::Action::kNone) {
    // Nothing to change; record_applied only learns playbook hashes not recorded yet.
    Status learned = record([&](state::State& s) { plan::record_applied(s, *step); });
    finish(name, learned ? Outcome::kDone : Outcome::kFailed,
           learned ? "" : describe(learned.error()));
    return;
  }
  if (std::string why = blocked_by(*step); !why.empty()) {
    emit(EngineEvent::Kind::kWarning, name, "skipped: " + why);
    finish(name, Outcome::kSkipped, "skipped: " + why);
    return;
  }
  Status done = run_step(*step);
  if (done) {
    emit(EngineEvent::Kind::kSuccess, name, past(step->action));
    finish(name, Outcome::kDone, "");
    return;
  }
  Error error = std::move(done).error().with_context(verb(step->action));
  if (error.code == ErrorCode::kInterrupted) saw_interrupt_ = true;
  // The error itself (often many lines of a script's stderr) is in the summary execute()
  // returns, printed once at the end.
  emit(EngineEvent::Kind::kError, name, verb(step->action) + " failed");
  finish(name, Outcome::kFailed, describe(error));
}

/// Why the step may not run ("" = it may): a failed dependency or an interrupt.
std::string Executor::blocked_by(const plan::JailStep& step) {
  if (interrupted()) {
    std::lock_guard lock(outcome_mu_);
    saw_interrupt_ = true;
    return "interrupted";
  }
  std::lock_guard lock(outcome_mu_);
  for (const std::string& dep : step.after) {
    auto it = outcomes_.find(dep);
    if (it == outcomes_.end() || it->second == Outcome::kDone) continue;
    return "'" + dep + "' " + (it->second == Outcome::kFailed ? "failed" : "was skipped");
  }
  return "";
}

Status Executor::run_step(const plan::JailStep& step) {
  emit(EngineEvent::Kind::kInfo, step.name,
       verb(step.action) + (step.reason.empty() ? "" : " (" + step.reason + ")"));
  TRY(record([&](state::State& s) { plan::record_started(s, step); }));
  TRY(act(step));
  const bool setup_pending =
      !step.provision.empty() && step.action != plan::Action::kDestroy && !options_.run_setup;
  if (setup_pending) {
    emit(EngineEvent::Kind::kWarning, step.name,
         "setup steps are not run yet by this build (provisioning issue): " +
             join(step.provision, ", "));
  }
  return record([&](state::State& s) {
    plan::record_applied(s, step);
    // Never pretend setup ran: left unapplied, a later build runs it.
    auto it = s.jails.find(step.name);
    if (setup_pending && it != s.jails.end()) it->second.applied["setup"] = false;
  });
}

Status Executor::record(const std::function<void(state::State&)>& change) {
  std::lock_guard lock(state_mu_);
  change(state_);
  if (!save_) return {};
  Status saved = save_(state_);
  if (!saved) return std::move(saved).error().with_context("saving the state");
  return {};
}

void Executor::finish(const std::string& name, Outcome outcome, const std::string& why) {
  std::lock_guard lock(outcome_mu_);
  outcomes_[name] = outcome;
  if (outcome != Outcome::kDone) problems_.push_back(name + ": " + why);
}

void Executor::emit(EngineEvent::Kind kind, const std::string& jail, const std::string& message) {
  if (!options_.on_event) return;
  std::lock_guard lock(event_mu_);
  options_.on_event(EngineEvent{kind, jail, message});
}

Status Executor::summary() const {
  if (problems_.empty()) return {};
  std::size_t failed = 0;
  for (const auto& [name, outcome] : outcomes_) failed += outcome != Outcome::kDone ? 1 : 0;
  std::string message = std::to_string(failed) + " of " + std::to_string(outcomes_.size()) +
                        " jails did not converge: " + join(problems_, "; ");
  return make_error(saw_interrupt_ ? ErrorCode::kInterrupted : ErrorCode::kRuntime, message);
}

Status execute(const plan::Plan& plan, const model::Config& config, host::JailHost& host,
               state::State& state, const SaveFn& save, const EngineOptions& options) {
  Executor executor(plan, config, host, state, save, options);
  return executor.run();
}

}  // namespace jrun::engine
