// jrun status [JAIL] [--show ip|services|all] [--tree] [--live [--interval S]] [--json]:
// recorded jails as the jail host sees them, gathered in one round trip.

#include <algorithm>
#include <chrono>
#include <thread>

#include "jrun/base/strings.h"
#include "jrun/cli/commands.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/status_data.h"
#include "jrun/cli/vm_provider.h"
#include "jrun/state/store.h"
#include "jrun/sys/environment.h"
#include "jrun/ui/live.h"
#include "jrun/ui/terminal.h"

namespace jrun::cli {
namespace {

ui::ShowColumns show_columns(const StatusArgs& args) {
  ui::ShowColumns show;
  for (const std::string& s : args.show) {
    show.ip = show.ip || s == "ip" || s == "all";
    show.services = show.services || s == "services" || s == "all";
  }
  return show;
}

std::string host_label(const Context& ctx, const host::JailHost& host) {
  return ctx.settings.provider + " (" + host.driver() + ")";
}

// Services are asked only when shown: the one jail, --show services, or --json.
std::vector<std::string> jails_to_query(const state::State& state, const StatusArgs& args) {
  const bool services = args.json || !args.jail.empty() || show_columns(args).services;
  std::vector<std::string> out;
  if (!services) return out;
  for (const auto& [name, record] : state.jails) {
    if (args.jail.empty() || name == args.jail) out.push_back(name);
  }
  return out;
}

// Sleeps up to `duration`, waking early on Ctrl-C; false when interrupted.
bool pause(std::chrono::milliseconds duration) {
  const auto end = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < end) {
    if (interrupt_flag().load()) return false;
    std::this_thread::sleep_for(std::min(std::chrono::milliseconds(100),
                                         std::chrono::duration_cast<std::chrono::milliseconds>(
                                             end - std::chrono::steady_clock::now())));
  }
  return !interrupt_flag().load();
}

// Redraws every second, samples every `interval`; Ctrl-C ends it and LiveScreen restores the
// terminal. Without a terminal each new sample is printed once.
Result<int> run_live(Context& ctx, const StatusArgs& args, const state::State& state,
                     host::JailHost& host) {
  const bool tty = sys::is_terminal(1);
  const auto interval = std::chrono::milliseconds(static_cast<long>(args.interval * 1000));
  ui::LiveModel model;
  std::optional<ui::LiveScreen> screen(std::in_place, tty);
  auto next_sample = std::chrono::steady_clock::now();
  while (!interrupt_flag().load()) {
    bool fresh = false;
    if (std::chrono::steady_clock::now() >= next_sample) {
      // One jail's services only (no probe of every jail): the cheapest round trip. A jail
      // that stopped shows as down with no services.
      auto services = host.services(args.jail);
      if (interrupt_flag().load()) break;
      host::HostStatus status;
      status.probe.jails[args.jail] = {true, services.has_value()};
      if (services) status.services[args.jail] = std::move(*services);
      ui::StatusView view = status_view(state, status, args.jail, host_label(ctx, host));
      if (!view.jails.empty()) model.add_sample(view.jails.front());
      next_sample += interval;
      fresh = true;
    }
    if (tty || fresh) {
      screen->draw(
          ui::render_live_frame(model, args.tree, args.interval, ui::detect_style(1, ctx.env)));
    }
    if (!pause(std::chrono::milliseconds(1000))) break;
  }
  screen.reset();
  ctx.out->print("  Stopped.\n");
  return 0;
}

Status check_args(const StatusArgs& args, const state::State& state) {
  if (args.live && args.jail.empty()) {
    return make_error(ErrorCode::kUsage, "--live needs a jail: jrun status JAIL --live");
  }
  if (args.live && args.json)
    return make_error(ErrorCode::kUsage, "--live and --json exclude each other");
  if (args.interval < 0.5)
    return make_error(ErrorCode::kUsage, "--interval must be at least 0.5 s");
  if (!args.jail.empty() && state.jails.count(args.jail) == 0) {
    return make_error(ErrorCode::kUsage, "no jail named '" + args.jail + "' (see `jrun status`)");
  }
  return {};
}

/// Jails on the host that the state lacks (state.json lost): say how to take them back or
/// remove them.
void advise_unmanaged(Context& ctx, const ui::StatusView& view) {
  std::vector<std::string> names;
  for (const ui::JailView& jail : view.jails) {
    if (!jail.managed) names.push_back(jail.name);
  }
  if (names.empty()) return;
  ctx.out->warning("unmanaged: " + join(names, ", ") +
                   " (on the host, not in jrun's state). `jrun up CONFIG` adopts those in the "
                   "config by creating them again with the address they hold; `jrun down " +
                   names.front() + "` or `jrun up CONFIG --prune` removes them.");
}

}  // namespace

Result<int> cmd_status(Context& ctx, const StatusArgs& args) {
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::State state, store.load_unlocked());
  TRY(check_args(args, state));
  const ui::Style style = ui::detect_style(1, ctx.env);
  std::optional<ui::VmView> vm = vm_view(ctx);
  if (vm && vm->state != "running") {
    ui::StatusView stopped;
    stopped.vm = vm;
    ctx.out->print(args.json ? status_json(stopped, state, ctx.settings.provider).dump(2) + "\n"
                             : ui::render_vm_header(vm, "", style));
    return 0;
  }
  ASSIGN_OR_RETURN(Provider provider, make_provider(ctx));
  if (args.live) {
    if (vm) ctx.out->print(ui::render_vm_header(vm, "", style));
    return run_live(ctx, args, state, *provider.host);
  }
  // One round trip: jails, services and the guest's disk and memory.
  ASSIGN_OR_RETURN(host::HostStatus status, provider.host->status(jails_to_query(state, args)));
  ui::StatusView view = status_view(state, status, args.jail, host_label(ctx, *provider.host));
  if (vm) {
    add_guest_figures(*vm, status.disk_total, status.disk_free, status.memory_total,
                      status.memory_available);
  }
  view.vm = vm;
  if (args.json) {
    ctx.out->print(status_json(view, state, ctx.settings.provider).dump(2) + "\n");
    return 0;
  }
  if (view.jails.empty() && !args.tree) {
    if (vm) ctx.out->print(ui::render_vm_header(vm, "", style));
    ctx.out->info("No jails. Create some with `jrun up CONFIG`.");
    return 0;
  }
  if (!args.jail.empty()) {
    // The overview and its tree carry the VM header; the detail gets it here.
    if (vm) ctx.out->print(ui::render_vm_header(vm, "", style) + "\n");
    const ui::JailView& jail = view.jails.front();
    ctx.out->print(args.tree ? ui::render_jail_tree(jail, style)
                             : ui::render_jail_detail(jail, style));
    return 0;
  }
  ctx.out->print(args.tree ? ui::render_status_tree(view, show_columns(args), style)
                           : ui::render_status_table(view, show_columns(args), style));
  advise_unmanaged(ctx, view);
  return 0;
}

}  // namespace jrun::cli
