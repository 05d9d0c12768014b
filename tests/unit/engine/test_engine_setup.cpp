// Setup steps through EngineOptions::run_setup: order against create/mounts/services, per-step
// recording, and what a failure leaves for the next plan.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <mutex>

#include "engine_fixtures.h"

namespace jrun::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

model::SetupStep setup_step(const std::string& name) {
  model::SetupStep step;
  step.name = name;
  step.location = "/conf/" + name + ".yml";
  return step;
}

model::Config config_with_steps() {
  model::Config config;
  model::Jail web = make_jail("web");
  model::Mount mount;
  mount.name = "data";
  mount.host = "/srv/data";
  mount.jail = "/data";
  web.mounts.push_back(mount);
  web.setup = {setup_step("a"), setup_step("b"), setup_step("c")};
  config.jails = {web};
  return config;
}

struct SetupRecorder {
  std::vector<std::string> ran;
  std::string fail;  // step name that fails
  FakeJailHost* host = nullptr;
  std::size_t calls_before_first = 0;

  std::function<Status(const host::JailInstance&, const model::SetupStep&)> fn() {
    return [this](const host::JailInstance& jail, const model::SetupStep& step) -> Status {
      if (ran.empty()) calls_before_first = host->calls().size();
      ran.push_back(jail.config->name + "/" + step.name);
      if (step.name == fail) return make_error(ErrorCode::kRuntime, "task 'x' failed on localhost");
      return {};
    };
  }
};

TEST(EngineRunSetup, RunsAfterCreateAndMountsBeforeServices) {
  Harness h;
  SetupRecorder rec;
  rec.host = &h.host;
  h.options.run_setup = rec.fn();
  model::Config config = config_with_steps();
  ASSERT_TRUE(h.up(config));
  EXPECT_THAT(rec.ran, ElementsAre("web/a", "web/b", "web/c"));
  auto calls = h.host.calls();
  // Everything before the first step: prepare, create, mounts; services come after.
  std::vector<std::string> before(calls.begin(),
                                  calls.begin() + static_cast<long>(rec.calls_before_first));
  EXPECT_THAT(before,
              ElementsAre("prepare", ::testing::StartsWith("create web "), "apply web mounts"));
  EXPECT_THAT(h.host.calls_starting("apply web execs"), ::testing::SizeIs(1));
  EXPECT_TRUE(h.state.jails.at("web").section_applied("setup"));
  EXPECT_TRUE(h.plan(config).nothing_to_do());
}

TEST(EngineRunSetup, FailureKeepsDoneStepsAndRerunsOnlyTheRest) {
  Harness h;
  SetupRecorder rec;
  rec.host = &h.host;
  rec.fail = "b";
  h.options.run_setup = rec.fn();
  model::Config config = config_with_steps();
  Status status = h.up(config);
  ASSERT_FALSE(status);
  EXPECT_THAT(status.error().message, HasSubstr("web: creating: task 'x' failed on localhost"));
  EXPECT_THAT(rec.ran, ElementsAre("web/a", "web/b"));
  EXPECT_TRUE(h.host.calls_starting("apply web execs").empty()) << "services started";
  const state::JailRecord& record = h.state.jails.at("web");
  EXPECT_EQ(record.phase, state::Phase::kReady) << "a failed setup must not re-create the jail";
  EXPECT_TRUE(record.spec["setup"].contains("a"));
  EXPECT_FALSE(record.spec["setup"].contains("b"));
  // The failed step is kept for `status` until it succeeds.
  EXPECT_EQ(record.setup_failed_step, "b");
  EXPECT_THAT(record.setup_failed_error, HasSubstr("task 'x' failed on localhost"));
  EXPECT_EQ(record.setup_failed_error.find('\n'), std::string::npos);
  plan::Plan next = h.plan(config);
  EXPECT_EQ(next.find("web")->action, plan::Action::kUpdate);
  EXPECT_THAT(next.find("web")->provision, ElementsAre("b", "c"));
  rec.fail.clear();
  rec.ran.clear();
  ASSERT_TRUE(h.up(config));
  EXPECT_THAT(rec.ran, ElementsAre("web/b", "web/c"));
  EXPECT_THAT(h.host.calls_starting("apply web execs"), ::testing::SizeIs(1));
  EXPECT_TRUE(h.plan(config).nothing_to_do());
  EXPECT_EQ(h.state.jails.at("web").setup_failed_step, "");
  EXPECT_EQ(h.state.jails.at("web").setup_failed_error, "");
}

}  // namespace
}  // namespace jrun::testing
