#pragma once
// Configs built in code and a harness that plans and executes them against a FakeJailHost.

#include <string>
#include <vector>

#include "fakes/fake_jail_host.h"
#include "jrun/engine/engine.h"
#include "jrun/model/config.h"
#include "jrun/plan/plan.h"

namespace jrun::testing {

/// A jail with one exec and, when `port` is not 0, one tcp forward 127.0.0.1:port -> 80.
model::Jail make_jail(const std::string& name, std::uint16_t port = 0);
/// Adds `dep` to the jail's depends (healthy or plain).
void depend(model::Jail& jail, const std::string& dep, bool healthy = false);

/// Plans `config` against the harness state and the fake host, executes it, keeps every saved
/// state and every event.
struct Harness {
  FakeJailHost host;
  state::State state;
  std::vector<state::State> saves;
  std::vector<engine::EngineEvent> events;
  engine::EngineOptions options;

  Harness();
  plan::Plan plan(const model::Config& config, const plan::PlanOptions& options = {});
  Status up(const model::Config& config, const plan::PlanOptions& options = {});
  Status run(const plan::Plan& plan, const model::Config& config);
  /// Messages of events of `kind`.
  std::vector<std::string> messages(engine::EngineEvent::Kind kind) const;
};

}  // namespace jrun::testing
