#include "jrun/cli/vm_provider.h"

#include <sys/utsname.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "jrun/base/strings.h"
#include "jrun/cli/base_config.h"
#include "jrun/cli/session.h"
#include "jrun/cli/vm_files.h"
#include "jrun/host/freebsd/freebsd_driver.h"
#include "jrun/host/linux/linux_driver.h"
#include "jrun/host/process_runner_posix.h"
#include "jrun/state/store.h"
#include "jrun/sys/real_filesystem.h"
#include "jrun/vm/firmware.h"
#include "jrun/vm/os.h"
#include "jrun/vm/vm_host.h"

namespace jrun::cli {
namespace {

namespace fs = std::filesystem;

/// Where the linux driver keeps its data inside a Linux guest.
constexpr const char* kGuestDataDir = "/var/lib/jrun";

vm::HostFacts host_facts(const Context& ctx) {
  vm::HostFacts facts;
  facts.os = ctx.host_os;
  utsname u{};
  if (::uname(&u) == 0) {
    const std::string machine = u.machine;
    facts.arch = machine == "arm64" || machine == "aarch64" ? "aarch64" : "x86_64";
  }
  facts.kvm = ctx.host_os == "Linux" && vm::os::kvm_usable();
  facts.hvf = ctx.host_os == "Darwin";
  return facts;
}

vm::FirmwareQuery firmware_query(const Context& ctx, const vm::HostFacts& facts) {
  vm::FirmwareQuery q;
  q.os = ctx.host_os;
  q.arch = facts.arch;
  if (auto it = ctx.env.find("JRUN_QEMU_BIOS"); it != ctx.env.end()) q.override_path = it->second;
  return q;
}

/// Shares of every recorded jail's mounts: a restarted VM must serve the jails it already has.
Result<std::vector<vm::Share>> recorded_shares(const Context& ctx) {
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::State state, store.load_unlocked());
  std::vector<std::string> paths;
  for (const auto& [name, record] : state.jails) {
    auto m = record.spec.find("mounts");
    if (m == record.spec.end() || !m->is_object()) continue;
    for (const auto& [mount, item] : m->items()) paths.push_back(item.value("host", ""));
  }
  // The recorded base config's mounts (jrun start --base) come back with the VM too.
  ASSIGN_OR_RETURN(vm::BaseWiring base, recorded_base_wiring(state));
  for (const vm::BaseMountPoint& m : base.mounts) paths.push_back(m.share.host_path);
  std::sort(paths.begin(), paths.end());
  paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
  std::vector<vm::Share> shares;
  for (const std::string& p : paths) {
    if (!p.empty()) shares.push_back(vm::share_for(p));
  }
  return shares;
}

std::vector<vm::Share> merged(std::vector<vm::Share> a, const std::vector<vm::Share>& b) {
  for (const vm::Share& s : b) {
    if (std::find(a.begin(), a.end(), s) == a.end()) a.push_back(s);
  }
  std::sort(a.begin(), a.end(),
            [](const vm::Share& x, const vm::Share& y) { return x.host_path < y.host_path; });
  return a;
}

/// `uname -s` of the guest, remembered in the VM record.
Result<std::string> guest_os(vm::Instance& instance, host::SshTransport& ssh) {
  ASSIGN_OR_RETURN(vm::VmRecord record, instance.load_record());
  if (!record.guest_os.empty()) return record.guest_os;
  ASSIGN_OR_RETURN(host::ProcessResult r, ssh.run_user_command("uname -s"));
  if (r.exit_code != 0) {
    return make_error(ErrorCode::kRuntime,
                      "cannot run `uname -s` in the VM: " + std::string(trim(r.err)));
  }
  record.guest_os = std::string(trim(r.out));
  TRY(instance.save_record(record));
  return record.guest_os;
}

// The guest's kern.boottime, which changes when it has rebooted ("" when unreachable).
std::string guest_boottime(host::SshTransport& ssh) {
  auto out = ssh.run_script("sysctl -n kern.boottime\n");
  return out && out->exit_code == 0 ? std::string(trim(out->out)) : "";
}

// Reboots a FreeBSD guest once (its bootstrap set a loader.conf(5) tunable, kern.racct.enable)
// and waits until it answers from a new boot.
Status reboot_guest(Output& out, vm::Instance& instance, host::SshTransport& ssh,
                    const std::string& reason) {
  out.info("Rebooting the VM once: " + reason + " takes effect at boot…");
  const std::string before = guest_boottime(ssh);
  (void)ssh.run_script("shutdown -r now\n");  // the session may end before it answers
  for (int attempt = 0; attempt < 60; ++attempt) {
    ssh.close_master();
    std::this_thread::sleep_for(std::chrono::seconds(2));
    TRY(instance.wait_ready(ssh));
    const std::string now = guest_boottime(ssh);
    if (!now.empty() && now != before) {
      out.success("VM rebooted.");
      return {};
    }
  }
  return make_error(ErrorCode::kRuntime, "the VM did not come back from its reboot");
}

}  // namespace

