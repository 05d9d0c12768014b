// The executor: healthy waits, setup steps, replace, destroy plans, interrupts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine_fixtures.h"

namespace jrun::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Kind = engine::EngineEvent::Kind;

host::ServiceStatus service(bool healthy) {
  return {"server", healthy ? "ok" : "initializing", healthy};
}

TEST(EngineHealth, DependentWaitsUntilTheDependencyIsHealthy) {
  Harness h;
  h.host.service_answers["db"] = {{service(false)}, {service(false)}, {service(true)}};
  model::Config config;
  model::Jail web = make_jail("web");
  depend(web, "db", true);
  config.jails = {make_jail("db"), web};
  ASSERT_TRUE(h.up(config));
  auto calls = h.host.calls();
  EXPECT_EQ(h.host.calls_starting("services db").size(), 3u);
  EXPECT_EQ(calls.back(), "apply web mounts,execs,limits");
}

TEST(EngineHealth, TimeoutIsAClearError) {
  Harness h;
  h.host.service_answers["db"] = {{service(false)}};
  model::Config config;
  model::Jail web = make_jail("web");
  depend(web, "db", true);
  config.jails = {make_jail("db"), web};
  Status status = h.up(config);
  ASSERT_FALSE(status);
  EXPECT_THAT(status.error().message,
              HasSubstr("web: creating: 'db' did not become healthy within 0s (server "
                        "initializing)"));
  EXPECT_TRUE(h.host.calls_starting("apply web").empty());
}

TEST(EngineSetup, SetupIsReportedAndNotRecordedAsApplied) {
  Harness h;
  model::Config config;
  model::Jail web = make_jail("web");
  model::SetupStep step;
  step.name = "core";
  step.source = model::SetupSource::kUrl;
  step.location = "hub://core/default";
  web.setup.push_back(step);
  config.jails = {web};
  ASSERT_TRUE(h.up(config));
  EXPECT_THAT(h.messages(Kind::kWarning),
              ElementsAre("web: setup steps are not run yet by this build (provisioning issue): "
                          "core"));
  EXPECT_FALSE(h.state.jails.at("web").section_applied("setup"));
  plan::Plan again = h.plan(config);
  EXPECT_EQ(again.find("web")->action, plan::Action::kUpdate);
  EXPECT_THAT(again.find("web")->provision, ElementsAre("core"));
}

TEST(EngineReplace, ReplaceDestroysThenCreates) {
  Harness h;
  model::Config config;
  config.jails = {make_jail("web")};
  ASSERT_TRUE(h.up(config));
  config.jails[0].ip = "10.17.89.50";
  ASSERT_TRUE(h.up(config));
  auto calls = h.host.calls();
  EXPECT_THAT(std::vector<std::string>(calls.end() - 4, calls.end()),
              ElementsAre("prepare", "destroy web",
                          "create web 10.17.89.50 clone=", "apply web mounts,execs,limits"));
}

TEST(EngineDestroy, DestroyPlanRemovesClonesFirstAndRewiresTheRest) {
  Harness h;
  model::Config config;
  model::Jail clone = make_jail("clone");
  clone.base = "base";
  config.jails = {make_jail("base"), clone, make_jail("other", 9000)};
  ASSERT_TRUE(h.up(config));
  EXPECT_EQ(h.host.calls_starting("create clone").at(0), "create clone 10.17.89.11 clone=base");
  auto plan = engine::destroy_plan(h.state, {"base", "clone"});
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->layers, (std::vector<std::vector<std::string>>{{"clone"}, {"base"}}));
  ASSERT_TRUE(h.run(*plan, model::Config{}));
  auto calls = h.host.calls();
  EXPECT_THAT(std::vector<std::string>(calls.end() - 3, calls.end()),
              ElementsAre("prepare", "destroy clone", "destroy base"));
  host::HostWiring wiring = h.host.last_wiring();
  ASSERT_EQ(wiring.jails.size(), 1u);
  EXPECT_EQ(wiring.jails[0].name, "other");
  EXPECT_EQ(wiring.forwards.size(), 1u);
  EXPECT_EQ(h.state.jails.size(), 1u);
}

TEST(EngineDestroy, UnknownNameIsAUsageError) {
  auto plan = engine::destroy_plan(state::State{}, {"ghost"});
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, ErrorCode::kUsage);
}

TEST(EngineInterrupt, NoStepStartsAfterAnInterrupt) {
  Harness h;
  h.options.interrupted = [] { return true; };
  model::Config config;
  config.jails = {make_jail("web")};
  Status status = h.up(config);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kInterrupted);
  EXPECT_THAT(h.host.calls(), ElementsAre("prepare"));
}

TEST(EngineSave, ASaveFailureStopsTheStepBeforeActing) {
  Harness h;
  model::Config config;
  config.jails = {make_jail("web")};
  engine::SaveFn failing = [](const state::State&) -> Status {
    return make_error(ErrorCode::kState, "disk full");
  };
  Status status = engine::execute(h.plan(config), config, h.host, h.state, failing, h.options);
  ASSERT_FALSE(status);
  EXPECT_THAT(status.error().message, HasSubstr("saving the state: disk full"));
  EXPECT_THAT(h.host.calls(), ElementsAre("prepare"));
}

}  // namespace
}  // namespace jrun::testing
