#include "jrun/host/linux/runtime_parts.h"

#include "jrun/host/linux/network.h"
#include "jrun/host/linux/script_text.h"
#include "jrun/host/linux/services.h"

namespace jrun::host::linux_driver {
namespace {

// Builtins only where these run in polling loops or once per jail: a fork costs more than the
// check. The state letter follows the last ") " of /proc/PID/stat (the command name may hold
// anything). dash's read drops the NULs of /proc/PID/cmdline; a shell whose read stops at the
// first NUL falls back to tr.
constexpr std::string_view kProcessFunctions = R"sh(jrun_alive() {
  [ -e "/proc/$1" ] || return 1
  st=
  { read -r st < "/proc/$1/stat"; } 2>/dev/null || :
  st=${st##*) }
  [ "${st%% *}" != Z ]
}
jrun_is_init() {
  case $1 in '' | *[!0-9]*) return 1 ;; esac
  c=
  { IFS= read -r c < "/proc/$1/cmdline"; } 2>/dev/null || :
  case $c in "/usr/bin/tini-s--/usr/bin/monit-I"*) return 0 ;; esac
  c=$( { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null) || return 1
  case $c in "/usr/bin/tini -s -- /usr/bin/monit -I"*) return 0 ;; esac
  return 1
}
jrun_init_pid() {
  pid=
  if [ -s "$D/pid" ]; then { read -r pid < "$D/pid"; } 2>/dev/null || :; fi
  if ! jrun_is_init "$pid"; then pid=; fi
}
jrun_mounts_under() {
  JRUN_UNDER=$1 awk '{ u = ENVIRON["JRUN_UNDER"]; if ($5 == u || index($5, u "/") == 1) print $5 }' \
    /proc/self/mountinfo
}
)sh";

// Services are stopped through their wrappers (bounded); then the init (tini) gets TERM, then
// KILL. The jail's PID namespace dies with its init, taking every process with it.
constexpr std::string_view kKill = R"sh(  kill -TERM "$pid" 2>/dev/null || true
  i=0
  while jrun_alive "$pid" && [ "$i" -lt 30 ]; do
    sleep 0.1
    i=$((i + 1))
  done
  kill -KILL "$pid" 2>/dev/null || true
  i=0
  while jrun_alive "$pid" && [ "$i" -lt 50 ]; do
    sleep 0.1
    i=$((i + 1))
  done
)sh";

// Deepest mounts first; the jail dir is removed only when nothing is mounted under it any more
// (a bound host directory must never be reached by rm -rf). With KEEP set the jail's writes
// survive: everything in the jail dir goes except the overlay upper, the record of what it was
// made from, its snapshots and the scripts that start it again (snapshots.h).
constexpr std::string_view kRemove = R"sh(i=0
while [ -n "$(jrun_mounts_under "$D")" ]; do
  jrun_mounts_under "$D" | sort -r | while IFS= read -r m; do
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
  done
  i=$((i + 1))
  if [ "$i" -ge 5 ]; then die "cannot unmount $(jrun_mounts_under "$D" | head -n 1)"; fi
done
if [ -n "${KEEP:-}" ]; then
  find "$D" -mindepth 1 -maxdepth 1 ! -name upper ! -name made-from ! -name snapshots \
    ! -name start.sh ! -name reapply.sh -exec rm -rf {} +
else
  rm -rf "$D"
fi
)sh";

}  // namespace

std::string jail_vars(const std::string& name, const LinuxLayout& layout, unsigned extra) {
  std::string out = assign("DATA", layout.data_dir) + assign("N", name);
  if ((extra & kVarNetns) != 0) out += assign("NS", netns_name(name, layout));
  if ((extra & kVarCgroup) != 0) out += assign("CGP", layout.cgroup);
  if ((extra & kVarMounts) != 0) out += assign("S", kJailStagingPath);
  out += "D=\"$DATA/jails/$N\"\n";
  if ((extra & kVarRoot) != 0) out += "R=\"$D/root\"\n";
  if ((extra & kVarMounts) != 0) out += "P=\"$D/propagate\"\n";
  return out;
}

std::string process_functions() { return std::string(kProcessFunctions); }

std::string destroy_body(const std::string& name, const LinuxLayout& layout) {
  std::string out =
      "# destroy jail '" + name + "' (whatever of it exists; its writes stay if KEEP)\n";
  out += "jrun_init_pid\nif [ -n \"$pid\" ]; then\n";
  out += services_stop_snippet();
  out += kKill;
  out += "fi\njrun_cgroup_remove\n";
  out += subshell(network_jail_down_script(name, layout));
  out += kRemove;
  return out;
}

}  // namespace jrun::host::linux_driver
