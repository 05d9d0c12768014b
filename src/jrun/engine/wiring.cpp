// desired_wiring() and destroy_plan(): pure functions of a plan and the recorded state.

#include <algorithm>
#include <set>
#include <tuple>

#include "jrun/engine/engine.h"

namespace jrun::engine {
namespace {

using Json = nlohmann::ordered_json;

/// Forwards of one jail from its "forwards" section JSON (see plan/spec.h).
void add_forwards(const std::string& jail, const std::string& ip, const Json& section,
                  host::HostWiring& wiring) {
  if (!section.is_object()) return;
  for (const auto& [name, item] : section.items()) {
    host::HostWiring::Forward f;
    f.jail = jail;
    f.name = name;
    f.proto = item.value("proto", "tcp") == "udp" ? model::Proto::kUdp : model::Proto::kTcp;
    f.bind = item.value("bind", "127.0.0.1");
    f.host_port = item.value("host", std::uint16_t{0});
    f.jail_ip = ip;
    f.jail_port = item.value("jail", std::uint16_t{0});
    wiring.forwards.push_back(std::move(f));
  }
}

const Json& section_of(const Json& spec, const char* name) {
  static const Json kEmpty = Json::object();
  auto it = spec.find(name);
  return it == spec.end() ? kEmpty : *it;
}

/// Layers of destroy steps: a step runs once every step it waits for (`after`) ran.
std::vector<std::vector<std::string>> destroy_layers(const std::vector<plan::JailStep>& steps) {
  std::vector<std::vector<std::string>> layers;
  std::set<std::string> done;
  while (done.size() < steps.size()) {
    std::vector<std::string> layer;
    for (const plan::JailStep& step : steps) {
      if (done.count(step.name) != 0) continue;
      if (std::all_of(step.after.begin(), step.after.end(),
                      [&](const std::string& n) { return done.count(n) != 0; })) {
        layer.push_back(step.name);
      }
    }
    if (layer.empty()) {  // a base cycle in a corrupt state: destroy the rest together
      for (const plan::JailStep& step : steps) {
        if (done.count(step.name) == 0) layer.push_back(step.name);
      }
    }
    done.insert(layer.begin(), layer.end());
    layers.push_back(std::move(layer));
  }
  return layers;
}

}  // namespace

host::HostWiring desired_wiring(const plan::Plan& plan, const state::State& state,
                                const EngineOptions& options) {
  host::HostWiring wiring;
  wiring.subnet = options.subnet;
  wiring.gateway = options.gateway;
  std::set<std::string> planned;
  for (const plan::JailStep& step : plan.jails) {
    planned.insert(step.name);
    if (step.action == plan::Action::kDestroy) continue;
    wiring.jails.push_back({step.name, step.ip});
    add_forwards(step.name, step.ip, section_of(step.desired, "forwards"), wiring);
  }
  for (const auto& [name, record] : state.jails) {
    if (planned.count(name) != 0) continue;
    wiring.jails.push_back({name, record.ip});
    add_forwards(name, record.ip, section_of(record.spec, "forwards"), wiring);
  }
  std::sort(wiring.jails.begin(), wiring.jails.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  std::sort(wiring.forwards.begin(), wiring.forwards.end(), [](const auto& a, const auto& b) {
    return std::tie(a.proto, a.bind, a.host_port) < std::tie(b.proto, b.bind, b.host_port);
  });
  return wiring;
}

Result<plan::Plan> destroy_plan(const state::State& state, const std::vector<std::string>& names) {
  plan::Plan plan;
  std::set<std::string> doomed;
  for (const std::string& name : names) {
    if (state.jails.count(name) == 0) {
      return make_error(ErrorCode::kUsage, "no jail named '" + name + "' (see `jrun status`)");
    }
    if (!doomed.insert(name).second) continue;
    const state::JailRecord& record = state.jails.at(name);
    plan::JailStep step;
    step.name = name;
    step.action = plan::Action::kDestroy;
    step.reason = "jrun down";
    step.targeted = true;
    step.ip = record.ip;
    step.ip_source = plan::IpSource::kState;
    step.release = record.release;
    step.base = record.base;
    plan.jails.push_back(std::move(step));
  }
  // A clone goes before the jail it was cloned from.
  for (plan::JailStep& step : plan.jails) {
    for (const auto& [name, record] : state.jails) {
      if (record.base == step.name && doomed.count(name) != 0) step.after.push_back(name);
    }
  }
  plan.layers = destroy_layers(plan.jails);
  plan.summary.destroy = static_cast<int>(plan.jails.size());
  return plan;
}

}  // namespace jrun::engine
