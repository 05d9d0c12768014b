#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "jrun/plan/graph.h"
#include "jrun/plan/plan.h"
#include "jrun/plan/record.h"
#include "plan_fixtures.h"

namespace jrun::plan {
namespace {

using testing::converge;
using ::testing::ElementsAre;
using testing::example_stack;
using ::testing::HasSubstr;
using testing::make_depend;
using testing::make_forward;
using testing::make_jail;

using Layers = std::vector<std::vector<std::string>>;

Plan plan_ok(const model::Config& config, const state::State& state = {},
             const PlanOptions& options = {}, const Observed* observed = nullptr) {
  auto plan = make_plan(config, state, options, observed);
  EXPECT_TRUE(plan.has_value()) << (plan ? "" : plan.error().message);
  return plan ? *plan : Plan{};
}

model::Config chain_config() {
  // d depends on b and c; b's base is a; c is independent; e depends on d. File order shuffled.
  model::Config config;
  auto d = make_jail("d");
  d.depends = {make_depend("b"), make_depend("c")};
  auto b = make_jail("b");
  b.base = "a";
  auto e = make_jail("e");
  e.depends = {make_depend("d")};
  config.jails = {e, d, b, make_jail("c"), make_jail("a")};
  return config;
}

TEST(Layers, KahnLayersStableByConfigOrder) {
  Plan plan = plan_ok(chain_config());
  EXPECT_EQ(plan.layers, (Layers{{"c", "a"}, {"b"}, {"d"}, {"e"}}));
  EXPECT_THAT(plan.find("d")->after, ElementsAre("b", "c"));
  EXPECT_THAT(plan.find("b")->after, ElementsAre("a"));
}

TEST(Layers, IndependentJailsShareOneLayer) {
  model::Config config;
  config.jails = {make_jail("x"), make_jail("y"), make_jail("z")};
  EXPECT_EQ(plan_ok(config).layers, (Layers{{"x", "y", "z"}}));
}

TEST(Layers, CycleIsAnErrorNamingItsJails) {
  // The validator rejects cycles; the planner still refuses to loop on one.
  std::vector<std::vector<std::size_t>> before = {{2}, {}, {0}};
  auto layers = make_layers(before, {true, true, true}, {"a", "b", "c"});
  ASSERT_FALSE(layers.has_value());
  EXPECT_EQ(layers.error().message, "dependency cycle among: a, c");
}

TEST(Closure, TargetsPullTransitiveBaseAndDepends) {
  PlanOptions options;
  options.targets = {"d"};
  Plan plan = plan_ok(chain_config(), {}, options);
  std::vector<std::string> names;
  for (const auto& step : plan.jails) names.push_back(step.name);
  EXPECT_THAT(names, ElementsAre("d", "b", "c", "a"));  // config order, no "e"
  EXPECT_TRUE(plan.find("d")->targeted);
  EXPECT_FALSE(plan.find("a")->targeted);
  EXPECT_EQ(plan.layers, (Layers{{"c", "a"}, {"b"}, {"d"}}));
}

TEST(Closure, UnknownTargetsAreUsageErrorsNamingAll) {
  PlanOptions options;
  options.targets = {"d", "nope", "gone"};
  auto plan = make_plan(chain_config(), {}, options, nullptr);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, ErrorCode::kUsage);
  EXPECT_EQ(plan.error().message, "not in config: nope, gone");
}

TEST(Ips, LowestFreeSkippingConfigAndStateAddresses) {
  model::Config config;
  auto fixed = make_jail("fixed");
  fixed.ip = "10.17.89.10";
  config.jails = {make_jail("a"), fixed, make_jail("b"), make_jail("c")};
  state::State state;
  state::JailRecord other;
  other.name = "other";
  other.ip = "10.17.89.11";
  other.phase = state::Phase::kReady;
  state.jails.emplace("other", other);
  Plan plan = plan_ok(config, state);
  EXPECT_EQ(plan.find("a")->ip, "10.17.89.12");
  EXPECT_EQ(plan.find("a")->ip_source, IpSource::kAssigned);
  EXPECT_EQ(plan.find("fixed")->ip_source, IpSource::kConfig);
  EXPECT_EQ(plan.find("b")->ip, "10.17.89.13");
  EXPECT_EQ(plan.find("c")->ip, "10.17.89.14");
}

TEST(Ips, RecordedAddressesAreKept) {
  model::Config config;
  config.jails = {make_jail("a"), make_jail("b")};
  state::State state = converge(config);
  config.jails.insert(config.jails.begin(), make_jail("new"));
  Plan plan = plan_ok(config, state);
  EXPECT_EQ(plan.find("a")->ip, "10.17.89.10");
  EXPECT_EQ(plan.find("a")->ip_source, IpSource::kState);
  EXPECT_EQ(plan.find("b")->ip, "10.17.89.11");
  EXPECT_EQ(plan.find("new")->ip, "10.17.89.12");
}

TEST(Ips, ConfigAddressRecordedForAnotherJailIsAnError) {
  model::Config config;
  config.jails = {make_jail("a")};
  state::State state = converge(config);  // a = .10
  auto b = make_jail("b");
  b.ip = "10.17.89.10";
  config.jails.push_back(b);
  auto plan = make_plan(config, state, {}, nullptr);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, ErrorCode::kConfig);
  EXPECT_THAT(plan.error().message, HasSubstr("ip 10.17.89.10 is in use by jail 'a'"));
}

