#pragma once
// Plan renderers: text for people, JSON for programs. Pure (they return strings/values).

#include <nlohmann/json.hpp>
#include <string>

#include "jrun/plan/plan.h"

namespace jrun::plan {

/// Terraform-like text: one block per jail that changes (`+` create, `~` update, `±` replace,
/// `-` destroy) with one line per item change, the orphans, the order of execution, forwards
/// the jail host gains or loses, and a final summary line ("Plan: 1 to create, 0 to update, 0 to
/// replace, 0 to destroy." or "Nothing to do: all N jails up to date.").
std::string render_text(const Plan& plan);

/// The plan as JSON, schema version 1:
///   { "version": 1, "subnet": "10.17.89.0/24", "prune": false, "provision": false,
///     "jails": [ { "name", "action": "none|create|update|replace|destroy", "reason",
///                  "targeted": bool, "ip", "ip_source": "config|state|assigned",
///                  "release": ""=default, "base": ""=none, "after": [names],
///                  "changes": [ { "section", "name", "op": "add|change|remove|rerun",
///                                 "detail" } ],
///                  "sections": [names], "provision": [step names] } ],
///     "orphans": [ { "name", "action": "keep|destroy" } ],
///     "layers": [ [names] ],
///     "host_changes": [ { "op": "add|remove", "proto", "bind", "port", "jail", "forward" } ],
///     "summary": { "create", "update", "replace", "destroy", "unchanged", "kept" } }
nlohmann::ordered_json to_json(const Plan& plan);

}  // namespace jrun::plan
