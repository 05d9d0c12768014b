// make_plan(): closure, addresses, per-jail steps, orphans, layers, host changes, summary.

#include "jrun/plan/plan.h"

#include "jrun/plan/host.h"
#include "jrun/plan/planner.h"

namespace jrun::plan {
namespace {

std::vector<std::string> jail_names(const model::Config& config) {
  std::vector<std::string> names;
  names.reserve(config.jails.size());
  for (const auto& jail : config.jails) names.push_back(jail.name);
  return names;
}

void summarise(Plan& plan) {
  Summary& s = plan.summary;
  for (const auto& step : plan.jails) {
    switch (step.action) {
      case Action::kNone:
        ++s.unchanged;
        break;
      case Action::kCreate:
        ++s.create;
        break;
      case Action::kUpdate:
        ++s.update;
        break;
      case Action::kReplace:
        ++s.replace;
        break;
      case Action::kDestroy:
        ++s.destroy;
        break;
    }
  }
  s.kept = plan.prune ? 0 : static_cast<int>(plan.orphans.size());
}

}  // namespace

Status Planner::reserve_addresses() {
  for (const auto& [name, record] : state_.jails) {
    auto address = parse_ipv4(record.ip);
    if (!address) {
      return make_error(ErrorCode::kState,
                        "recorded jail '" + name + "' has an invalid ip \"" + record.ip + "\"");
    }
    ips_.mark_used(*address);
    auto [owner, added] = recorded_owner_.emplace(*address, name);
    if (!added) {
      return make_error(ErrorCode::kState, "recorded jails '" + std::string(owner->second) +
                                               "' and '" + name + "' have the same ip " +
                                               record.ip);
    }
  }
  reserve_host_addresses();
  for (const auto& jail : config_.jails) {
    if (!jail.ip) continue;
    auto address = parse_ipv4(*jail.ip);
    if (!address) {
      return make_error(ErrorCode::kConfig, "jail '" + jail.name + "': invalid ip " + *jail.ip);
    }
    ips_.mark_used(*address);
  }
  return {};
}

/// Addresses that jails on the host hold, recorded or not (issue 15: with state.json lost, a
/// new jail took an address a running jail still held).
void Planner::reserve_host_addresses() {
  if (observed_ == nullptr) return;
  for (const auto& [name, ip] : observed_->host_addresses) {
    auto address = parse_ipv4(ip);
    if (!address || state_.jails.count(name) != 0) continue;
    ips_.mark_used(*address);
    recorded_owner_.emplace(*address, name);
  }
}

/// The address a configured jail that is on the host but not recorded holds there, if any.
std::optional<std::string> Planner::held_address(const model::Jail& jail) const {
  if (observed_ == nullptr) return std::nullopt;
  auto held = observed_->host_addresses.find(jail.name);
  if (held == observed_->host_addresses.end() || !parse_ipv4(held->second)) return std::nullopt;
  auto owner = recorded_owner_.find(*parse_ipv4(held->second));
  if (owner == recorded_owner_.end() || owner->second != jail.name) return std::nullopt;
  return held->second;
}

/// A configured IP recorded for another jail is an error, unless that jail is pruned now.
Status Planner::check_config_ip(const model::Jail& jail) const {
  auto owner = recorded_owner_.find(*parse_ipv4(*jail.ip));
  if (owner == recorded_owner_.end() || owner->second == jail.name) return {};
  if (options_.prune && graph_.index.count(owner->second) == 0) return {};
  const std::string other(owner->second);
  return make_error(ErrorCode::kConfig,
                    "jail '" + jail.name + "': ip " + *jail.ip + " is in use by jail '" + other +
                        "' (choose another ip, or remove '" + other + "' first)");
}

Result<std::vector<Planner::IpChoice>> Planner::choose_addresses() {
  std::vector<IpChoice> chosen(config_.jails.size());
  for (std::size_t i = 0; i < config_.jails.size(); ++i) {
    if (!selected_[i]) continue;
    const auto& jail = config_.jails[i];
    auto record = state_.jails.find(jail.name);
    if (jail.ip) {
      TRY(check_config_ip(jail));
      chosen[i] = {*jail.ip, IpSource::kConfig};
    } else if (record != state_.jails.end()) {
      chosen[i] = {record->second.ip, IpSource::kState};
    } else if (auto held = held_address(jail)) {
      chosen[i] = {*held, IpSource::kAssigned};
    } else if (auto address = ips_.next()) {
      chosen[i] = {format_ipv4(*address), IpSource::kAssigned};
    } else {
      return make_error(ErrorCode::kConfig, "jail '" + jail.name + "': no free address left in " +
                                                options_.subnet + " for automatic assignment");
    }
  }
  return chosen;
}

/// A jail cloned from a replaced base is replaced too (its clone origin goes away).
void Planner::propagate_replacements(Plan& plan, const std::vector<std::size_t>& order) const {
  // The step of each selected jail by config position (plan.jails holds them in config order).
  std::vector<JailStep*> steps(config_.jails.size(), nullptr);
  auto next = plan.jails.begin();
  for (std::size_t i = 0; i < config_.jails.size(); ++i) {
    if (selected_[i]) steps[i] = &*next++;
  }
  for (std::size_t i : order) {
    JailStep& step = *steps[i];
    if (step.base.empty() || step.action == Action::kCreate || step.action == Action::kReplace) {
      continue;
    }
    auto base = graph_.index.find(step.base);
    if (base == graph_.index.end() || steps[base->second] == nullptr ||
        steps[base->second]->action != Action::kReplace) {
      continue;
    }
    step.action = Action::kReplace;
    step.reason = "base " + step.base + " is replaced";
    step.sections = all_sections();
    step.provision.clear();
    for (const auto& s : config_.jails[i].setup) step.provision.push_back(s.name);
  }
}

/// Recorded jails not in the config: listed, and destroyed (dependents first) with --prune.
Status Planner::plan_orphans(Plan& plan) const {
  std::vector<const state::JailRecord*> doomed;
  for (const auto& [name, record] : state_.jails) {
    if (graph_.index.count(name) != 0) continue;
    plan.orphans.push_back(name);
    if (options_.prune) doomed.push_back(&record);
  }
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < doomed.size(); ++i) index.emplace(doomed[i]->name, i);
  std::vector<std::vector<std::size_t>> before(doomed.size());
  std::vector<std::string> names;
  for (std::size_t i = 0; i < doomed.size(); ++i) {
    names.push_back(doomed[i]->name);
    auto base = index.find(doomed[i]->base);
    if (base != index.end() && base->second != i) before[base->second].push_back(i);
  }
  ASSIGN_OR_RETURN(auto layers, make_layers(before, std::vector<bool>(doomed.size(), true), names));
  for (const auto& layer : layers) {
    plan.layers.emplace_back();
    for (std::size_t i : layer) plan.layers.back().push_back(names[i]);
  }
  for (std::size_t i = 0; i < doomed.size(); ++i) {
    JailStep step;
    step.name = names[i];
    step.action = Action::kDestroy;
    step.reason = "not in config; --prune";
    step.ip = doomed[i]->ip;
    step.ip_source = IpSource::kState;
    step.release = doomed[i]->release;
    step.base = doomed[i]->base;
    for (std::size_t j : before[i]) step.after.push_back(names[j]);
    plan.jails.push_back(std::move(step));
  }
  return {};
}

