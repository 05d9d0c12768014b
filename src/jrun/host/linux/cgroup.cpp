#include "jrun/host/linux/cgroup.h"

#include <cmath>
#include <cstdint>

#include "jrun/host/linux/script_text.h"

namespace jrun::host::linux_driver {
namespace {

constexpr std::uint64_t kCpuPeriodUs = 100000;

constexpr std::string_view kFunctions = R"sh(CGR=/sys/fs/cgroup
jrun_cgroup_v2() { [ -f "$CGR/cgroup.controllers" ]; }
jrun_cgroup_dirs() {
  if jrun_cgroup_v2; then
    printf '%s\n' "$CGR/$CGP/$N"
  else
    for c in memory cpu pids; do
      if [ -d "$CGR/$c" ]; then printf '%s\n' "$CGR/$c/$CGP/$N"; fi
    done
  fi
}
jrun_cgroup_create() {
  if jrun_cgroup_v2; then
    mkdir -p "$CGR/$CGP"
    for c in cpu memory pids; do
      echo "+$c" > "$CGR/cgroup.subtree_control" 2>/dev/null || true
      echo "+$c" > "$CGR/$CGP/cgroup.subtree_control" 2>/dev/null || true
    done
  fi
  : > "$D/cgroups"
  for g in $(jrun_cgroup_dirs); do
    mkdir -p "$g"
    printf '%s\n' "$g/cgroup.procs" >> "$D/cgroups"
  done
}
# jrun_cgroup_set FILE VALUE: a limit that is not "max" must land; "max" may lack its file.
jrun_cgroup_set() {
  if [ -e "$1" ]; then
    echo "$2" > "$1" || die "cannot set $1 to $2"
  elif [ "$2" != max ] && [ "$2" != -1 ]; then
    die "cgroup file $1 is missing: cannot limit jail '$N' (is the controller enabled?)"
  fi
}
jrun_cgroup_limits() {
  if jrun_cgroup_v2; then
    g="$CGR/$CGP/$N"
    jrun_cgroup_set "$g/cpu.max" "$CPU_QUOTA $CPU_PERIOD"
    jrun_cgroup_set "$g/memory.max" "$MEM_MAX"
    jrun_cgroup_set "$g/pids.max" "$PIDS_MAX"
  else
    q=$CPU_QUOTA; m=$MEM_MAX
    if [ "$q" = max ]; then q=-1; fi
    if [ "$m" = max ]; then m=-1; fi
    jrun_cgroup_set "$CGR/cpu/$CGP/$N/cpu.cfs_period_us" "$CPU_PERIOD"
    jrun_cgroup_set "$CGR/cpu/$CGP/$N/cpu.cfs_quota_us" "$q"
    jrun_cgroup_set "$CGR/memory/$CGP/$N/memory.limit_in_bytes" "$m"
    jrun_cgroup_set "$CGR/pids/$CGP/$N/pids.max" "$PIDS_MAX"
  fi
}
jrun_cgroup_remove() {
  for g in $(jrun_cgroup_dirs); do
    if [ ! -d "$g" ]; then continue; fi
    i=0
    while ! find "$g" -depth -type d -exec rmdir {} + 2>/dev/null; do
      find "$g" -name cgroup.procs -exec cat {} + 2>/dev/null | while read -r p; do
        kill -KILL "$p" 2>/dev/null || true
      done
      i=$((i + 1))
      if [ "$i" -ge 100 ]; then die "cannot remove cgroup $g"; fi
      sleep 0.05
    done
  done
}
)sh";

}  // namespace

std::string cgroup_functions() { return std::string(kFunctions); }

std::string cgroup_limit_values(const model::Limits& limits) {
  std::string out;
  if (limits.cpu) {
    const double quota = std::round(*limits.cpu * static_cast<double>(kCpuPeriodUs));
    const auto us = static_cast<std::uint64_t>(quota < 1000 ? 1000 : quota);
    out += assign("CPU_QUOTA", std::to_string(us));
  } else {
    out += assign("CPU_QUOTA", "max");
  }
  out += assign("CPU_PERIOD", std::to_string(kCpuPeriodUs));
  out += assign("MEM_MAX", limits.memory ? std::to_string(*limits.memory) : "max");
  out += assign("PIDS_MAX", limits.processes ? std::to_string(*limits.processes) : "max");
  return out;
}

}  // namespace jrun::host::linux_driver
