// jrun up CONFIG [NAMES]: lock, load state, probe, plan, execute.

#include <algorithm>
#include <optional>

#include "jrun/base/strings.h"
#include "jrun/cli/commands.h"
#include "jrun/cli/config_loader.h"
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

void report_orphans(Context& ctx, const plan::Plan& plan) {
  if (plan.prune) return;
  for (const std::string& name : plan.orphans) {
    ctx.out->warning("not in config: " + name + " (kept; --prune destroys it)");
  }
}

Result<plan::Plan> plan_up(Context& ctx, const UpArgs& args, const model::Config& config,
                           const state::State& recorded, host::JailHost& host,
                           provision::PlaybookCache& playbooks) {
  Trace::Scope timed(trace(), "probe, observe and plan");
  ASSIGN_OR_RETURN(host::ProbeResult probe, host.probe());
  ASSIGN_OR_RETURN(plan::Observed observed, observe(ctx, config, &probe, playbooks));
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