Result<Plan> Planner::run() {
  graph_ = build_graph(config_);
  TRY(select_closure(config_, graph_, options_.targets, selected_, targeted_));
  TRY(reserve_addresses());
  ASSIGN_OR_RETURN(auto addresses, choose_addresses());
  ASSIGN_OR_RETURN(auto layers, make_layers(graph_.before, selected_, jail_names(config_)));
  Plan plan;
  plan.subnet = options_.subnet;
  plan.prune = options_.prune;
  plan.provision = options_.provision;
  plan.jails.reserve(config_.jails.size());
  for (std::size_t i = 0; i < config_.jails.size(); ++i) {
    if (selected_[i]) plan.jails.push_back(plan_jail(i, std::move(addresses[i])));
  }
  std::vector<std::size_t> order;
  for (const auto& layer : layers) order.insert(order.end(), layer.begin(), layer.end());
  propagate_replacements(plan, order);
  TRY(plan_orphans(plan));  // destroy layers first: they free ports the config may reuse
  for (const auto& layer : layers) {
    plan.layers.emplace_back();
    for (std::size_t i : layer) plan.layers.back().push_back(config_.jails[i].name);
  }
  plan.host_changes = host_forward_changes(state_, plan);
  summarise(plan);
  return plan;
}

std::string_view action_name(Action action) {
  switch (action) {
    case Action::kNone:
      return "none";
    case Action::kCreate:
      return "create";
    case Action::kUpdate:
      return "update";
    case Action::kReplace:
      return "replace";
    case Action::kDestroy:
      return "destroy";
  }
  return "none";
}

std::string_view change_kind_name(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::kAdd:
      return "add";
    case ChangeKind::kChange:
      return "change";
    case ChangeKind::kRemove:
      return "remove";
    case ChangeKind::kRerun:
      return "rerun";
  }
  return "add";
}

std::string_view ip_source_name(IpSource source) {
  switch (source) {
    case IpSource::kConfig:
      return "config";
    case IpSource::kState:
      return "state";
    case IpSource::kAssigned:
      return "assigned";
  }
  return "config";
}

const JailStep* Plan::find(std::string_view name) const {
  for (const auto& step : jails) {
    if (step.name == name) return &step;
  }
  return nullptr;
}

bool Plan::nothing_to_do() const {
  for (const auto& step : jails) {
    if (step.action != Action::kNone) return false;
  }
  return true;
}

Result<Plan> make_plan(const model::Config& config, const state::State& state,
                       const PlanOptions& options, const Observed* observed) {
  auto subnet = parse_subnet(options.subnet);
  if (!subnet) {
    return make_error(ErrorCode::kConfig, "invalid subnet \"" + options.subnet + "\"");
  }
  Planner planner(config, state, options, observed, *subnet);
  return planner.run();
}

}  // namespace jrun::plan