TEST(Ips, PrunedOrphanFreesItsAddressForAConfigIp) {
  model::Config old;
  old.jails = {make_jail("gone")};
  state::State state = converge(old);
  model::Config config;
  auto b = make_jail("b");
  b.ip = "10.17.89.10";
  config.jails = {b};
  EXPECT_FALSE(make_plan(config, state, {}, nullptr).has_value());
  PlanOptions prune;
  prune.prune = true;
  Plan plan = plan_ok(config, state, prune);
  EXPECT_EQ(plan.layers, (Layers{{"gone"}, {"b"}}));
}

TEST(Ips, ExhaustionIsAnError) {
  model::Config config;
  for (int i = 0; i < 242; ++i) config.jails.push_back(make_jail("j" + std::to_string(i)));
  auto plan = make_plan(config, {}, {}, nullptr);
  ASSERT_FALSE(plan.has_value());
  EXPECT_THAT(plan.error().message, HasSubstr("jail 'j241': no free address left"));
  config.jails.pop_back();
  Plan full = plan_ok(config);
  EXPECT_EQ(full.find("j240")->ip, "10.17.89.250");
}

TEST(Ips, InvalidRecordedAddressIsAStateError) {
  state::State state;
  state::JailRecord bad;
  bad.name = "bad";
  bad.ip = "10.17.89";
  state.jails.emplace("bad", bad);
  auto plan = make_plan(example_stack(), state, {}, nullptr);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, ErrorCode::kState);
}

TEST(Ips, DuplicateRecordedAddressIsAStateError) {
  model::Config config;
  config.jails = {make_jail("a"), make_jail("b")};
  state::State state = converge(config);
  state.jails.at("b").ip = "10.17.89.10";
  auto plan = make_plan(config, state, {}, nullptr);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, ErrorCode::kState);
  EXPECT_EQ(plan.error().message, "recorded jails 'a' and 'b' have the same ip 10.17.89.10");
}

TEST(Ips, InvalidSubnetIsAConfigError) {
  PlanOptions options;
  options.subnet = "10.17.89.0/33";
  auto plan = make_plan(example_stack(), {}, options, nullptr);
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, ErrorCode::kConfig);
}

TEST(Actions, SecondPlanAfterApplyDoesNothing) {
  auto config = example_stack();
  Plan plan = plan_ok(config, converge(config));
  EXPECT_TRUE(plan.nothing_to_do());
  EXPECT_EQ(plan.summary.unchanged, 3);
}

TEST(Actions, UnfinishedCreateIsCreatedAgain) {
  auto config = example_stack();
  state::State state;
  record_started(state, *plan_ok(config).find("postgres-16"));  // crash right after
  Plan plan = plan_ok(config, state);
  const JailStep* step = plan.find("postgres-16");
  EXPECT_EQ(step->action, Action::kCreate);
  EXPECT_EQ(step->reason, "previous create did not finish");
  EXPECT_EQ(step->ip, "10.17.89.11");  // the reserved address survives the crash
  EXPECT_EQ(step->ip_source, IpSource::kState);
}

TEST(Actions, JailMissingOnTheHostIsCreated) {
  auto config = example_stack();
  Observed observed;
  observed.jails = {"python-314", "fastapi-314"};
  Plan plan = plan_ok(config, converge(config), {}, &observed);
  EXPECT_EQ(plan.find("postgres-16")->action, Action::kCreate);
  EXPECT_EQ(plan.find("postgres-16")->reason, "missing on the host");
  EXPECT_EQ(plan.find("python-314")->action, Action::kNone);
}

