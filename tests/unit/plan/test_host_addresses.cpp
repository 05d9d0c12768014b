// Addresses that jails on the host hold, recorded or not (issue 15, item 2: with state.json
// lost, a new jail was given the address of a jail that still ran).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "jrun/plan/plan.h"
#include "plan_fixtures.h"

namespace jrun::plan {
namespace {

using ::testing::HasSubstr;
using testing::make_jail;

TEST(HostAddresses, AreNeverGivenToAnotherJail) {
  model::Config config;
  config.jails = {make_jail("b")};
  Observed observed;
  observed.host_addresses = {{"a", "10.17.89.10"}, {"x", ""}};
  auto plan = make_plan(config, {}, {}, &observed);
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  EXPECT_EQ(plan->find("b")->ip, "10.17.89.11");
  // Without the host's addresses the same plan takes .10: the address a running jail holds.
  auto blind = make_plan(config, {}, {}, nullptr);
  ASSERT_TRUE(blind.has_value());
  EXPECT_EQ(blind->find("b")->ip, "10.17.89.10");
}

TEST(HostAddresses, AConfiguredJailOnTheHostKeepsItsAddress) {
  model::Config config;
  config.jails = {make_jail("a"), make_jail("b")};
  Observed observed;
  observed.host_addresses = {{"a", "10.17.89.23"}};
  auto plan = make_plan(config, {}, {}, &observed);
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  EXPECT_EQ(plan->find("a")->ip, "10.17.89.23");
  EXPECT_EQ(plan->find("a")->action, Action::kCreate);
  EXPECT_EQ(plan->find("b")->ip, "10.17.89.10");
}

TEST(HostAddresses, AConfiguredIpHeldOnTheHostIsAnErrorUnlessPruned) {
  model::Config config;
  config.jails = {make_jail("c")};
  config.jails[0].ip = "10.17.89.10";
  Observed observed;
  observed.host_addresses = {{"a", "10.17.89.10"}};
  auto plan = make_plan(config, {}, {}, &observed);
  ASSERT_FALSE(plan.has_value());
  EXPECT_THAT(plan.error().message, HasSubstr("ip 10.17.89.10 is in use by jail 'a'"));
  PlanOptions prune;
  prune.prune = true;
  EXPECT_TRUE(make_plan(config, {}, prune, &observed).has_value());
}

TEST(HostAddresses, ARecordedJailKeepsItsRecordedAddress) {
  model::Config config;
  config.jails = {make_jail("a")};
  state::State state = testing::converge(config);
  const std::string recorded = state.jails.at("a").ip;
  Observed observed;
  observed.jails = {"a"};
  observed.host_addresses = {{"a", recorded}};
  auto plan = make_plan(config, state, {}, &observed);
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  EXPECT_TRUE(plan->nothing_to_do());
}

}  // namespace
}  // namespace jrun::plan
