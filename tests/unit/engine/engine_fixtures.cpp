#include "engine_fixtures.h"

#include <gtest/gtest.h>

#include <mutex>

namespace jrun::testing {

model::Jail make_jail(const std::string& name, std::uint16_t port) {
  model::Jail jail;
  jail.name = name;
  model::Exec exec;
  exec.name = "server";
  exec.cmd = "serve " + name;
  jail.execs.push_back(exec);
  if (port != 0) {
    model::Forward forward;
    forward.name = "http";
    forward.host = port;
    forward.jail = 80;
    jail.forwards.push_back(forward);
  }
  return jail;
}

void depend(model::Jail& jail, const std::string& dep, bool healthy) {
  model::Dependency d;
  d.name = dep;
  d.condition = healthy ? model::DependCondition::kHealthy : model::DependCondition::kStarted;
  jail.depends.push_back(d);
}

Harness::Harness() {
  options.subnet = "10.17.89.0/24";
  options.gateway = "10.17.89.1";
  options.healthy_poll = std::chrono::milliseconds(10);
  options.healthy_timeout = std::chrono::milliseconds(50);
  options.sleep = [](std::chrono::milliseconds) {};
  options.on_event = [this](const engine::EngineEvent& e) { events.push_back(e); };
}

plan::Plan Harness::plan(const model::Config& config, const plan::PlanOptions& options_in) {
  plan::Observed observed;
  observed.jails = host.jails();
  auto made = plan::make_plan(config, state, options_in, &observed);
  EXPECT_TRUE(made.has_value()) << (made ? "" : made.error().message);
  return made ? *made : plan::Plan{};
}

Status Harness::run(const plan::Plan& plan, const model::Config& config) {
  engine::SaveFn save = [this](const state::State& s) -> Status {
    saves.push_back(s);
    return {};
  };
  return engine::execute(plan, config, host, state, save, options);
}

Status Harness::up(const model::Config& config, const plan::PlanOptions& options_in) {
  return run(plan(config, options_in), config);
}

std::vector<std::string> Harness::messages(engine::EngineEvent::Kind kind) const {
  std::vector<std::string> out;
  for (const auto& e : events) {
    if (e.kind == kind) out.push_back(e.jail + ": " + e.message);
  }
  return out;
}

}  // namespace jrun::testing
