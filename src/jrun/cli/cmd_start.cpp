// jrun start / stop: the VM's lifecycle (vm provider).

#include "jrun/cli/base_config.h"
#include "jrun/cli/commands.h"
#include "jrun/cli/session.h"
#include "jrun/cli/vm_provider.h"
#include "jrun/host/process_runner_posix.h"

namespace jrun::cli {
namespace {

Status require_vm_provider(const Context& ctx, const std::string& command) {
  if (ctx.settings.provider == "vm") return {};
  return make_error(ErrorCode::kUsage, "`jrun " + command +
                                           "` manages the VM; this jrun uses the " +
                                           ctx.settings.provider + " provider (JRUN_PROVIDER)");
}

}  // namespace

Result<int> cmd_start(Context& ctx, const StartArgs& args) {
  TRY(require_vm_provider(ctx, "start"));
  return start_with_base(ctx, args);
}

Result<int> cmd_stop(Context& ctx, const StopArgs& args) {
  TRY(require_vm_provider(ctx, "stop"));
  host::PosixProcessRunner runner(&interrupt_flag());
  auto instance = make_instance(ctx, runner);
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::StateLock lock, take_lock(ctx, store));
  const int pid = instance->running_pid();
  if (pid == 0) {
    ctx.out->warning("VM is not running.");
    return 0;
  }
  ASSIGN_OR_RETURN(bool go, confirm(ctx, "This will stop the VM. Continue?", args.yes));
  if (!go) {
    ctx.out->warning("Aborted.");
    return 0;
  }
  ctx.out->info("Stopping VM (pid " + std::to_string(pid) + ")…");
  vm_transport(*instance, runner)->close_master();
  ASSIGN_OR_RETURN(std::string how, instance->stop());
  if (how == "powered off") {
    ctx.out->success("VM stopped (powered off).");
  } else {
    ctx.out->warning("VM stopped: " + how + ".");
  }
  return 0;
}

}  // namespace jrun::cli