std::unique_ptr<vm::Instance> make_instance(const Context& ctx, host::ProcessRunner& runner) {
  const VmSettings& s = ctx.settings.vm;
  vm::VmConfig config;
  config.facts = host_facts(ctx);
  config.memory = s.memory;
  config.cpus = s.cpus;
  config.kernel = s.kernel;
  config.initrd = s.initrd;
  config.append = s.append;
  if (s.kernel.empty()) {
    // UEFI boot: found here when present; start_vm reports a missing firmware.
    if (auto fw = vm::find_firmware(sys::RealFileSystem(), firmware_query(ctx, config.facts))) {
      config.firmware_code = fw->code;
      config.firmware_vars_template = fw->vars_template;
    }
  }
  config.ssh_port = static_cast<std::uint16_t>(s.ssh_port);
  config.ready_timeout_s = static_cast<int>(s.ready_timeout);
  config.stop_timeout_s = static_cast<int>(s.stop_timeout);
  return std::make_unique<vm::Instance>(vm::InstancePaths{ctx.settings.home + "/vm"}, config,
                                        runner);
}

std::unique_ptr<host::SshTransport> vm_transport(vm::Instance& instance,
                                                 host::ProcessRunner& runner) {
  auto record = instance.load_record();
  const std::uint16_t port = record ? record->ssh_port : 0;
  return std::make_unique<host::SshTransport>(runner, instance.ssh_target(port));
}

Result<bool> start_vm(const Context& ctx, vm::Instance& instance, host::ProcessRunner& runner,
                      vm::Mode mode, const std::vector<vm::Share>& extra_shares) {
  if (const int pid = instance.running_pid(); pid != 0) {
    ctx.out->warning("VM is already running (pid " + std::to_string(pid) + ").");
    return false;
  }
  const vm::HostFacts facts = host_facts(ctx);
  if (ctx.settings.vm.kernel.empty()) {
    TRY(vm::find_firmware(sys::RealFileSystem(), firmware_query(ctx, facts)));
  }
  TRY(prepare_vm_files(ctx, instance.paths(), runner, facts.arch));
  ASSIGN_OR_RETURN(std::vector<vm::Share> shares, recorded_shares(ctx));
  shares = merged(shares, extra_shares);
  ASSIGN_OR_RETURN(vm::VmRecord old, instance.load_record());
  if (mode != vm::Mode::kServer) {
    ctx.out->info(std::string("Starting VM in ") + (mode == vm::Mode::kTty ? "tty" : "graphic") +
                  " mode (pidfile and QMP kept: other jrun commands see it)…");
  }
  // Live forwards of the previous run come back at boot (the jails that use them come back).
  ASSIGN_OR_RETURN(vm::VmRecord record, instance.launch(mode, old.forwards, shares));
  if (mode != vm::Mode::kServer) return true;
  ctx.out->success("VM started on 127.0.0.1:" + std::to_string(record.ssh_port) + " (pid " +
                   std::to_string(instance.running_pid()) + ").");
  if (old.ssh_port != 0 && old.ssh_port != record.ssh_port) {
    ctx.out->warning("SSH port " + std::to_string(old.ssh_port) + " was busy — using " +
                     std::to_string(record.ssh_port));
  }
  auto ssh = vm_transport(instance, runner);
  ASSIGN_OR_RETURN(std::int64_t waited, instance.wait_ready(*ssh));
  ctx.out->success("Connected (ready after " + std::to_string(waited) + " ms).");
  return true;
}

