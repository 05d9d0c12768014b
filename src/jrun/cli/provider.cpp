#include "jrun/cli/provider.h"

#include <unistd.h>

#include "jrun/cli/trace.h"
#include "jrun/cli/vm_provider.h"
#include "jrun/host/freebsd/freebsd_driver.h"
#include "jrun/host/linux/linux_driver.h"
#include "jrun/host/process_runner_posix.h"
#include "jrun/host/transport/local_transport.h"
#include "jrun/host/transport/timed_transport.h"

namespace jrun::cli {
namespace {

/// With JRUN_TRACE, every script's wall time goes to the trace.
std::unique_ptr<host::Transport> traced(std::unique_ptr<host::Transport> transport) {
  if (!trace().enabled()) return transport;
  return std::make_unique<host::TimedTransport>(
      std::move(transport),
      [](const std::string& what, std::chrono::nanoseconds took) { trace().note(what, took); });
}

}  // namespace

/// Names of host-wide objects: JRUN_BRIDGE also names the nftables table, the cgroup and the
/// net namespace prefix, so two jrun homes with different bridges never share anything.
host::linux_driver::LinuxLayout linux_layout(const Settings& settings) {
  host::linux_driver::LinuxLayout layout;
  layout.data_dir = settings.home + "/linux";
  if (!settings.bridge.empty()) {
    layout.bridge = settings.bridge;
    layout.nft_table = settings.bridge;
    layout.cgroup = settings.bridge;
    layout.netns_prefix = settings.bridge + "-";
  }
  return layout;
}

host::freebsd_driver::FreeBsdLayout freebsd_layout(const Settings& settings) {
  host::freebsd_driver::FreeBsdLayout layout;
  layout.root = settings.host_root;
  // if_bridge(4) interfaces are created by the cloner name: only bridgeN can be made.
  if (settings.bridge.rfind("bridge", 0) == 0) layout.bridge = settings.bridge;
  return layout;
}

host::freebsd_driver::FreeBsdLayout freebsd_host_layout(const Settings& settings) {
  host::freebsd_driver::FreeBsdLayout layout = freebsd_layout(settings);
  layout.owns_host = false;
  layout.ext_if = settings.freebsd_uplink;
  layout.zpool = settings.freebsd_zpool;
  layout.upstream_dns = settings.freebsd_dns;
  layout.without_limits = settings.without_limits;
  return layout;
}

std::atomic<bool>& interrupt_flag() {
  static std::atomic<bool> flag{false};
  return flag;
}

Result<Provider> make_provider(const Context& ctx, bool start_if_needed) {
  if (ctx.settings.provider == "vm") return make_vm_provider(ctx, start_if_needed);
  if (ctx.settings.driver == "freebsd") {
    // Its scripts write /etc/pf.conf, /etc/resolv.conf, ...: only a FreeBSD host, or a separate
    // root (tests with fake FreeBSD commands), may receive them.
    if (ctx.host_os != "FreeBSD" && ctx.settings.host_root.empty()) {
      return make_error(
          ErrorCode::kUsage,
          "JRUN_DRIVER=freebsd with the local provider needs a FreeBSD host (this is " +
              ctx.host_os + "); set JRUN_HOST_ROOT to run it against another root");
    }
    if (::geteuid() != 0) {
      return make_error(ErrorCode::kRuntime,
                        "the freebsd driver manages jails, ZFS and pf and needs root: run jrun as "
                        "root (sudo)");
    }
    Provider p;
    p.runner = std::make_unique<host::PosixProcessRunner>(&interrupt_flag());
    p.transport = traced(std::make_unique<host::LocalTransport>(*p.runner));
    p.host = std::make_unique<host::freebsd_driver::FreeBsdDriver>(
        *p.transport, freebsd_host_layout(ctx.settings));
    return p;
  }
  if (ctx.host_os != "Linux") {
    return make_error(ErrorCode::kNotAvailable, "the local provider is not available yet on " +
                                                    ctx.host_os + " in this build (Linux only)");
  }
  if (::geteuid() != 0) {
    return make_error(ErrorCode::kRuntime,
                      "the local provider runs Linux jails with namespaces and needs root: run "
                      "jrun as root (sudo)");
  }
  Provider p;
  p.runner = std::make_unique<host::PosixProcessRunner>(&interrupt_flag());
  p.transport = traced(std::make_unique<host::LocalTransport>(*p.runner));
  p.host =
      std::make_unique<host::linux_driver::LinuxDriver>(*p.transport, linux_layout(ctx.settings));
  return p;
}

}  // namespace jrun::cli
