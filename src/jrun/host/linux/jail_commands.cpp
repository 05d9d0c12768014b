#include "jrun/host/linux/jail_commands.h"

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
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$@"
)sh";

// Inside the jail: $1 = lines, $2 = follow|once, $3 = service or empty.
constexpr std::string_view kLogs =
    R"sh(cd /var/log/jrun 2>/dev/null || { echo 'jrun: no service logs yet' >&2; exit 1; }
n=$1
mode=$2
if [ -n "$3" ]; then set -- "$3.log"; else set -- *.log; fi
if [ "$mode" = follow ]; then exec tail -n "$n" -f -- "$@"; fi
exec tail -n "$n" -- "$@"
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
  out += process_functions();
  out += R"sh(jrun_init_pid
[ -n "$pid" ] || die "jail '$N' is not running"
nsenter -t "$pid" -a -- /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  monit -c /etc/monit/monitrc status
)sh";
  return out;
}

}  // namespace jrun::host::linux_driver
