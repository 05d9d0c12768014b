#include "jrun/plan/graph.h"

#include <algorithm>

#include "jrun/base/strings.h"

namespace jrun::plan {
namespace {

/// Nodes left with unfinished predecessors after Kahn's algorithm lie on or behind a cycle.
Error cycle_error(const std::vector<bool>& selected, const std::vector<std::size_t>& pending,
                  const std::vector<std::string>& names) {
  std::vector<std::string> cycle;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    if (selected[i] && pending[i] != 0) cycle.push_back(names[i]);
  }
  return make_error(ErrorCode::kConfig, "dependency cycle among: " + join(cycle, ", "));
}

}  // namespace

JailGraph build_graph(const model::Config& config) {
  JailGraph graph;
  graph.index.reserve(config.jails.size());
  for (std::size_t i = 0; i < config.jails.size(); ++i)
    graph.index.emplace(config.jails[i].name, i);
  graph.before.resize(config.jails.size());
  for (std::size_t i = 0; i < config.jails.size(); ++i) {
    const auto& jail = config.jails[i];
    auto& before = graph.before[i];
    auto add = [&](std::string_view name) {
      auto it = graph.index.find(name);
      if (it == graph.index.end() || it->second == i) return;
      if (std::find(before.begin(), before.end(), it->second) == before.end()) {
        before.push_back(it->second);
      }
    };
    if (jail.base) add(*jail.base);
    for (const auto& dep : jail.depends) add(dep.name);
  }
  return graph;
}

Status select_closure(const model::Config& config, const JailGraph& graph,
                      const std::vector<std::string>& targets, std::vector<bool>& selected,
                      std::vector<bool>& targeted) {
  const std::size_t n = config.jails.size();
  selected.assign(n, targets.empty());
  targeted.assign(n, targets.empty());
  if (targets.empty()) return {};
  std::vector<std::string> unknown;
  std::vector<std::size_t> stack;
  for (const auto& name : targets) {
    auto it = graph.index.find(name);
    if (it == graph.index.end()) {
      unknown.push_back(name);
      continue;
    }
    targeted[it->second] = true;
    stack.push_back(it->second);
  }
  if (!unknown.empty()) {
    return make_error(ErrorCode::kUsage, "not in config: " + join(unknown, ", "));
  }
  while (!stack.empty()) {
    std::size_t i = stack.back();
    stack.pop_back();
    if (selected[i]) continue;
    selected[i] = true;
    for (std::size_t dep : graph.before[i]) stack.push_back(dep);
  }
  return {};
}

Result<std::vector<std::vector<std::size_t>>> make_layers(
    const std::vector<std::vector<std::size_t>>& before, const std::vector<bool>& selected,
    const std::vector<std::string>& names) {
  const std::size_t n = before.size();
  std::vector<std::size_t> pending(n, 0);
  std::vector<std::vector<std::size_t>> after(n);
  std::vector<std::size_t> layer;
  std::size_t remaining = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (!selected[i]) continue;
    ++remaining;
    for (std::size_t dep : before[i]) {
      if (dep < n && selected[dep]) {
        ++pending[i];
        after[dep].push_back(i);
      }
    }
    if (pending[i] == 0) layer.push_back(i);
  }
  std::vector<std::vector<std::size_t>> layers;
  while (!layer.empty()) {
    remaining -= layer.size();
    std::vector<std::size_t> next;
    for (std::size_t i : layer) {
      for (std::size_t j : after[i]) {
        if (--pending[j] == 0) next.push_back(j);
      }
    }
    std::sort(next.begin(), next.end());
    layers.push_back(std::move(layer));
    layer = std::move(next);
  }
  if (remaining == 0) return layers;
  return cycle_error(selected, pending, names);
}

}  // namespace jrun::plan
