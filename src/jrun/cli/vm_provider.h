#pragma once
// The vm provider's composition: the QEMU instance under $JRUN_HOME/vm, its files (disk, key,
// seed), starting it with progress messages, and the jail host inside it (the guest's driver
// over ssh, selected by `uname -s`).

#include <memory>
#include <optional>

#include "jrun/cli/commands.h"
#include "jrun/cli/provider.h"
#include "jrun/host/transport/ssh_transport.h"
#include "jrun/model/config.h"
#include "jrun/ui/status_view.h"
#include "jrun/vm/instance.h"

namespace jrun::cli {

/// The instance of this JRUN_HOME with the settings' VM configuration.
std::unique_ptr<vm::Instance> make_instance(const Context& ctx, host::ProcessRunner& runner);

/// What `start` does: prepare disk/key/seed on first use, launch QEMU with the shares and
/// forwards of the recorded jails (plus `extra_shares`), wait for ssh. Prints progress.
/// Already running → nothing (returns false).
Result<bool> start_vm(const Context& ctx, vm::Instance& instance, host::ProcessRunner& runner,
                      vm::Mode mode, const std::vector<vm::Share>& extra_shares);

/// The ssh transport to the running VM.
std::unique_ptr<host::SshTransport> vm_transport(vm::Instance& instance,
                                                 host::ProcessRunner& runner);

/// The VM as `jrun status` shows it; `guest_figures` adds disk and memory (one ssh round trip).
vm::VmStatus vm_status(Context& ctx, bool guest_figures);

/// `status` as the ui shows it and `status --json` prints it (pure).
ui::VmView vm_view(const vm::VmStatus& status);

/// Disk and memory of the guest (bytes; 0 = unknown) into `view`.
void add_guest_figures(ui::VmView& view, std::uint64_t disk_total, std::uint64_t disk_free,
                       std::uint64_t mem_total, std::uint64_t mem_available);

/// The VM of the vm provider as `jrun status` shows it, from the local pidfile and record only
/// (no round trip: the guest's disk and memory come with the jail host's status, see
/// add_guest_figures); nullopt on the local provider.
std::optional<ui::VmView> vm_view(Context& ctx);

/// The 9p shares `config` needs that the running VM was not started with (each one means a
/// VM restart); empty when the VM is stopped (its next start includes them).
std::vector<vm::Share> vm_restart_shares(const Context& ctx, const model::Config& config);

/// Before `up` on the vm provider: boots a stopped VM with the config's shares, or restarts a
/// running one that lacks some (asking first, or `yes`).
Status ensure_vm_for(Context& ctx, const model::Config& config, bool yes);

/// The vm provider's jail host; starts the VM first when `start_if_needed` (up), else a
/// stopped VM is an error telling to run `jrun start`.
Result<Provider> make_vm_provider(const Context& ctx, bool start_if_needed);

}  // namespace jrun::cli