std::vector<vm::Share> vm_restart_shares(const Context& ctx, const model::Config& config) {
  host::PosixProcessRunner runner(&interrupt_flag());
  auto instance = make_instance(ctx, runner);
  if (instance->running_pid() == 0) return {};
  auto record = instance->load_record();
  if (!record) return {};
  return vm::missing_shares(vm::shares_of(config), record->shares);
}

Status ensure_vm_for(Context& ctx, const model::Config& config, bool yes) {
  host::PosixProcessRunner runner(&interrupt_flag());
  auto instance = make_instance(ctx, runner);
  const std::vector<vm::Share> needed = vm::shares_of(config);
  if (instance->running_pid() == 0) {
    TRY(start_vm(ctx, *instance, runner, vm::Mode::kServer, needed));
    return {};
  }
  ASSIGN_OR_RETURN(vm::VmRecord record, instance->load_record());
  const std::vector<vm::Share> missing = vm::missing_shares(needed, record.shares);
  if (missing.empty()) return {};
  for (const vm::Share& s : missing) {
    ctx.out->warning("new mount " + s.host_path + " is a new 9p share: the VM must restart");
  }
  ASSIGN_OR_RETURN(bool go, confirm(ctx, "Restart the VM now?", yes));
  if (!go) return make_error(ErrorCode::kRuntime, "cancelled; the VM was not restarted");
  ctx.out->info("Restarting the VM for the new share(s)…");
  vm_transport(*instance, runner)->close_master();
  TRY(instance->stop());
  TRY(start_vm(ctx, *instance, runner, vm::Mode::kServer, needed));
  return {};
}

Result<Provider> make_vm_provider(const Context& ctx, bool start_if_needed) {
  Provider p;
  p.runner = std::make_unique<host::PosixProcessRunner>(&interrupt_flag());
  p.vm = make_instance(ctx, *p.runner);
  if (p.vm->running_pid() == 0) {
    if (!start_if_needed) {
      return make_error(ErrorCode::kRuntime, "the VM is not running: run `jrun start` first");
    }
    TRY(start_vm(ctx, *p.vm, *p.runner, vm::Mode::kServer, {}));
  }
  auto ssh = vm_transport(*p.vm, *p.runner);
  ASSIGN_OR_RETURN(std::string os, guest_os(*p.vm, *ssh));
  if (os == "FreeBSD") {
    // The FreeBSD guest's admin becomes root with doas (the seed's doas.conf); mount sources
    // arrive as guest paths of the 9p shares (VmJailHost rewrites them), so no share_root.
    auto record = p.vm->load_record();
    host::SshTarget target = p.vm->ssh_target(record ? record->ssh_port : 0);
    target.become = "doas";
    ssh = std::make_unique<host::SshTransport>(*p.runner, target);
    p.driver = std::make_unique<host::freebsd_driver::FreeBsdDriver>(
        *ssh, host::freebsd_driver::FreeBsdLayout{});
  } else if (os == "Linux") {
    host::linux_driver::LinuxLayout layout;
    layout.data_dir = kGuestDataDir;
    p.driver = std::make_unique<host::linux_driver::LinuxDriver>(*ssh, layout);
  } else {
    return make_error(ErrorCode::kRuntime, "the VM runs '" + os + "': no jrun driver for it");
  }
  auto vm_host = std::make_unique<vm::VmJailHost>(*p.driver, *ssh, *p.vm);
  if (os == "FreeBSD") {
    vm_host->set_reboot(
        [out = ctx.out, vm = p.vm.get(), guest = ssh.get(), driver = p.driver.get()] {
          return reboot_guest(*out, *vm, *guest, driver->pending_reboot());
        });
  }
  // `up` keeps the recorded base forwards live next to the jails' (sync_forwards is exact).
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::State state, store.load_unlocked());
  ASSIGN_OR_RETURN(vm::BaseWiring base, recorded_base_wiring(state));
  vm_host->set_base_forwards(base.forwards);
  p.host = std::move(vm_host);
  p.transport = std::move(ssh);
  return p;
}

}  // namespace jrun::cli
