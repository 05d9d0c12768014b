#pragma once
// Item-level differences between a recorded and a desired spec section. Pure.

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "jrun/plan/plan.h"

namespace jrun::plan {

/// Appends the differences of one section (items keyed by name; for "limits" the keys cpu,
/// memory and processes): adds and changes in desired order, then removes in recorded order.
/// A non-object `recorded` counts as empty.
void diff_section(std::string_view section, const nlohmann::ordered_json& recorded,
                  const nlohmann::ordered_json& desired, std::vector<ItemChange>& out);

/// The detail of a changed item: the new description and what it was, e.g.
/// "tcp 127.0.0.1:7777 → 8080 (was → 8000)" or, for execs and setup steps, "cmd, env changed".
std::string change_detail(std::string_view section, std::string_view name,
                          const nlohmann::ordered_json& was, const nlohmann::ordered_json& now);

}  // namespace jrun::plan
