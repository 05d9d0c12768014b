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

ui::VmView vm_view(const vm::VmStatus& s) {
  ui::VmView v;
  v.state = s.running ? "running" : "stopped";
  if (!s.running) return v;
  v.pid = s.pid;
  v.ssh = s.ssh_endpoint;
  v.accel = s.mode;
  v.uptime = duration(s.uptime_s);
  v.uptime_seconds = static_cast<long>(s.uptime_s);
  add_guest_figures(v, s.disk_total, s.disk_free, s.mem_total, s.mem_available);
  return v;
}

void add_guest_figures(ui::VmView& v, std::uint64_t disk_total, std::uint64_t disk_free,
                       std::uint64_t mem_total, std::uint64_t mem_available) {
  if (disk_total != 0) {
    v.disk = gib(disk_free) + " free of " + gib(disk_total);
    v.disk_total_bytes = static_cast<double>(disk_total);
    v.disk_free_bytes = static_cast<double>(disk_free);
  }
  if (mem_total != 0) {
    v.memory = mem_available != 0 ? gib(mem_available) + " available of " + gib(mem_total)
                                  : gib(mem_total) + " total";
    v.memory_total_bytes = static_cast<double>(mem_total);
    if (mem_available != 0) v.memory_available_bytes = static_cast<double>(mem_available);
  }
}

std::optional<ui::VmView> vm_view(Context& ctx) {
  if (ctx.settings.provider != "vm") return std::nullopt;
  return vm_view(vm_status(ctx, false));
}

}  // namespace jrun::cli
