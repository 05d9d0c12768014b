#include "jrun/host/linux/jail_commands.h"

#include "jrun/base/strings.h"
#include "jrun/host/linux/runtime_parts.h"
#include "jrun/host/linux/script_text.h"
#include "jrun/host/log_text.h"

namespace jrun::host::linux_driver {
namespace {

// $1 = jail dir, the rest = the command. Runs on the jail host (sh -c), so the PID is read there.
constexpr std::string_view kEnter = R"sh(D=$1
shift
jrun_init_pid
if [ -z "$pid" ]; then
  printf 'jrun: jail %s is not running\n' "${D##*/}" >&2
  exit 125
fi
exec nsenter -t "$pid" -a -- /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}" \
  ${NO_COLOR+NO_COLOR=1} PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
)sh";

// Inside a jail: monit's status, then how often each service was started (restarts), counted
// with sh builtins: `status` runs this in every jail at once, and forks are what it costs.
// Then the services whose restart policy gave up (the start wrapper's .gaveup), with why.
constexpr std::string_view kStatusInJail = R"sh(monit -c /etc/monit/monitrc status
for f in /run/jrun/*.starts; do
  [ -f "$f" ] || continue
  b=${f##*/}
  n=0
  while read -r _; do n=$((n + 1)); done <"$f"
  printf 'jrun-starts %s %s\n' "${b%.starts}" "$n"
done
# when each service's process started (field 22 of /proc/PID/stat, in USER_HZ ticks since boot)
# and the uptime of the machine: monit rounds its uptime to minutes
read -r up _ </proc/uptime && printf 'jrun-uptime %s\n' "${up%.*}"
for f in /run/jrun/*.pid; do
  [ -f "$f" ] || continue
  b=${f##*/}
  read -r p <"$f" || continue
  read -r st <"/proc/$p/stat" 2>/dev/null || continue
  # shellcheck disable=SC2086
  set -- ${st##*') '}
  [ "$#" -ge 20 ] || continue
  shift 19
  printf 'jrun-started %s %s\n' "${b%.pid}" "$1"
done
for f in /run/jrun/*.gaveup; do
  [ -f "$f" ] || continue
  b=${f##*/}
  read -r g <"$f" || true
  printf 'jrun-gaveup %s %s\n' "${b%.gaveup}" "$g"
done
)sh";

constexpr std::string_view kLogin =
    "if [ -x /bin/bash ]; then exec /bin/bash -l; fi; exec /bin/sh -l";

std::string enter_prelude() { return process_functions() + std::string(kEnter); }

}  // namespace

std::vector<std::string> enter_argv(const std::string& name, const std::vector<std::string>& argv,
                                    const LinuxLayout& layout) {
  std::vector<std::string> out = {"/bin/sh", "-c", enter_prelude(), "jrun-enter",
                                  layout.jail_dir(name)};
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

std::vector<std::string> login_shell_argv() { return {"/bin/sh", "-c", std::string(kLogin)}; }

std::vector<std::string> jail_logs_argv(const std::string& name, const LogsQuery& query,
                                        const LinuxLayout& layout) {
  return enter_argv(name, logs_sh_argv("/var/log/jrun", query), layout);
}

std::string services_script(const std::string& name, const LinuxLayout& layout) {
  std::string out = script_header("services of jail '" + name + "'");
  out += jail_vars(name, layout, 0);
  out += "JRUN_STATUS_SH=" + shell_quote(kStatusInJail) + "\n";
  out += process_functions();
  out += R"sh(jrun_init_pid
[ -n "$pid" ] || die "jail '$N' is not running"
nsenter -t "$pid" -a -- /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  /bin/sh -c "$JRUN_STATUS_SH"
)sh";
  return out;
}

std::string status_script(const std::vector<std::string>& names, const LinuxLayout& layout) {
  std::string out = script_header("status of every jail");
  out += jail_vars("", layout, 0);
  out += process_functions();
  out += "JRUN_STATUS_SH=" + shell_quote(kStatusInJail) + "\n";
  out += R"sh(for d in "$DATA/jails"/*; do
  if [ ! -d "$d" ]; then continue; fi
  D=$d
  jrun_init_pid
  if [ -n "$pid" ]; then run=1; else run=0; fi
  printf 'jail %s %s\n' "${d##*/}" "$run"
done
# the host's own figures (KiB) for the VM header: df(1) and /proc/meminfo, no other fork
df -Pk / 2>/dev/null | { read -r _ && read -r _ t _ f _ && printf 'jrun-figures disk %s %s\n' "$t" "$f"; } || true
mt=0 ma=0
while read -r k v _; do
  case $k in MemTotal:) mt=$v ;; MemAvailable:) ma=$v ;; esac
done </proc/meminfo || true
printf 'jrun-figures mem %s %s\n' "$mt" "$ma"
)sh";
  if (names.empty()) return out;  // plain `status`: no temp dir, two forks fewer
  // monit answers in tens of milliseconds each: ask every jail at once, print in order.
  out += "T=$(mktemp -d)\ntrap 'rm -rf \"$T\"' EXIT\n";
  for (std::size_t i = 0; i < names.size(); ++i) {
    out += "(\n  D=\"$DATA/jails\"/" + shell_quote(names[i]) + "\n  jrun_init_pid\n";
    out += "  if [ -n \"$pid\" ]; then\n    printf '%s\\n' " +
           shell_quote("jrun-services " + names[i]) +
           "\n    nsenter -t \"$pid\" -a -- /usr/bin/env -i HOME=/root LANG=C.UTF-8 "
           "PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/sh -c \"$JRUN_STATUS_SH\" 2>/dev/null\n"
           "    printf 'jrun-services-end\\n'\n  fi\n) >\"$T/" +
           std::to_string(100000 + i) + "\" &\n";
  }
  out += "wait\ncat \"$T\"/*\n";
  return out;
}

std::map<std::string, std::string> split_status_sections(std::string_view out) {
  std::map<std::string, std::string> sections;
  std::string* current = nullptr;
  for (const std::string& line : split(out, '\n')) {
    if (line.starts_with("jrun-services ")) {
      current = &sections[line.substr(14)];
    } else if (line == "jrun-services-end") {
      current = nullptr;
    } else if (current != nullptr) {
      *current += line + "\n";
    }
  }
  return sections;
}

}  // namespace jrun::host::linux_driver
