#include "jrun/plan/host.h"

#include <map>
#include <tuple>
#include <unordered_set>

namespace jrun::plan {
namespace {

using Json = nlohmann::ordered_json;
using Key = std::tuple<std::string, std::string, std::uint16_t>;  // proto, bind, host port
using Owner = std::pair<std::string, std::string>;                // jail, forward name
using ForwardMap = std::map<Key, Owner>;

/// Adds the forwards of one spec section; skips malformed recorded items.
void add_forwards(const std::string& jail, const Json& forwards, ForwardMap& out) {
  if (!forwards.is_object()) return;
  for (const auto& [name, item] : forwards.items()) {
    if (!item.is_object()) continue;
    auto proto = item.find("proto");
    auto bind = item.find("bind");
    auto port = item.find("host");
    if (proto == item.end() || !proto->is_string() || bind == item.end() || !bind->is_string() ||
        port == item.end() || !port->is_number_unsigned() || port->get<std::uint64_t>() > 65535) {
      continue;
    }
    Key key{proto->get<std::string>(), bind->get<std::string>(),
            static_cast<std::uint16_t>(port->get<std::uint64_t>())};
    out.emplace(std::move(key), Owner{jail, name});
  }
}

const Json& recorded_forwards(const state::JailRecord& record) {
  static const Json empty = Json::object();
  auto it = record.spec.find("forwards");
  return it == record.spec.end() ? empty : *it;
}

HostChange make_change(ChangeKind kind, const Key& key, const Owner& owner) {
  return HostChange{kind,        std::get<0>(key), std::get<1>(key), std::get<2>(key),
                    owner.first, owner.second};
}

}  // namespace

std::vector<HostChange> host_forward_changes(const state::State& state, const Plan& plan) {
  ForwardMap before, after;
  for (const auto& [name, record] : state.jails)
    add_forwards(name, recorded_forwards(record), before);
  std::unordered_set<std::string_view> planned;
  for (const auto& step : plan.jails) {
    planned.insert(step.name);
    if (step.action == Action::kDestroy) continue;
    auto it = step.desired.find("forwards");
    if (it != step.desired.end()) add_forwards(step.name, *it, after);
  }
  for (const auto& [name, record] : state.jails) {
    // Unplanned jails (not targeted, or orphans kept) keep what they have.
    if (planned.count(name) == 0) add_forwards(name, recorded_forwards(record), after);
  }
  std::vector<HostChange> changes;
  auto b = before.begin();
  auto a = after.begin();
  while (b != before.end() || a != after.end()) {
    if (a == after.end() || (b != before.end() && b->first < a->first)) {
      changes.push_back(make_change(ChangeKind::kRemove, b->first, b->second));
      ++b;
    } else if (b == before.end() || a->first < b->first) {
      changes.push_back(make_change(ChangeKind::kAdd, a->first, a->second));
      ++a;
    } else {
      ++a;
      ++b;
    }
  }
  return changes;
}

}  // namespace jrun::plan
