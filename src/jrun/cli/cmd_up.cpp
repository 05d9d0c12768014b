// jrun up CONFIG [NAMES]: lock, load state, probe, plan, execute.

#include <algorithm>
#include <optional>

#include "jrun/base/strings.h"
#include "jrun/cli/commands.h"
#include "jrun/cli/config_loader.h"
#include "jrun/cli/host_ports.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/provisioning.h"
#include "jrun/cli/session.h"
#include "jrun/cli/trace.h"
#include "jrun/cli/vm_provider.h"
#include "jrun/engine/engine.h"
#include "jrun/plan/render.h"

namespace jrun::cli {
namespace {

std::vector<std::string> changed_jails(const plan::Plan& plan) {
  std::vector<std::string> names;
  for (const plan::JailStep& step : plan.jails) {
    if (step.action != plan::Action::kNone) names.push_back(step.name);
  }
  return names;
}

// `--prune` destroys jails: asked like `down` (no terminal and no --yes: refused, exit 2).
Status confirm_prune(Context& ctx, const plan::Plan& plan, bool yes) {
  std::vector<std::string> doomed;
  for (const plan::JailStep& step : plan.jails) {
    if (step.action == plan::Action::kDestroy) doomed.push_back(step.name);
  }
  if (doomed.empty()) return {};
  ASSIGN_OR_RETURN(bool go,
                   confirm(ctx, "Destroy " + join(doomed, ", ") + " (not in the config)?", yes));
  if (!go) return make_error(ErrorCode::kRuntime, "cancelled; nothing changed");
  return {};
}

void report_orphans(Context& ctx, const plan::Plan& plan) {
  if (plan.prune) return;
  for (const std::string& name : plan.orphans) {
    ctx.out->warning("not in config: " + name + " (kept; --prune destroys it)");
  }
}

// A service counts as stopped when it is not running or not watched: monit's "not monitored",
// "does not exist", "execution failed", or the restart policy's "gave up". A starting or
// unhealthy service is monit's to handle.
bool stopped(const host::ServiceStatus& service) {
  return service.status.starts_with("not monitored") ||
         service.status.starts_with("does not exist") ||
         service.status.starts_with("execution failed") || service.status.starts_with("gave up");
}

// Recorded jails of the config that have services: their services are looked at too (same
// round trip as the probe), so that `up` starts what should run and does not.
Result<host::ProbeResult> probe_and_services(const model::Config& config,
                                             const state::State& recorded, host::JailHost& host,
                                             plan::Observed& observed) {
  std::vector<std::string> names;
  for (const model::Jail& jail : config.jails) {
    if (!jail.execs.empty() && recorded.jails.count(jail.name) != 0) names.push_back(jail.name);
  }
  if (names.empty()) return host.probe();
  ASSIGN_OR_RETURN(host::HostStatus status, host.status(names));
  for (const model::Jail& jail : config.jails) {
    auto services = status.services.find(jail.name);
    if (services == status.services.end()) continue;
    for (const model::Exec& exec : jail.execs) {
      bool seen = false;
      for (const host::ServiceStatus& service : services->second) {
        seen = seen || (service.name == exec.name && !stopped(service));
      }
      if (!seen) observed.stopped_services[jail.name].push_back(exec.name);
    }
  }
  return std::move(status.probe);
}

/// Jails on the host that the state lacks (state.json lost): a configured one is created again
/// with the address it holds (the plan says so); others are destroyed with --prune, else kept
/// with a warning saying how to remove them.
Status settle_unrecorded(Context& ctx, const UpArgs& args, const model::Config& config,
                         const state::State& recorded, const host::ProbeResult& probe,
                         host::JailHost& host) {
  for (const std::string& name : unrecorded_jails(probe, recorded)) {
    auto configured = [&name](const model::Jail& jail) { return jail.name == name; };
    if (std::any_of(config.jails.begin(), config.jails.end(), configured)) {
      ctx.out->warning("on the host but not recorded: " + name +
                       " (created again from the config)");
    } else if (args.plan.prune && args.plan.names.empty()) {
      // Asked like every other destruction (no terminal and no --yes: refused).
      ASSIGN_OR_RETURN(
          bool go,
          confirm(ctx, "Destroy " + name + " (on the host, not recorded, not in the config)?",
                  args.yes));
      if (!go) return make_error(ErrorCode::kRuntime, "cancelled; nothing changed");
      TRY(destroy_unrecorded(ctx, host, name));
    } else {
      ctx.out->warning("on the host but not recorded: " + name + " (kept; `jrun down " + name +
                       "` or `jrun up --prune` destroys it)");
    }
  }
  return {};
}

Result<plan::Plan> plan_up(Context& ctx, const UpArgs& args, const model::Config& config,
                           const state::State& recorded, host::JailHost& host,
                           provision::PlaybookCache& playbooks) {
  Trace::Scope timed(trace(), "probe, observe and plan");
  plan::Observed services;
  ASSIGN_OR_RETURN(host::ProbeResult probe, probe_and_services(config, recorded, host, services));
  TRY(settle_unrecorded(ctx, args, config, recorded, probe, host));
  ASSIGN_OR_RETURN(plan::Observed observed, observe(ctx, config, &probe, playbooks));
  observed.stopped_services = std::move(services.stopped_services);
  plan::PlanOptions options;
  options.targets = args.plan.names;
  options.prune = args.plan.prune;
  options.provision = args.plan.provision;
  options.subnet = ctx.settings.subnet;
  return plan::make_plan(config, recorded, options, &observed);
}

}  // namespace

Result<int> cmd_up(Context& ctx, const UpArgs& args) {
  if (args.dry_run) return cmd_plan(ctx, args.plan);
  std::optional<Trace::Scope> phase(std::in_place, trace(), "load config");
  ASSIGN_OR_RETURN(LoadedConfig loaded, load_config_file(ctx, args.plan.config, {}));
  state::StateStore store(ctx.settings.home);
  phase.emplace(trace(), "take lock");
  ASSIGN_OR_RETURN(state::StateLock lock, take_lock(ctx, store));
  {
    // Before anything changes (the VM boots below): no forward may take over a busy host port.
    ASSIGN_OR_RETURN(state::State before, store.load(lock));
    TRY(check_forward_ports(loaded, before));
  }
  if (ctx.settings.provider == "vm") TRY(ensure_vm_for(ctx, loaded.config, args.yes));
  ctx.settings.without_limits = args.without_limits;
  ASSIGN_OR_RETURN(Provider provider, make_provider(ctx));
  phase.emplace(trace(), "load state");
  ASSIGN_OR_RETURN(state::State state, store.load(lock));
  phase.reset();
  Playbooks playbooks(ctx);
  ASSIGN_OR_RETURN(plan::Plan plan,
                   plan_up(ctx, args, loaded.config, state, *provider.host, playbooks.cache));
  report_orphans(ctx, plan);
  if (plan.nothing_to_do()) {
    ctx.out->success("Nothing to deploy — all jails up to date.");
    return 0;
  }
  ctx.out->print(plan::render_text(plan));
  TRY(confirm_prune(ctx, plan, args.yes));
  auto runner = make_setup_runner(ctx, *provider.host, playbooks.cache);
  TRY(prefetch_playbooks(plan, loaded.config, *runner));
  engine::EngineOptions options = engine_options(ctx);
  options.run_setup = [&runner](const host::JailInstance& jail, const model::SetupStep& step) {
    return runner->run(jail, step);
  };
  phase.emplace(trace(), "execute");
  TRY(engine::execute(plan, loaded.config, *provider.host, state, saver(store, lock), options));
  ctx.out->success("Deploy complete (" + join(changed_jails(plan), ", ") + ").");
  const bool limits = std::any_of(loaded.config.jails.begin(), loaded.config.jails.end(),
                                  [](const model::Jail& j) { return !j.limits.empty(); });
  if (const std::string reboot = provider.host->pending_reboot(); limits && !reboot.empty()) {
    ctx.out->warning("this host needs a reboot for " + reboot +
                     ": limits are enforced from then on");
  }
  return 0;
}

}  // namespace jrun::cli
