// The executor against a FakeJailHost: order, parallelism, failures, state, idempotence.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "engine_fixtures.h"

namespace jrun::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Kind = engine::EngineEvent::Kind;

std::size_t position(const std::vector<std::string>& calls, const std::string& prefix) {
  for (std::size_t i = 0; i < calls.size(); ++i) {
    if (calls[i].rfind(prefix, 0) == 0) return i;
  }
  ADD_FAILURE() << "no call " << prefix;
  return calls.size();
}

TEST(Engine, CreatesPreparesOnceThenCreatesAndAppliesDriverSections) {
  Harness h;
  model::Config config;
  config.jails = {make_jail("web", 7777)};
  ASSERT_TRUE(h.up(config));
  EXPECT_THAT(
      h.host.calls(),
      ElementsAre("prepare", "create web 10.17.89.10 clone=", "apply web mounts,execs,limits"));
  ASSERT_EQ(h.state.jails.count("web"), 1u);
  EXPECT_EQ(h.state.jails.at("web").phase, state::Phase::kReady);
}

TEST(Engine, SecondRunOfAConvergedPlanCallsNothing) {
  Harness h;
  model::Config config;
  config.jails = {make_jail("web", 7777), make_jail("db")};
  ASSERT_TRUE(h.up(config));
  std::size_t before = h.host.calls().size();
  std::size_t saves = h.saves.size();
  plan::Plan again = h.plan(config);
  EXPECT_TRUE(again.nothing_to_do());
  ASSERT_TRUE(h.run(again, config));
  EXPECT_EQ(h.host.calls().size(), before);
  EXPECT_EQ(h.saves.size(), saves);
}

TEST(Engine, StateIsSavedBeforeAndAfterEachStepWithTheRightPhase) {
  Harness h;
  model::Config config;
  config.jails = {make_jail("web")};
  ASSERT_TRUE(h.up(config));
  ASSERT_EQ(h.saves.size(), 2u);
  EXPECT_EQ(h.saves[0].jails.at("web").phase, state::Phase::kCreating);
  EXPECT_EQ(h.saves[0].jails.at("web").ip, "10.17.89.10");
  EXPECT_EQ(h.saves[1].jails.at("web").phase, state::Phase::kReady);
}

TEST(Engine, DependenciesRunInEarlierLayers) {
  Harness h;
  model::Config config;
  model::Jail web = make_jail("web");
  depend(web, "db");
  config.jails = {web, make_jail("db")};
  ASSERT_TRUE(h.up(config));
  auto calls = h.host.calls();
  EXPECT_LT(position(calls, "apply db"), position(calls, "create web"));
}

TEST(Engine, ParallelismIsBounded) {
  Harness h;
  h.options.parallelism = 2;
  h.host.delay = std::chrono::milliseconds(20);
  model::Config config;
  for (const char* name : {"a", "b", "c", "d", "e", "f"}) config.jails.push_back(make_jail(name));
  ASSERT_TRUE(h.up(config));
  EXPECT_EQ(h.host.max_concurrent(), 2u);
  EXPECT_EQ(h.host.calls_starting("create").size(), 6u);
}

TEST(Engine, AFailedJailsErrorIsPrintedOnceInTheSummary) {
  Harness h;
  h.host.failures["create db"] = "disk full\nline two of stderr";
  model::Config config;
  config.jails = {make_jail("db")};
  Status status = h.up(config);
  ASSERT_FALSE(status);
  EXPECT_THAT(status.error().message, HasSubstr("db: creating: disk full\nline two of stderr"));
  // The progress line says that it failed; the error text is left to the summary.
  EXPECT_EQ(h.messages(engine::EngineEvent::Kind::kError),
            (std::vector<std::string>{"db: creating failed"}));
}

TEST(Engine, AFailedJailSkipsItsDependentsAndNamesEveryOne) {
  Harness h;
  h.host.failures["create db"] = "disk full";
  model::Config config;
  model::Jail web = make_jail("web");
  depend(web, "db");
  config.jails = {web, make_jail("db"), make_jail("cache")};
  Status status = h.up(config);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().code, ErrorCode::kRuntime);
  EXPECT_THAT(status.error().message, HasSubstr("db: creating: disk full"));
  EXPECT_THAT(status.error().message, HasSubstr("web: skipped: 'db' failed"));
  EXPECT_TRUE(h.host.calls_starting("create web").empty());
  EXPECT_EQ(h.state.jails.at("cache").phase, state::Phase::kReady);
  // Recorded before acting: the next plan knows the create did not finish.
  EXPECT_EQ(h.state.jails.at("db").phase, state::Phase::kCreating);
  EXPECT_EQ(h.state.jails.count("web"), 0u);
}

TEST(Engine, ARerunAfterAFailureConverges) {
  Harness h;
  h.host.failures["apply db"] = "monit did not start";
  model::Config config;
  config.jails = {make_jail("db")};
  ASSERT_FALSE(h.up(config));
  h.host.failures.clear();
  plan::Plan again = h.plan(config);
  ASSERT_EQ(again.find("db")->action, plan::Action::kCreate);
  ASSERT_TRUE(h.run(again, config));
  EXPECT_TRUE(h.plan(config).nothing_to_do());
}

TEST(Engine, PrepareFailureStopsBeforeAnyJail) {
  Harness h;
  h.host.failures["prepare"] = "nft: no such table";
  model::Config config;
  config.jails = {make_jail("web")};
  Status status = h.up(config);
  ASSERT_FALSE(status);
  EXPECT_THAT(status.error().context, ElementsAre("preparing the jail host"));
  EXPECT_THAT(h.host.calls(), ElementsAre("prepare"));
  EXPECT_TRUE(h.saves.empty());
}

TEST(Engine, WiringHoldsEveryJailAndForwardSorted) {
  Harness h;
  model::Config config;
  config.jails = {make_jail("web", 8080), make_jail("api", 7000)};
  ASSERT_TRUE(h.up(config));
  host::HostWiring wiring = h.host.last_wiring();
  ASSERT_EQ(wiring.jails.size(), 2u);
  EXPECT_EQ(wiring.jails[0].name, "api");
  ASSERT_EQ(wiring.forwards.size(), 2u);
  EXPECT_EQ(wiring.forwards[0].host_port, 7000);
  EXPECT_EQ(wiring.forwards[0].jail_ip, "10.17.89.11");
  EXPECT_EQ(wiring.forwards[1].jail, "web");
}

TEST(Engine, ChangingAForwardRewiresWithoutTouchingTheJail) {
  Harness h;
  model::Config config;
  config.jails = {make_jail("web", 8080)};
  ASSERT_TRUE(h.up(config));
  config.jails[0].forwards[0].host = 9090;
  std::size_t before = h.host.calls().size();
  ASSERT_TRUE(h.up(config));
  auto calls = h.host.calls();
  EXPECT_THAT(std::vector<std::string>(calls.begin() + static_cast<long>(before), calls.end()),
              ElementsAre("prepare"));
  EXPECT_EQ(h.host.last_wiring().forwards[0].host_port, 9090);
  EXPECT_TRUE(h.plan(config).nothing_to_do());
}

}  // namespace
}  // namespace jrun::testing
