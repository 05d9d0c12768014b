#pragma once
// What the mutating commands share: the state lock with its wait message, confirmations,
// engine options that print progress, and the facts observed before planning.

#include <string>
#include <vector>

#include "jrun/cli/commands.h"
#include "jrun/engine/engine.h"
#include "jrun/host/jail_host.h"
#include "jrun/model/config.h"
#include "jrun/plan/plan.h"
#include "jrun/provision/cache.h"
#include "jrun/state/store.h"

namespace jrun::cli {

/// Takes the state lock (JRUN_LOCK_TIMEOUT), printing "! waiting for another jrun (pid N)…"
/// while another jrun holds it.
Result<state::StateLock> take_lock(Context& ctx, state::StateStore& store);

/// Asks "question [y/N]" on a terminal. With `yes` it is true at once; without a terminal it is
/// a kUsage error telling to pass --yes (non-interactive runs never prompt).
Result<bool> confirm(Context& ctx, const std::string& question, bool yes);

/// Engine options from the settings; progress events are printed as one-line messages.
engine::EngineOptions engine_options(Context& ctx);

/// Hashes of the setup playbooks of `config` (local files hashed, downloaded manifests
/// fetched; an unreachable hub is a warning) and, when `probe` is given, the jails that exist and
/// run on the jail host (a recorded jail missing there is created again).
Result<plan::Observed> observe(Context& ctx, const model::Config& config,
                               const host::ProbeResult* probe, provision::PlaybookCache& playbooks);

/// Jails on the jail host that the state does not record (state.json lost or replaced), by
/// name: jrun made them (its marks: the jail directory, netns, cgroup), so it may remove them.
std::vector<std::string> unrecorded_jails(const host::ProbeResult& probe,
                                          const state::State& state);

/// Destroys the unrecorded jail `name` on the host, saying so.
Status destroy_unrecorded(Context& ctx, host::JailHost& host, const std::string& name);

/// Fails with kUsage when no jail `jail` is recorded, or it has no service `service` (the
/// message lists the services it has).
Status require_service(const Context& ctx, const std::string& jail, const std::string& service);

/// Fails with kUsage when no jail `name` is recorded in the state.
Status require_jail(const Context& ctx, const std::string& name);

/// Saves through `store` under `lock` (the engine's SaveFn).
engine::SaveFn saver(state::StateStore& store, const state::StateLock& lock);

}  // namespace jrun::cli
