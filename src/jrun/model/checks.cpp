// Checks that need the whole config: references between jails, dependency cycles, and
// uniqueness of addresses and host ports.

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "jrun/base/strings.h"
#include "jrun/model/loaders.h"

namespace jrun::model::detail {
namespace {

// The field an edge comes from: `jail.<name>.base.name` or `jail.<name>.depends.<dep>`, spelt
// out only when a message needs it.
struct EdgeField {
  const Jail* jail = nullptr;
  const std::string* depends = nullptr;  ///< the dependency's name; nullptr for `base`

  std::string text() const {
    return depends == nullptr ? "jail." + jail->name + ".base.name"
                              : "jail." + jail->name + ".depends." + *depends;
  }
};

// An edge of the dependency graph: `from` needs `to` (through `base` or `depends`).
struct Edge {
  std::size_t to = 0;
  Location loc;
  EdgeField field;
};

using Graph = std::vector<std::vector<Edge>>;

std::vector<std::string_view> jail_names(const Config& config) {
  std::vector<std::string_view> names;
  for (const Jail& jail : config.jails) names.push_back(jail.name);
  return names;
}

// Jail name -> position in the config, so resolving references stays linear in the jails.
using NameIndex = std::unordered_map<std::string_view, std::size_t>;

NameIndex index_names(const Config& config) {
  NameIndex index;
  index.reserve(config.jails.size());
  for (std::size_t i = 0; i < config.jails.size(); ++i) index.emplace(config.jails[i].name, i);
  return index;
}

// Reports an unknown or self reference; returns the target's index when the edge is usable.
std::optional<std::size_t> resolve(Sink& sink, const Config& config, const NameIndex& names,
                                   const Jail& jail, std::string_view target, Location loc,
                                   const EdgeField& field, std::string_view how) {
  if (target == jail.name) {
    sink.error(loc, field.text(), "jail " + ticked(jail.name) + " " + std::string(how) + " itself");
    return std::nullopt;
  }
  auto found = names.find(target);
  std::optional<std::size_t> index;
  if (found != names.end()) index = found->second;
  if (!index) {
    std::string guess = closest_match(target, jail_names(config));
    sink.error(
        loc, field.text(),
        "jail " + ticked(jail.name) + " " + std::string(how) + " unknown jail " + ticked(target),
        guess.empty() ? "jails of the same config file only"
                      : "did you mean " + ticked(guess) + "?");
  }
  return index;
}

bool has_healthcheck(const Jail& jail) {
  return std::any_of(jail.execs.begin(), jail.execs.end(),
                     [](const Exec& exec) { return exec.healthcheck.has_value(); });
}

void check_healthy(Sink& sink, const Jail& jail, const Dependency& dep, const Jail& target) {
  if (dep.condition != DependCondition::kHealthy || has_healthcheck(target)) return;
  sink.error(dep.loc, "jail." + jail.name + ".depends." + dep.name,
             "jail " + ticked(jail.name) + " waits for " + ticked(target.name) +
                 " to be healthy, but no exec of " + ticked(target.name) + " has a healthcheck",
             "add a healthcheck to an exec of " + ticked(target.name) +
                 ", or use condition = \"started\"");
}

// Checks every reference and returns the usable ones as a graph.
Graph check_references(Sink& sink, const Config& config) {
  Graph graph(config.jails.size());
  NameIndex names = index_names(config);
  for (std::size_t i = 0; i < config.jails.size(); ++i) {
    const Jail& jail = config.jails[i];
    if (jail.base) {
      EdgeField field{&jail, nullptr};
      auto to =
          resolve(sink, config, names, jail, *jail.base, jail.base_loc, field, "is cloned from");
      if (to) graph[i].push_back(Edge{*to, jail.base_loc, field});
    }
    for (const Dependency& dep : jail.depends) {
      EdgeField field{&jail, &dep.name};
      auto to = resolve(sink, config, names, jail, dep.name, dep.loc, field, "depends on");
      if (!to) continue;
      check_healthy(sink, jail, dep, config.jails[*to]);
      graph[i].push_back(Edge{*to, dep.loc, field});
    }
  }
  return graph;
}

class CycleFinder {
 public:
  CycleFinder(Sink& sink, const Config& config, const Graph& graph)
      : sink_(sink), config_(config), graph_(graph), state_(graph.size(), kNew) {}

  void run() {
    for (std::size_t i = 0; i < graph_.size(); ++i) {
      if (state_[i] == kNew) visit(i);
    }
  }

