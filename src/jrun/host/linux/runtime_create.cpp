// create_script and the checks that guard every generated script.

#include <algorithm>
#include <cctype>

#include "jrun/base/strings.h"
#include "jrun/host/linux/cgroup.h"
#include "jrun/host/linux/mounts.h"
#include "jrun/host/linux/network.h"
#include "jrun/host/linux/release.h"
#include "jrun/host/linux/runtime_parts.h"
#include "jrun/host/linux/runtime_scripts.h"
#include "jrun/host/linux/script_text.h"

namespace jrun::host::linux_driver {
namespace {

bool plain_path(std::string_view path) {
  return !path.empty() && path.front() == '/' && path.find("/../") == std::string_view::npos &&
         std::all_of(path.begin(), path.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
                  std::string_view("._/@+-").find(c) != std::string_view::npos;
         });
}

Error config_error(std::string message) {
  return make_error(ErrorCode::kConfig, std::move(message));
}

// A jail that exists but does not run (its init died, the machine rebooted) starts again over
// its own writes when it is made from the same release and base: `made-from` is written once the
// jail has started, so a half-made jail is still made anew.
constexpr std::string_view kKeepWrites =
    R"sh(KEEP=
if [ -d "$D/upper" ] && [ -f "$D/made-from" ] && [ "$(cat "$D/made-from")" = "$MADE_FROM" ]; then
  KEEP=1
fi
)sh";

// A clone starts from a copy of the base jail's writes as they are now (reflinks where the
// file system allows); the init then resets its identity.
constexpr std::string_view kLayers = R"sh(mkdir -p "$D/upper" "$D/work" "$R" "$P" "$D/mounts"
if [ -n "$BASE" ] && [ -z "$KEEP" ]; then
  [ -d "$DATA/jails/$BASE/upper" ] || die "base jail '$BASE' does not exist"
  cp -a --reflink=auto "$DATA/jails/$BASE/upper/." "$D/upper/"
fi
mount -t overlay "jrun-$N" -o "lowerdir=$L,upperdir=$D/upper,workdir=$D/work" "$R"
mount --bind "$P" "$P"
mount --make-shared "$P"
)sh";

// The starter joins the jail's cgroups, then becomes unshare inside the net namespace; unshare's
// child (PID 1 of the jail) runs init.sh. setsid + stdio to a file: the jail outlives the
// script and its caller. Started = monit has written its pid file: before that, an apply would
// take monit for absent and start a second one, which ends the jail (and the apply with it).
// The wait polls with builtins (one fork per round, the sleep): forks are what a 2-core host
// running many creates at once is short of.
constexpr std::string_view kStart = R"sh(rm -f "$D/pid"
setsid /bin/sh -c 'while IFS= read -r f; do echo "$$" > "$f"; done < "$1"; shift; exec "$@"' \
  jrun-start "$D/cgroups" nsenter --net="/run/netns/$NS" -- \
  unshare --fork --pid --mount --uts --ipc --cgroup --propagation unchanged -- \
  /bin/sh "$D/init.sh" < /dev/null > "$D/console.log" 2>&1 &
starter=$!
i=0
while :; do
  pid=
  if [ -s "$D/pid" ]; then { read -r pid < "$D/pid"; } 2>/dev/null || :; fi
  kids=
  if [ -n "$pid" ] && [ -s "/proc/$pid/root/run/monit.pid" ]; then
    { read -r kids < "/proc/$pid/task/$pid/children"; } 2>/dev/null || :
  fi
  if [ -n "$kids" ] && jrun_is_init "$pid"; then break; fi
  if ! jrun_alive "$starter"; then
    die "jail '$N' did not start: $(tail -n 20 "$D/console.log")"
  fi
  i=$((i + 1))
  if [ "$i" -ge 2000 ]; then die "jail '$N' did not start within 20 s: $(tail -n 20 "$D/console.log")"; fi
  sleep 0.01
done
)sh";

std::vector<JailFile> identity_files(const JailInstance& jail, const HostWiring& wiring,
                                     const CreateExtras& extras) {
  const std::string& name = jail.config->name;
  std::vector<JailFile> files = {
      {"/etc/hostname", 0644, name + "\n"},
      {"/etc/hosts", 0644, hosts_file(name, wiring)},
      {"/etc/resolv.conf", 0644, resolv_conf(extras.nameservers)},
  };
  files.insert(files.end(), extras.service_files.begin(), extras.service_files.end());
  return files;
}

}  // namespace

Status check_layout(const LinuxLayout& layout) {
  if (!plain_path(layout.data_dir)) {
    return config_error("linux data dir '" + layout.data_dir +
                        "' must be an absolute path of letters, digits and ._/@+-");
  }
  for (const std::string* name : {&layout.bridge, &layout.nft_table, &layout.cgroup}) {
    if (!valid_name(*name)) return config_error("'" + *name + "' is not a valid name");
  }
  std::string prefix = layout.netns_prefix;
  if (!prefix.empty() && prefix.back() == '-') prefix.pop_back();
  if (!valid_name(prefix))
    return config_error("invalid netns prefix '" + layout.netns_prefix + "'");
  return {};
}

Status check_instance(const JailInstance& jail) {
  if (jail.config == nullptr) return make_error(ErrorCode::kRuntime, "jail without config");
  const std::string& name = jail.config->name;
  if (!valid_name(name)) return config_error("invalid jail name '" + name + "'");
  if (!jail.clone_from.empty() && (!valid_name(jail.clone_from) || jail.clone_from == name)) {
    return config_error("jail '" + name + "' cannot be cloned from '" + jail.clone_from + "'");
  }
  return check_release(jail.release);
}

std::string create_script(const JailInstance& jail, const HostWiring& wiring,
                          const LinuxLayout& layout, const CreateExtras& extras) {
  const std::string& name = jail.config->name;
  InitSpec init{name, !release_has_own_usr(jail.release), !jail.clone_from.empty(),
                identity_files(jail, wiring, extras)};
  std::string out = script_header("create jail '" + name + "'");
  out += jail_vars(name, layout, kVarNetns | kVarCgroup | kVarMounts | kVarRoot);
  out += assign("BASE", jail.clone_from);
  out += assign("MADE_FROM", "release=" + jail.release + " base=" + jail.clone_from);
  out += process_functions() + cgroup_functions() + mount_functions();
  out += kKeepWrites;
  out += subshell(destroy_body(name, layout));
  out += release_snippet(jail.release);
  out += kLayers;
  // Marks the address as held on the host (read by the probe) even if state.json is lost.
  out += "printf '%s\\n' " + shell_quote(jail.ip) + " > \"$D/address\"\n";
  out += "jrun_cgroup_create\n";
  out += cgroup_limit_values(jail.config->limits) + "jrun_cgroup_limits\n";
  out += subshell(network_jail_up_script(name, jail.ip, wiring, layout));
  out += "printf '%s' " + shell_quote(init_script(init, layout)) + " > \"$D/init.sh\"\n";
  out += kStart;
  out += mount_converge(jail.config->mounts);
  out += "printf '%s' \"$MADE_FROM\" > \"$D/made-from\"\n";
  out +=
      "if [ -n \"$KEEP\" ]; then\n  echo \"jrun: jail '$N' started again over its writes (init pid "
      "$pid)\"\nelse\n  echo \"jrun: jail '$N' created (init pid $pid)\"\nfi\n";
  return out;
}

}  // namespace jrun::host::linux_driver
