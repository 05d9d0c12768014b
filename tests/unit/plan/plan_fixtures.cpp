#include "plan_fixtures.h"

#include <gtest/gtest.h>

#include "jrun/plan/record.h"

namespace jrun::plan::testing {

model::Jail make_jail(std::string name) {
  model::Jail jail;
  jail.name = std::move(name);
  return jail;
}

model::Forward make_forward(std::string name, std::uint16_t host, std::uint16_t jail,
                            model::Proto proto) {
  model::Forward forward;
  forward.name = std::move(name);
  forward.host = host;
  forward.jail = jail;
  forward.proto = proto;
  return forward;
}

model::Mount make_mount(std::string name, std::string host, std::string jail) {
  return model::Mount{std::move(name), std::move(host), std::move(jail), {}};
}

model::Exec make_exec(std::string name, std::string cmd) {
  model::Exec exec;
  exec.name = std::move(name);
  exec.cmd = std::move(cmd);
  return exec;
}

model::SetupStep make_setup_file(std::string name, std::string path) {
  model::SetupStep step;
  step.name = std::move(name);
  step.location = std::move(path);
  return step;
}

model::SetupStep make_setup_url(std::string name, std::string url) {
  model::SetupStep step = make_setup_file(std::move(name), std::move(url));
  step.source = model::SetupSource::kUrl;
  return step;
}

model::Dependency make_depend(std::string name) {
  model::Dependency dep;
  dep.name = std::move(name);
  return dep;
}

model::Config example_stack() {
  model::Config config;
  config.path = "stack.ucl";
  config.dir = "/home/me/app";
  model::Jail python = make_jail("python-314");
  python.setup.push_back(make_setup_file("python", "/home/me/app/python-314.yml"));
  model::Jail postgres = make_jail("postgres-16");
  postgres.release = "15.0-RELEASE";
  postgres.setup.push_back(make_setup_url("postgres", "hub://postgres/16"));
  postgres.forwards.push_back(make_forward("postgres", 6432, 5432));
  postgres.limits.memory = 512ull << 20;
  model::Jail fastapi = make_jail("fastapi-314");
  fastapi.base = "python-314";
  fastapi.depends.push_back(make_depend("postgres-16"));
  fastapi.mounts.push_back(make_mount("app", "/home/me/app", "/srv/app"));
  fastapi.forwards.push_back(make_forward("http", 8000, 8000));
  model::Exec uvicorn = make_exec("uvicorn", "uvicorn app:app --host 0.0.0.0 --port 8000");
  uvicorn.dir = "/srv/app";
  uvicorn.env = {{"DATABASE_URL", "postgresql://postgres-16/app"}};
  uvicorn.healthcheck = model::Healthcheck{"fetch -qo /dev/null http://127.0.0.1:8000", 30, 10, 5};
  fastapi.execs.push_back(uvicorn);
  config.jails = {python, postgres, fastapi};
  return config;
}

state::State apply(const state::State& before, const Plan& plan) {
  state::State state = before;
  for (const auto& step : plan.jails) {
    record_started(state, step);
    record_applied(state, step);
  }
  return state;
}

state::State converge(const model::Config& config, const state::State& before) {
  auto plan = make_plan(config, before, PlanOptions{}, nullptr);
  EXPECT_TRUE(plan.has_value()) << (plan ? "" : plan.error().message);
  return plan ? apply(before, *plan) : before;
}

}  // namespace jrun::plan::testing
