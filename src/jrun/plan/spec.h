#pragma once
// A jail's desired spec as JSON sections: the form the planner diffs and the state records.
// Pure.
//
//   mounts:   { <name>: { "host": "/abs", "jail": "/abs" } }
//   forwards: { <name>: { "proto": "tcp", "bind": "127.0.0.1", "host": 7777, "jail": 8080 } }
//   execs:    { <name>: { "cmd", "dir", "env": {k: v}, "healthcheck": null | {test, interval,
//               timeout, retries}, "restart": {on_failure, max, within} } }
//   setup:    { <name>: { "type": "ansible", "file" | "url": "...", "vars": {...},
//               ["sha256": "..."] } }
//   limits:   { ["cpu": 1.5], ["memory": bytes], ["processes": n] }
// Items keep config order (setup steps and execs run in that order).

#include <nlohmann/json.hpp>
#include <string>

#include "jrun/model/config.h"

namespace jrun::plan {

/// What a jail should be, independent of where it runs.
struct JailSpec {
  std::string release;  ///< "" = the jail host's default
  std::string base;     ///< "" = none
  /// Section name -> JSON, one entry for each of state::kSections (possibly empty objects).
  nlohmann::ordered_json sections = nlohmann::ordered_json::object();
};

/// The spec of one validated jail.
JailSpec spec_of(const model::Jail& jail);

/// One-line description of a section item for plan output, e.g. for a forward
/// "tcp 127.0.0.1:7777 → 8080", for a mount "/home/me/app → /srv/app", for an exec its command.
std::string describe_item(std::string_view section, std::string_view name,
                          const nlohmann::ordered_json& item);

}  // namespace jrun::plan