TEST(Actions, InterruptedSectionIsAppliedAgain) {
  auto config = example_stack();
  state::State state = converge(config);
  state.jails.at("fastapi-314").applied["execs"] = false;
  Plan plan = plan_ok(config, state);
  const JailStep* step = plan.find("fastapi-314");
  EXPECT_EQ(step->action, Action::kUpdate);
  EXPECT_THAT(step->sections, ElementsAre("execs"));
  ASSERT_EQ(step->changes.size(), 1u);
  EXPECT_EQ(step->changes[0].kind, ChangeKind::kRerun);
}

TEST(Actions, StoppedServicesApplyTheExecsAgain) {
  auto config = example_stack();
  Observed observed;
  observed.jails = {"python-314", "postgres-16", "fastapi-314"};
  observed.stopped_services["fastapi-314"] = {"uvicorn"};
  Plan plan = plan_ok(config, converge(config), {}, &observed);
  const JailStep* step = plan.find("fastapi-314");
  EXPECT_EQ(step->action, Action::kUpdate);
  EXPECT_THAT(step->sections, ElementsAre("execs"));
  ASSERT_EQ(step->changes.size(), 1u);
  EXPECT_EQ(step->changes[0].kind, ChangeKind::kRerun);
  EXPECT_EQ(step->changes[0].name, "uvicorn");
  EXPECT_EQ(step->changes[0].detail, "not running; starting it");
  EXPECT_EQ(plan.find("python-314")->action, Action::kNone);
}

TEST(Actions, ReplacedBaseReplacesItsClones) {
  auto config = example_stack();
  state::State state = converge(config);
  config.jails[0].release = "14.3-RELEASE";  // python-314, base of fastapi-314
  Plan plan = plan_ok(config, state);
  EXPECT_EQ(plan.find("python-314")->action, Action::kReplace);
  EXPECT_EQ(plan.find("python-314")->reason, "release (default) → 14.3-RELEASE");
  EXPECT_EQ(plan.find("fastapi-314")->action, Action::kReplace);
  EXPECT_EQ(plan.find("fastapi-314")->reason, "base python-314 is replaced");
  EXPECT_EQ(plan.find("postgres-16")->action, Action::kNone);
}

TEST(Actions, ChangedPlaybookContentRerunsTheStep) {
  auto config = example_stack();
  Observed observed;
  observed.jails = {"python-314", "postgres-16", "fastapi-314"};
  observed.playbook_hashes["/home/me/app/python-314.yml"] = std::string(64, '1');
  state::State state = testing::apply({}, plan_ok(config, {}, {}, &observed));
  EXPECT_EQ(state.jails.at("python-314").setup_hashes.at("python"), std::string(64, '1'));
  EXPECT_TRUE(plan_ok(config, state, {}, &observed).nothing_to_do());
  observed.playbook_hashes["/home/me/app/python-314.yml"] = std::string(64, '2');
  Plan plan = plan_ok(config, state, {}, &observed);
  const JailStep* step = plan.find("python-314");
  EXPECT_EQ(step->action, Action::kUpdate);
  EXPECT_THAT(step->provision, ElementsAre("python"));
  ASSERT_EQ(step->changes.size(), 1u);
  EXPECT_EQ(step->changes[0].detail, "playbook content changed");
}

TEST(Actions, SetupRunsChangedAndAddedStepsOnly) {
  auto config = example_stack();
  auto& python = config.jails[0];
  python.setup.push_back(testing::make_setup_file("pip", "/home/me/app/pip.yml"));
  state::State state = converge(config);
  python.setup[1].vars["version"] = "24.0";
  python.setup.push_back(testing::make_setup_url("extra", "hub://extra/latest"));
  Plan plan = plan_ok(config, state);
  EXPECT_THAT(plan.find("python-314")->provision, ElementsAre("pip", "extra"));
  EXPECT_EQ(plan.find("python-314")->changes[0].detail, "vars changed");
}

TEST(HostChanges, ProtocolChangeIsRemoveAndAdd) {
  auto config = example_stack();
  state::State state = converge(config);
  config.jails[1].forwards[0].proto = model::Proto::kUdp;
  Plan plan = plan_ok(config, state);
  ASSERT_EQ(plan.host_changes.size(), 2u);
  EXPECT_EQ(plan.host_changes[0].kind, ChangeKind::kRemove);
  EXPECT_EQ(plan.host_changes[0].proto, "tcp");
  EXPECT_EQ(plan.host_changes[1].kind, ChangeKind::kAdd);
  EXPECT_EQ(plan.host_changes[1].proto, "udp");
}

