// The vm provider's parts of ssh, purge and status.

#include <filesystem>

#include "jrun/cli/commands.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/vm_provider.h"
#include "jrun/host/process_runner_posix.h"

namespace jrun::cli {
namespace {

std::string gib(std::uint64_t bytes) {
  const double g = static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f GB", g);
  return buf;
}

std::string duration(std::int64_t s) {
  if (s < 60) return std::to_string(s) + "s";
  if (s < 3600) return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
  return std::to_string(s / 3600) + "h" + std::to_string((s % 3600) / 60) + "m";
}

}  // namespace

Result<int> cmd_ssh_vm(Context& ctx) {
  host::PosixProcessRunner runner(&interrupt_flag());
  auto instance = make_instance(ctx, runner);
  if (instance->running_pid() == 0) {
    return make_error(ErrorCode::kRuntime, "the VM is not running: run `jrun start` first");
  }
  return vm_transport(*instance, runner)->run_as_user({}, true);
}

Status purge_vm(Context& ctx) {
  host::PosixProcessRunner runner(&interrupt_flag());
  auto instance = make_instance(ctx, runner);
  if (instance->running_pid() != 0) {
    vm_transport(*instance, runner)->close_master();
    ASSIGN_OR_RETURN(std::string how, instance->stop());
    ctx.out->info("VM stopped (" + how + ").");
  }
  const vm::InstancePaths& p = instance->paths();
  for (const std::string& path : {p.disk(), p.seed(), p.record(), p.serial_log(), p.efi_vars(),
                                  p.ssh_dir(), p.dir + "/seed"}) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    std::filesystem::remove_all(path, ec);
    if (ec) return make_error(ErrorCode::kRuntime, "cannot remove " + path + ": " + ec.message());
    ctx.out->info("Removed " + std::filesystem::path(path).filename().string());
  }
  return {};
}

vm::VmStatus vm_status(Context& ctx, bool guest_figures) {
  host::PosixProcessRunner runner(&interrupt_flag());
  auto instance = make_instance(ctx, runner);
  vm::VmStatus s = instance->status();
  if (s.running && guest_figures) {
    auto r = vm_transport(*instance, runner)->run_user_command(vm::guest_figures_script());
    if (r && r->exit_code == 0) vm::parse_guest_figures(r->out, s);
  }
  return s;
}

std::string vm_status_header(Context& ctx) {
  if (ctx.settings.provider != "vm") return "";
  const vm::VmStatus s = vm_status(ctx, true);
  if (!s.running) return "● VM  not running\n";
  std::string text = "● VM  running  on " + s.ssh_endpoint + "  (pid " + std::to_string(s.pid) +
                     ")  uptime " + duration(s.uptime_s);
  if (s.disk_total) text += "  disk " + gib(s.disk_free) + " free of " + gib(s.disk_total);
  if (s.mem_total) text += "  memory " + gib(s.mem_available) + " free of " + gib(s.mem_total);
  return text + "\n";
}

}  // namespace jrun::cli