 private:
  enum State { kNew, kActive, kDone };

  void visit(std::size_t node) {
    state_[node] = kActive;
    path_.push_back(node);
    for (const Edge& edge : graph_[node]) {
      if (state_[edge.to] == kActive) report(edge.to);
      if (state_[edge.to] == kNew) visit(edge.to);
    }
    path_.pop_back();
    state_[node] = kDone;
  }

  // Reports the cycle that closes at `start`, once, starting from its first jail in file order.
  void report(std::size_t start) {
    std::vector<std::size_t> cycle(std::find(path_.begin(), path_.end(), start), path_.end());
    std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
    if (!seen_.insert(cycle).second) return;
    std::string text = "dependency cycle: ";
    for (std::size_t node : cycle) text += config_.jails[node].name + " → ";
    text += config_.jails[cycle.front()].name;
    std::size_t next = cycle.size() > 1 ? cycle[1] : cycle[0];
    for (const Edge& edge : graph_[cycle.front()]) {
      if (edge.to != next) continue;
      sink_.error(edge.loc, edge.field.text(), text,
                  "`depends` and `base` must not lead back to the same jail");
      return;
    }
  }

  Sink& sink_;
  const Config& config_;
  const Graph& graph_;
  std::vector<State> state_;
  std::vector<std::size_t> path_;
  std::set<std::vector<std::size_t>> seen_;
};

void check_ips(Sink& sink, const Config& config) {
  std::map<std::string, const Jail*> owners;
  for (const Jail& jail : config.jails) {
    if (!jail.ip) continue;
    auto [it, added] = owners.emplace(*jail.ip, &jail);
    if (added) continue;
    sink.error(jail.ip_loc, "jail." + jail.name + ".ip",
               "ip " + *jail.ip + " is already used by jail " + ticked(it->second->name) + " (" +
                   sink.position(it->second->ip_loc) + ")",
               "leave `ip` out to have a free one assigned");
  }
}

// One host port claimed by a forward. Names are spelt out only for a message.
struct Claim {
  Proto proto;
  std::uint16_t port;
  Location loc;
  const std::string* jail;  ///< the owning jail's name; nullptr for the base block
  const std::string* forward;

  std::string owner() const { return jail ? "jail " + ticked(*jail) : "the base block"; }
  std::string field() const {
    return jail ? "jail." + *jail + ".forward." + *forward + ".host"
                : "base.forward." + *forward + ".host";
  }
};

std::vector<Claim> port_claims(const Config& config) {
  std::vector<Claim> claims;
  for (const Jail& jail : config.jails) {
    for (const Forward& f : jail.forwards) {
      if (f.host == 0) continue;
      claims.push_back(Claim{f.proto, f.host, f.host_loc, &jail.name, &f.name});
    }
  }
  if (config.base) {
    for (const BaseForward& f : config.base->forwards) {
      if (f.host == 0) continue;
      claims.push_back(Claim{f.proto, f.host, f.host_loc, nullptr, &f.name});
    }
  }
  auto position = [](const Claim& c) { return std::tie(c.loc.file, c.loc.line, c.loc.column); };
  std::stable_sort(claims.begin(), claims.end(),
                   [&](const Claim& a, const Claim& b) { return position(a) < position(b); });
  return claims;
}

void check_ports(Sink& sink, const Config& config) {
  // The first claim of each (proto, port): a flat table, no node per forward.
  constexpr std::size_t kPorts = 65536;
  std::vector<const Claim*> first(2 * kPorts, nullptr);
  std::vector<Claim> claims = port_claims(config);
  for (const Claim& claim : claims) {
    const Claim*& owner =
        first[(claim.proto == Proto::kUdp ? kPorts : 0) + std::size_t{claim.port}];
    if (owner == nullptr) {
      owner = &claim;
      continue;
    }
    std::string port = std::string(proto_name(claim.proto)) + "/" + std::to_string(claim.port);
    sink.error(claim.loc, claim.field(),
               port + " is already forwarded by " + owner->owner() + " (" +
                   sink.position(owner->loc) + ")",
               "pick another host port");
  }
}

}  // namespace

void check_config(Sink& sink, const Config& config) {
  Graph graph = check_references(sink, config);
  CycleFinder(sink, config, graph).run();
  check_ips(sink, config);
  check_ports(sink, config);
}

}  // namespace jrun::model::detail
