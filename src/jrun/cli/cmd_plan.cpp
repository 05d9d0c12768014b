// jrun plan CONFIG [NAMES]: what `up` would change; with --scripts, also every script and file
// it would send to the jail host (the chosen driver run over a recording transport).

#include "jrun/cli/base_config.h"
#include "jrun/cli/commands.h"
#include "jrun/cli/config_loader.h"
#include "jrun/cli/host_ports.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/provisioning.h"
#include "jrun/cli/session.h"
#include "jrun/cli/vm_provider.h"
#include "jrun/engine/engine.h"
#include "jrun/host/freebsd/freebsd_driver.h"
#include "jrun/host/linux/linux_driver.h"
#include "jrun/host/transport/recording_transport.h"
#include "jrun/plan/plan.h"
#include "jrun/plan/render.h"
#include "jrun/state/store.h"

namespace jrun::cli {
namespace {

std::unique_ptr<host::JailHost> script_driver(const Context& ctx, const std::string& driver,
                                              host::Transport& transport) {
  if (driver == "freebsd") {
    return std::make_unique<host::freebsd_driver::FreeBsdDriver>(transport,
                                                                 freebsd_layout(ctx.settings));
  }
  return std::make_unique<host::linux_driver::LinuxDriver>(transport, linux_layout(ctx.settings));
}

// Runs the plan through the engine against the driver over a recording transport: nothing
// reaches a host, the state copy is thrown away, and every script is printed in order.
Status print_scripts(Context& ctx, const PlanArgs& args, const plan::Plan& plan,
                     const model::Config& config, state::State recorded) {
  const std::string driver = args.driver.empty() ? ctx.settings.driver : args.driver;
  host::RecordingTransport transport;
  std::unique_ptr<host::JailHost> host = script_driver(ctx, driver, transport);
  engine::EngineOptions options;
  options.parallelism = 1;  // the order `up` would use with one worker: deterministic output
  options.monit_cycle = ctx.settings.monit_cycle;
  options.subnet = ctx.settings.subnet;
  options.gateway = ctx.settings.gateway;
  options.healthy_timeout = std::chrono::milliseconds(0);
  options.sleep = [](std::chrono::milliseconds) {};
  TRY(engine::execute(
      plan, config, *host, recorded, [](const state::State&) -> Status { return {}; }, options));
  const std::vector<std::string> scripts = transport.scripts();
  for (std::size_t i = 0; i < scripts.size(); ++i) {
    ctx.out->print("\n### " + driver + " script " + std::to_string(i + 1) + " of " +
                   std::to_string(scripts.size()) + "\n" + scripts[i]);
  }
  return {};
}

}  // namespace

Result<int> cmd_plan(Context& ctx, const PlanArgs& args) {
  ASSIGN_OR_RETURN(LoadedConfig loaded, load_config_file(ctx, args.config, {}));
  state::StateStore store(ctx.settings.home);
  // Planning changes nothing, so it reads without the lock: saves are atomic renames.
  ASSIGN_OR_RETURN(state::State recorded, store.load_unlocked());
  TRY(check_forward_ports(loaded, recorded));
  Playbooks playbooks(ctx);
  ASSIGN_OR_RETURN(plan::Observed observed, observe(ctx, loaded.config, nullptr, playbooks.cache));
  // Until a jail host can be probed, recorded jails count as present.
  for (const auto& [name, record] : recorded.jails) observed.jails.insert(name);

  plan::PlanOptions options;
  options.targets = args.names;
  options.prune = args.prune;
  options.provision = args.provision;
  options.subnet = ctx.settings.subnet;
  ASSIGN_OR_RETURN(plan::Plan plan, plan::make_plan(loaded.config, recorded, options, &observed));
  const std::vector<vm::Share> restart = ctx.settings.provider == "vm"
                                             ? vm_restart_shares(ctx, loaded.config)
                                             : std::vector<vm::Share>{};
  for (const vm::Share& s : restart) {
    ctx.out->warning("VM restart needed: mount " + s.host_path + " is a new 9p share");
  }
  ASSIGN_OR_RETURN(std::vector<std::string> base_lines,
                   base_plan_lines(ctx, loaded.config, recorded, args.provision));
  if (args.json) {
    nlohmann::ordered_json json = plan::to_json(plan);
    if (loaded.config.base) json["base"] = base_lines;
    ctx.out->print(json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
                   "\n");
  } else {
    for (const std::string& line : base_lines) ctx.out->print(line + "\n");
    // A base-only file (jrun start --base) has no jails to report.
    if (!loaded.config.base || !loaded.config.jails.empty()) {
      ctx.out->print(plan::render_text(plan));
    }
  }
  if (args.scripts && !plan.nothing_to_do()) {
    TRY(print_scripts(ctx, args, plan, loaded.config, recorded));
  }
  return 0;
}

}  // namespace jrun::cli
