#include "jrun/plan/host.h"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <unordered_set>
#include <vector>

namespace jrun::plan {
namespace {

using Json = nlohmann::ordered_json;

/// One forward's claim on the VM: (proto, bind, host port) owned by (jail, forward name). Views
/// into the state and the plan, which outlive one host_forward_changes() call.
struct Claim {
  std::string_view proto, bind;
  std::uint16_t port = 0;
  std::string_view jail, forward;

  auto key() const { return std::tie(proto, bind, port); }
};

/// Adds the forwards of one spec section; skips malformed recorded items.
void add_forwards(std::string_view jail, const Json& forwards, std::vector<Claim>& out) {
  if (!forwards.is_object()) return;
  for (auto it = forwards.begin(); it != forwards.end(); ++it) {
    const Json& item = *it;
    if (!item.is_object()) continue;
    auto proto = item.find("proto");
    auto bind = item.find("bind");
    auto port = item.find("host");
    if (proto == item.end() || !proto->is_string() || bind == item.end() || !bind->is_string() ||
        port == item.end() || !port->is_number_unsigned() || port->get<std::uint64_t>() > 65535) {
      continue;
    }
    out.push_back(Claim{proto->get_ref<const std::string&>(), bind->get_ref<const std::string&>(),
                        static_cast<std::uint16_t>(port->get<std::uint64_t>()), jail, it.key()});
  }
}

/// Sorted by key; of claims with the same key the first added stays (as a map's emplace).
void sort_unique(std::vector<Claim>& claims) {
  std::stable_sort(claims.begin(), claims.end(),
                   [](const Claim& a, const Claim& b) { return a.key() < b.key(); });
  auto last = std::unique(claims.begin(), claims.end(),
                          [](const Claim& a, const Claim& b) { return a.key() == b.key(); });
  claims.erase(last, claims.end());
}

const Json& recorded_forwards(const state::JailRecord& record) {
  static const Json empty = Json::object();
  auto it = record.spec.find("forwards");
  return it == record.spec.end() ? empty : *it;
}

HostChange make_change(ChangeKind kind, const Claim& claim) {
  return HostChange{kind,       std::string(claim.proto), std::string(claim.bind),
                    claim.port, std::string(claim.jail),  std::string(claim.forward)};
}

}  // namespace

std::vector<HostChange> host_forward_changes(const state::State& state, const Plan& plan) {
  std::vector<Claim> before, after;
  for (const auto& [name, record] : state.jails)
    add_forwards(name, recorded_forwards(record), before);
  std::unordered_set<std::string_view> planned;
  planned.reserve(plan.jails.size());
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
  sort_unique(before);
  sort_unique(after);
  std::vector<HostChange> changes;
  auto b = before.begin();
  auto a = after.begin();
  while (b != before.end() || a != after.end()) {
    if (a == after.end() || (b != before.end() && b->key() < a->key())) {
      changes.push_back(make_change(ChangeKind::kRemove, *b));
      ++b;
    } else if (b == before.end() || a->key() < b->key()) {
      changes.push_back(make_change(ChangeKind::kAdd, *a));
      ++a;
    } else {
      ++a;
      ++b;
    }
  }
  return changes;
}

}  // namespace jrun::plan
