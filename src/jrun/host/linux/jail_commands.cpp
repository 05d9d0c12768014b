#include "jrun/host/linux/jail_commands.h"

#include "jrun/base/strings.h"
#include "jrun/host/linux/runtime_parts.h"
#include "jrun/host/linux/script_text.h"

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

// Inside the jail: $1 = lines, $2 = follow|once, $3 = service or empty. tail -F follows a log
// by name, so a service that restarts (or whose log is recreated) keeps being followed. Without
// a service every line is prefixed with its service, coloured on a terminal.
constexpr std::string_view kLogs =
    R"sh(cd /var/log/jrun 2>/dev/null || { echo 'jrun: no service logs yet' >&2; exit 1; }
n=$1
mode=$2
svc=$3
if [ -n "$svc" ]; then set -- "$svc.log"; else set -- *.log; fi
[ -e "$1" ] || { echo 'jrun: no service logs yet' >&2; exit 1; }
f=
[ "$mode" = follow ] && f=-F
if [ -n "$svc" ]; then exec tail -n "$n" $f -- "$1"; fi
w=0
for l in "$@"; do s=${l%.log}; [ "${#s}" -gt "$w" ] && w=${#s}; done
c=0
if [ -t 1 ] && [ -z "${NO_COLOR+x}" ] && [ "$TERM" != dumb ]; then c=1; fi
# mawk reads a pipe in blocks unless told to be interactive: lines would arrive late.
jrun_awk() {
  if awk -W version 2>/dev/null | grep -q mawk; then awk -W interactive "$@"; else awk "$@"; fi
}
tail -n "$n" $f -- "$@" 2>/dev/null | jrun_awk -v w="$w" -v c="$c" -v first="${1%.log}" '
BEGIN { split("36 33 35 32 34 31", col, " "); s = first; k[s] = n++ }
/^==> .* <==$/ { s = substr($0, 5, length($0) - 12); if (!(s in k)) k[s] = n++ % 6; held = 0; next }
held { out(""); held = 0 }
$0 == "" { held = 1; next }
{ out($0) }
function out(line,  p) {
  p = sprintf("%-" w "s |", s)
  if (c) p = "\033[" col[k[s] + 1] "m" p "\033[0m"
  print p " " line
  fflush()
}'
)sh";

// Inside a jail: monit's status, then how often each service was started (restarts).
constexpr std::string_view kStatusInJail = R"sh(monit -c /etc/monit/monitrc status
for f in /run/jrun/*.starts; do
  [ -f "$f" ] || continue
  b=${f##*/}
  printf 'jrun-starts %s %s\n' "${b%.starts}" "$(wc -l <"$f" | tr -d ' ')"
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

std::vector<std::string> jail_logs_argv(const std::string& name, const std::string& service,
                                        bool follow, int lines, const LinuxLayout& layout) {
  return enter_argv(name,
                    {"/bin/sh", "-c", std::string(kLogs), "jrun-logs",
                     std::to_string(lines < 0 ? 10 : lines), follow ? "follow" : "once", service},
                    layout);
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
)sh";
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
  if (!names.empty()) out += "wait\ncat \"$T\"/*\n";
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
