#pragma once
// Pieces shared by the linux driver's operation scripts (internal to host/linux).

#include <string>
#include <string_view>

#include "jrun/host/linux/layout.h"

namespace jrun::host::linux_driver {

/// Optional variables of jail_vars (a script assigns only what it uses).
enum JailVar : unsigned {
  kVarNetns = 1,   ///< NS: the jail's net namespace
  kVarCgroup = 2,  ///< CGP: the parent cgroup
  kVarMounts = 4,  ///< P: staging dir on the host, S: staging path inside the jail
  kVarRoot = 8,    ///< R: the jail's merged root on the host
};

/// Assignments of DATA, N, D (jail dir) for jail `name`, plus the `extra` JailVars.
std::string jail_vars(const std::string& name, const LinuxLayout& layout, unsigned extra);

/// Shell functions: jrun_alive PID (exists, not a zombie), jrun_is_init PID (it is a jail init:
/// tini running monit), jrun_init_pid (sets $pid to the running init of $D, or empty).
std::string process_functions();

/// Tears down the jail of jail_vars (expects process, cgroup functions and `die`). When the
/// script has set KEEP non-empty, the jail's writes stay: `upper`, `made-from`, `snapshots` and
/// the start scripts (the jail is started again over them).
std::string destroy_body(const std::string& name, const LinuxLayout& layout);

/// The exact command line prefix of a jail init (as /proc/PID/cmdline with NULs as spaces).
inline constexpr std::string_view kInitCmdline = "/usr/bin/tini -s -- /usr/bin/monit -I";

}  // namespace jrun::host::linux_driver
