#pragma once
// Dependency graph helpers of the planner: target closure and Kahn layering. Pure.

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "jrun/base/result.h"
#include "jrun/model/config.h"

namespace jrun::plan {

/// The jails of a config as nodes (config order) with the jails each must wait for.
struct JailGraph {
  std::unordered_map<std::string_view, std::size_t> index;  ///< name -> position in config
  std::vector<std::vector<std::size_t>> before;  ///< base first, then depends; no duplicates
};

/// Builds the graph. References are validated already; unknown names are skipped.
JailGraph build_graph(const model::Config& config);

/// Marks the targets and every jail they transitively need (base and depends). Empty targets =
/// every jail. `targeted` is set for the named jails only. Fails with kUsage naming every
/// target that is not in the config.
Status select_closure(const model::Config& config, const JailGraph& graph,
                      const std::vector<std::string>& targets, std::vector<bool>& selected,
                      std::vector<bool>& targeted);

/// Kahn layering of nodes 0..n-1 where `before[i]` must finish before i; only nodes with
/// `selected[i]` take part (edges to others are ignored). Each layer is in ascending node order.
/// Fails with kConfig on a cycle, naming its nodes through `names`.
Result<std::vector<std::vector<std::size_t>>> make_layers(
    const std::vector<std::vector<std::size_t>>& before, const std::vector<bool>& selected,
    const std::vector<std::string>& names);

}  // namespace jrun::plan
