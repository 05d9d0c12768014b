#pragma once
// Config values built in C++ for the planner's tests (no parser, no validator).

#include <string>

#include "jrun/model/config.h"
#include "jrun/plan/plan.h"
#include "jrun/state/state.h"

namespace jrun::plan::testing {

model::Jail make_jail(std::string name);
model::Forward make_forward(std::string name, std::uint16_t host, std::uint16_t jail,
                            model::Proto proto = model::Proto::kTcp);
model::Mount make_mount(std::string name, std::string host, std::string jail);
model::Exec make_exec(std::string name, std::string cmd);
model::SetupStep make_setup_file(std::string name, std::string path);
model::SetupStep make_setup_url(std::string name, std::string url);
model::Dependency make_depend(std::string name);

/// The shape of the reference's fastapi example: python-314 (built by a local playbook),
/// postgres-16 (from the hub, forward 6432 -> 5432), fastapi-314 (base python-314, depends on
/// postgres-16, mount, forward 8000 -> 8000, exec with healthcheck).
model::Config example_stack();

/// The state after every step of `plan` succeeded.
state::State apply(const state::State& before, const Plan& plan);

/// The state after `up` of the whole config from `before` (fails the test on error).
state::State converge(const model::Config& config, const state::State& before = {});

}  // namespace jrun::plan::testing
