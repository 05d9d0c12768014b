#pragma once
// What `jrun status` shows, gathered in one round trip to the jail host and turned into the
// ui's plain view structs and the stable JSON of `status --json` (docs/status-schema.json).

#include <nlohmann/json.hpp>
#include <string>

#include "jrun/host/jail_host.h"
#include "jrun/state/state.h"
#include "jrun/ui/status_view.h"

namespace jrun::cli {

/// Rows for every recorded jail (stale when gone from the host) and every jail found on the
/// host but not recorded (unmanaged); `only` = "" for all, else that jail alone.
ui::StatusView status_view(const state::State& state, const host::HostStatus& host,
                           const std::string& only, const std::string& host_label);

/// The view as the JSON of docs/status-schema.json (version 1).
nlohmann::ordered_json status_json(const ui::StatusView& view, const state::State& state,
                                   const std::string& provider);

/// Service status of the jail host as the ui shows it.
ui::ServiceView service_view(const host::ServiceStatus& status);

}  // namespace jrun::cli
