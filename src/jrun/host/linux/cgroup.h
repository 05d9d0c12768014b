#pragma once
// Cgroups of linux jails: group <layout.cgroup>/<jail> in the unified hierarchy (cgroup v2) or
// in each of the memory, cpu and pids v1 controllers. The jail's starter process joins the group
// before it execs unshare, so every process of the jail is in it from the start.

#include <string>

#include "jrun/model/config.h"

namespace jrun::host::linux_driver {

/// Shell functions (expect $CGP = parent group name, $N = jail, $D = jail dir, `die`):
/// jrun_cgroup_dirs (the jail's group dirs, one a line), jrun_cgroup_create (creates them and
/// writes their cgroup.procs paths to $D/cgroups), jrun_cgroup_limits (writes $CPU_QUOTA,
/// $CPU_PERIOD, $MEM_MAX, $PIDS_MAX; "max" = unlimited), jrun_cgroup_remove (kills what is
/// left in the groups and removes them; missing groups are fine).
std::string cgroup_functions();

/// Assignments of CPU_QUOTA, CPU_PERIOD, MEM_MAX and PIDS_MAX for `limits`.
std::string cgroup_limit_values(const model::Limits& limits);

}  // namespace jrun::host::linux_driver
