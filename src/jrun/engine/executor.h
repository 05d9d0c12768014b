#pragma once
// Internal to the engine: the state of one execute() run.

#include <atomic>
#include <map>
#include <mutex>

#include "jrun/engine/engine.h"

namespace jrun::engine {

class Executor {
 public:
  Executor(const plan::Plan& plan, const model::Config& config, host::JailHost& host,
           state::State& state, const SaveFn& save, const EngineOptions& options)
      : plan_(plan), config_(config), host_(host), state_(state), save_(save), options_(options) {}

  Status run();

 private:
  enum class Outcome { kDone, kFailed, kSkipped };

  void run_layer(const std::vector<std::string>& names);
  void run_jail(const std::string& name);
  std::string blocked_by(const plan::JailStep& step);
  Status run_step(const plan::JailStep& step);
  Status act(const plan::JailStep& step);
  Status apply_sections(const plan::JailStep& step, const host::JailInstance& jail);
  Status apply_services(const plan::JailStep& step, const host::JailInstance& jail,
                        const std::vector<std::string>& sections);
  bool runs_setup(const plan::JailStep& step) const;
  Status run_setup(const plan::JailStep& step, const host::JailInstance& jail);
  Status run_setup_step(const host::JailInstance& jail, const std::string& name);
  Status wait_healthy(const std::string& jail, const std::string& dependency);
  Result<host::JailInstance> instance(const plan::JailStep& step) const;
  Status record(const std::function<void(state::State&)>& change);
  void finish(const std::string& name, Outcome outcome, const std::string& why);
  void emit(EngineEvent::Kind kind, const std::string& jail, const std::string& message);
  bool interrupted() const { return options_.interrupted && options_.interrupted(); }
  Status summary() const;

  const plan::Plan& plan_;
  const model::Config& config_;
  host::JailHost& host_;
  state::State& state_;
  const SaveFn& save_;
  const EngineOptions& options_;
  host::HostWiring wiring_;

  std::mutex state_mu_;    // state_ and save_
  std::mutex event_mu_;    // options_.on_event
  std::mutex outcome_mu_;  // outcomes_, problems_
  std::map<std::string, Outcome> outcomes_;
  std::vector<std::string> problems_;  // "web: creating: ...", in the order they happened
  std::atomic<bool> saw_interrupt_{false};
};

}  // namespace jrun::engine
