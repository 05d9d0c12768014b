#pragma once
// The composition of a jail host: which provider, transport and driver a command talks to.
// The only place that names concrete host adapters.

#include <atomic>
#include <memory>

#include "jrun/cli/commands.h"
#include "jrun/host/freebsd/layout.h"
#include "jrun/host/jail_host.h"
#include "jrun/host/linux/layout.h"
#include "jrun/host/process.h"
#include "jrun/host/transport.h"
#include "jrun/vm/instance.h"

namespace jrun::cli {

/// A jail host with the runner and transport it is built on (they must outlive it).
struct Provider {
  std::unique_ptr<host::ProcessRunner> runner;
  std::unique_ptr<host::Transport> transport;
  std::unique_ptr<vm::Instance> vm;        ///< vm provider: the QEMU instance
  std::unique_ptr<host::JailHost> driver;  ///< vm provider: the guest's driver `host` wraps
  std::unique_ptr<host::JailHost> host;
};

/// Set by the SIGINT/SIGTERM handler of cli::run; polled by the process runner and the engine.
std::atomic<bool>& interrupt_flag();

/// The linux driver's layout from settings (data under $JRUN_HOME/linux, JRUN_BRIDGE).
host::linux_driver::LinuxLayout linux_layout(const Settings& settings);
/// The freebsd driver's layout from settings (JRUN_HOST_ROOT; JRUN_BRIDGE when it is bridgeN).
host::freebsd_driver::FreeBsdLayout freebsd_layout(const Settings& settings);
/// The same for this machine as a FreeBSD host (local provider): not jrun's own machine, its
/// uplink, pool and resolvers from JRUN_FREEBSD_* or detected, `up --without-limits`.
host::freebsd_driver::FreeBsdLayout freebsd_host_layout(const Settings& settings);

/// The jail host of `ctx.settings.provider`. `local` with JRUN_DRIVER=freebsd (the default on
/// FreeBSD): the freebsd driver over the local transport (needs root). `local` on Linux: the linux
/// driver over the local transport (needs root) with its data under $JRUN_HOME/linux; kRuntime
/// when not root. `vm`: the guest's driver over ssh in the running VM (jrun start);
/// `start_if_needed` boots a stopped VM first, otherwise a stopped VM is an error.
Result<Provider> make_provider(const Context& ctx, bool start_if_needed = false);

}  // namespace jrun::cli