TEST(HostChanges, UntargetedJailsKeepTheirForwards) {
  auto config = example_stack();
  state::State state = converge(config);
  config.jails[1].forwards.push_back(make_forward("admin", 9999, 80));
  PlanOptions options;
  options.targets = {"python-314"};
  EXPECT_TRUE(plan_ok(config, state, options).host_changes.empty());
}

TEST(Orphans, DependentsAreDestroyedFirst) {
  model::Config old;
  auto clone = make_jail("clone");
  clone.base = "origin";
  old.jails = {clone, make_jail("origin")};
  state::State state = converge(old);
  PlanOptions prune;
  prune.prune = true;
  Plan plan = plan_ok(example_stack(), state, prune);
  EXPECT_EQ(plan.orphans, (std::vector<std::string>{"clone", "origin"}));
  EXPECT_EQ(plan.layers[0], std::vector<std::string>{"clone"});
  EXPECT_EQ(plan.layers[1], std::vector<std::string>{"origin"});
  EXPECT_EQ(plan.summary.destroy, 2);
  Plan kept = plan_ok(example_stack(), state);
  EXPECT_EQ(kept.summary.kept, 2);
  EXPECT_EQ(kept.summary.destroy, 0);
}

TEST(Record, LifecycleOfAJail) {
  auto config = example_stack();
  Plan plan = plan_ok(config);
  state::State state;
  const JailStep& step = *plan.find("fastapi-314");
  record_started(state, step);
  EXPECT_EQ(state.jails.at("fastapi-314").phase, state::Phase::kCreating);
  record_applied(state, step);
  const auto& record = state.jails.at("fastapi-314");
  EXPECT_EQ(record.phase, state::Phase::kReady);
  EXPECT_EQ(record.ip, step.ip);
  EXPECT_EQ(record.base, "python-314");
  EXPECT_EQ(record.spec, step.desired);
  EXPECT_TRUE(record_applied(state, plan, "python-314"));
  EXPECT_FALSE(record_applied(state, plan, "nope"));
}

TEST(Record, SectionByStepConvergesAnUpdate) {
  auto config = example_stack();
  state::State state = converge(config);
  config.jails[2].forwards[0].jail = 8080;
  config.jails[2].execs.clear();
  Plan plan = plan_ok(config, state);
  const JailStep& step = *plan.find("fastapi-314");
  ASSERT_THAT(step.sections, ElementsAre("forwards", "execs"));
  record_started(state, step);
  record_section(state, step, "forwards");
  // Crash here: the next plan redoes only execs.
  Plan next = plan_ok(config, state);
  EXPECT_THAT(next.find("fastapi-314")->sections, ElementsAre("execs"));
  record_section(state, step, "execs");
  EXPECT_TRUE(plan_ok(config, state).nothing_to_do());
}

TEST(Record, DestroyRemovesTheRecord) {
  model::Config old;
  old.jails = {make_jail("gone")};
  state::State state = converge(old);
  PlanOptions prune;
  prune.prune = true;
  Plan plan = plan_ok(model::Config{}, state, prune);
  const JailStep& step = *plan.find("gone");
  record_started(state, step);
  EXPECT_EQ(state.jails.at("gone").phase, state::Phase::kDestroying);
  record_applied(state, step);
  EXPECT_TRUE(state.jails.empty());
}

TEST(Scale, TenThousandJails) {
  model::Config config;
  for (int i = 0; i < 10000; ++i) {
    auto jail = make_jail("j" + std::to_string(i));
    if (i > 0) jail.depends = {make_depend("j" + std::to_string(i / 2))};
    jail.forwards.push_back(make_forward("http", static_cast<std::uint16_t>(10000 + i), 80));
    config.jails.push_back(std::move(jail));
  }
  PlanOptions options;
  options.subnet = "10.16.0.0/16";
  Plan plan = plan_ok(config, {}, options);
  EXPECT_EQ(plan.summary.create, 10000);
  EXPECT_EQ(plan.layers.size(), 15u);  // j0, then j1, j2-j3, ... j8192-j9999
  EXPECT_EQ(plan.host_changes.size(), 10000u);
  state::State state = testing::apply({}, plan);
  EXPECT_TRUE(plan_ok(config, state, options).nothing_to_do());
}

}  // namespace
}  // namespace jrun::plan
