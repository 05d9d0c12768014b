// Plans of typical scenarios, rendered as text and JSON and compared byte for byte with
// tests/golden/plan/<case>.{txt,json}. Regenerate with JRUN_UPDATE_GOLDEN=1 and read the diff.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "jrun/plan/render.h"
#include "plan_fixtures.h"

namespace jrun::plan {
namespace {

using testing::converge;
using testing::example_stack;

std::string golden_path(const std::string& name) {
  return std::string(JRUN_TEST_DATA) + "/golden/plan/" + name;
}

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = golden_path(name);
  const char* update = std::getenv("JRUN_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing; run with JRUN_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "golden file " << path;
}

void check_case(const std::string& name, const model::Config& config, const state::State& state,
                const PlanOptions& options = {}, const Observed* observed = nullptr) {
  auto plan = make_plan(config, state, options, observed);
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  check_golden(name + ".txt", render_text(*plan));
  check_golden(name + ".json", to_json(*plan).dump(2) + "\n");
}

model::Jail& jail(model::Config& config, const std::string& name) {
  for (auto& j : config.jails) {
    if (j.name == name) return j;
  }
  throw std::logic_error("no jail " + name);
}

TEST(PlanGolden, FreshStack) { check_case("fresh", example_stack(), {}); }

TEST(PlanGolden, ConvergedStack) {
  auto config = example_stack();
  check_case("converged", config, converge(config));
}

TEST(PlanGolden, ForwardChanged) {
  auto config = example_stack();
  auto state = converge(config);
  auto& http = jail(config, "fastapi-314").forwards[0];
  http.host = 7777;
  http.jail = 8080;
  check_case("forward_changed", config, state);
}

TEST(PlanGolden, ExecRemoved) {
  auto config = example_stack();
  auto state = converge(config);
  jail(config, "fastapi-314").execs.clear();
  check_case("exec_removed", config, state);
}

TEST(PlanGolden, IpChangeReplaces) {
  auto config = example_stack();
  auto state = converge(config);
  jail(config, "postgres-16").ip = "10.17.89.20";
  check_case("ip_change", config, state);
}

model::Config stack_with_old_api() {
  auto config = example_stack();
  auto old = testing::make_jail("old-api");
  old.base = "python-314";
  old.forwards.push_back(testing::make_forward("http", 9000, 8000));
  config.jails.push_back(old);
  return config;
}

TEST(PlanGolden, OrphanKept) {
  auto state = converge(stack_with_old_api());
  check_case("orphan_kept", example_stack(), state);
}

TEST(PlanGolden, OrphanPruned) {
  auto state = converge(stack_with_old_api());
  PlanOptions options;
  options.prune = true;
  check_case("orphan_pruned", example_stack(), state, options);
}

TEST(PlanGolden, TargetsPullDependencies) {
  auto config = example_stack();
  config.jails.push_back(testing::make_jail("redis"));
  PlanOptions options;
  options.targets = {"fastapi-314"};
  check_case("targets", config, {}, options);
}

TEST(PlanGolden, Provision) {
  auto config = example_stack();
  auto state = converge(config);
  PlanOptions options;
  options.provision = true;
  options.targets = {"postgres-16"};
  check_case("provision", config, state, options);
}

}  // namespace
}  // namespace jrun::plan
