// The linux driver's operation scripts other than create (see runtime_create.cpp).

#include "jrun/host/linux/runtime_scripts.h"

#include <algorithm>

#include "jrun/base/ipv4.h"
#include "jrun/base/strings.h"
#include "jrun/host/linux/cgroup.h"
#include "jrun/host/linux/mounts.h"
#include "jrun/host/linux/network.h"
#include "jrun/host/linux/runtime_parts.h"
#include "jrun/host/linux/script_text.h"

namespace jrun::host::linux_driver {
namespace {

constexpr std::string_view kProbe = R"sh(for d in "$DATA/jails"/*; do
  if [ ! -d "$d" ]; then continue; fi
  D=$d
  jrun_init_pid
  if [ -n "$pid" ]; then run=1; else run=0; fi
  a=
  if [ -f "$d/address" ]; then { read -r a < "$d/address"; } 2>/dev/null || :; fi
  printf 'jail %s %s %s\n' "${d##*/}" "$run" "$a"
done
)sh";

// Rewrites a jail's /etc/hosts from inside its namespaces (symlinks resolve in the jail) when
// the content differs.
constexpr std::string_view kHosts = R"sh(jrun_init_pid
if [ -n "$pid" ]; then
  nsenter -t "$pid" -a -- /bin/sh -c \
    'printf "%s" "$2" | cmp -s - "$1" || printf "%s" "$2" > "$1"' jrun-hosts /etc/hosts "$C" \
    || echo "jrun: cannot update /etc/hosts of jail '$N'" >&2
fi
)sh";

constexpr std::string_view kResolv = R"sh(printf '%s\n' '--- jrun: host resolv.conf ---'
cat /run/systemd/resolve/resolv.conf 2>/dev/null || cat /etc/resolv.conf 2>/dev/null || true
)sh";

constexpr std::string_view kPurgeTail =
    R"sh(for g in /sys/fs/cgroup/"$CGP" /sys/fs/cgroup/*/"$CGP"; do
  if [ -d "$g" ]; then rmdir "$g" 2>/dev/null || true; fi
done
rmdir "$DATA/jails" 2>/dev/null || true
)sh";

}  // namespace

std::string destroy_script(const std::string& name, const LinuxLayout& layout) {
  std::string out = script_header("destroy jail '" + name + "'");
  out += jail_vars(name, layout, kVarCgroup);
  out += process_functions() + cgroup_functions();
  out += destroy_body(name, layout);
  return out;
}

std::string probe_script(const LinuxLayout& layout) {
  std::string out = script_header("probe jails");
  out += assign("DATA", layout.data_dir);
  out += process_functions();
  out += kProbe;
  return out;
}

ProbeResult parse_probe(std::string_view out) {
  ProbeResult result;
  for (const std::string& line : split(out, '\n')) {
    const std::vector<std::string> words = split(line, ' ');
    if (words.size() < 3 || words.size() > 4 || words[0] != "jail" || !valid_name(words[1])) {
      continue;
    }
    // The address the jail was created with ($D/address): held on the host, state or not.
    std::string ip = words.size() == 4 && parse_ipv4(words[3]) ? words[3] : std::string();
    result.jails[words[1]] = ObservedJail{true, words[2] == "1", std::move(ip)};
  }
  return result;
}

std::string apply_script(const JailInstance& jail, const std::vector<std::string>& sections,
                         const LinuxLayout& layout, const std::string& execs_script) {
  const std::string& name = jail.config->name;
  auto wants = [&](std::string_view s) {
    return std::find(sections.begin(), sections.end(), s) != sections.end();
  };
  std::string out = script_header("apply " + join(sections, ", ") + " to jail '" + name + "'");
  unsigned vars = 0;
  if (wants("mounts")) vars |= kVarMounts;
  if (wants("limits")) vars |= kVarCgroup;
  out += jail_vars(name, layout, vars);
  out += process_functions();
  out += "jrun_init_pid\n[ -n \"$pid\" ] || die \"jail '$N' is not running\"\n";
  if (wants("mounts")) out += mount_functions() + mount_converge(jail.config->mounts);
  if (wants("limits")) {
    out += cgroup_functions() + cgroup_limit_values(jail.config->limits);
    out += "jrun_cgroup_limits\n";
  }
  if (wants("execs") && !execs_script.empty()) out += subshell(execs_script);
  return out;
}

std::string prepare_script(const HostWiring& wiring, const LinuxLayout& layout) {
  std::string out = script_header("prepare the host");
  out += assign("DATA", layout.data_dir);
  out += "mkdir -p \"$DATA/jails\" \"$DATA/releases\"\nchmod 0700 \"$DATA\"\n";
  out += subshell(network_prepare_script(wiring, layout));
  out += process_functions();
  for (const auto& jail : wiring.jails) {
    if (!valid_name(jail.name)) continue;
    out += assign("N", jail.name) + "D=\"$DATA/jails/$N\"\n";
    out += assign("C", hosts_file(jail.name, wiring));
    out += kHosts;
  }
  out += kResolv;
  return out;
}

std::string resolv_fetch_script() {
  return script_header("read resolv.conf") + std::string(kResolv);
}

std::string resolv_text(std::string_view out) {
  const std::size_t at = out.rfind(kResolvMarker);
  if (at == std::string_view::npos) return "";
  return std::string(out.substr(at + kResolvMarker.size()));
}

std::string purge_script(const std::vector<std::string>& jails, const LinuxLayout& layout) {
  std::string out = script_header("purge every jail and the host network");
  out += process_functions() + cgroup_functions();
  for (const std::string& name : jails) {
    if (!valid_name(name)) continue;
    out += subshell(jail_vars(name, layout, kVarCgroup) + destroy_body(name, layout));
  }
  out += subshell(network_teardown_script(layout));
  out += assign("DATA", layout.data_dir) + assign("CGP", layout.cgroup);
  out += kPurgeTail;
  return out;
}

}  // namespace jrun::host::linux_driver
