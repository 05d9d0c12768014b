#pragma once
// Internal to the plan layer: the state of one make_plan() call. Pure.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "jrun/plan/graph.h"
#include "jrun/plan/ip.h"
#include "jrun/plan/plan.h"

namespace jrun::plan {

class Planner {
 public:
  Planner(const model::Config& config, const state::State& state, const PlanOptions& options,
          const Observed* observed, const Subnet& subnet)
      : config_(config), state_(state), options_(options), observed_(observed), ips_(subnet) {}

  Result<Plan> run();

 private:
  using IpChoice = std::pair<std::string, IpSource>;

  // plan.cpp: addresses, ordering, orphans.
  Status reserve_addresses();
  void reserve_host_addresses();
  std::optional<std::string> held_address(const model::Jail& jail) const;
  Result<std::vector<IpChoice>> choose_addresses();
  Status check_config_ip(const model::Jail& jail) const;
  void propagate_replacements(Plan& plan, const std::vector<std::size_t>& order) const;
  Status plan_orphans(Plan& plan) const;

  // planner_jail.cpp: the step of one configured jail.
  JailStep plan_jail(std::size_t i, IpChoice ip) const;
  void plan_existing(const model::Jail& jail, const state::JailRecord& record,
                     JailStep& step) const;
  void diff_recorded(const model::Jail& jail, const state::JailRecord& record,
                     JailStep& step) const;
  void choose_provision(const model::Jail& jail, JailStep& step) const;
  void add_stopped_services(const model::Jail& jail, JailStep& step) const;

  const model::Config& config_;
  const state::State& state_;
  const PlanOptions& options_;
  const Observed* observed_;
  IpAllocator ips_;
  JailGraph graph_;
  std::vector<bool> selected_, targeted_;
  std::unordered_map<std::uint32_t, std::string_view> recorded_owner_;
};

/// Every section name, in apply order.
std::vector<std::string> all_sections();

}  // namespace jrun::plan
