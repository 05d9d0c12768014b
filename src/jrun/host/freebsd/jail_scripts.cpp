// Per-jail scripts of the freebsd driver: create, apply, destroy, services, enter, logs.

#include <algorithm>

#include "jrun/base/sha256.h"
#include "jrun/base/strings.h"
#include "jrun/host/freebsd/host_files.h"
#include "jrun/host/freebsd/script_parts.h"
#include "jrun/host/freebsd/scripts.h"
#include "jrun/host/freebsd/supervision.h"
#include "jrun/host/freebsd/text.h"
#include "jrun/host/log_text.h"

namespace jrun::host::freebsd_driver {
namespace {

constexpr std::string_view kJailManuals =
    "zfs(8), zfs-clone(8), sysrc(8), jail(8), jail.conf(5), jls(8), jexec(8), rctl(8), "
    "mount_nullfs(8), umount(8), realpath(1), monit(1), service(8)";

}  // namespace

std::string mount_key(const std::string& source, const std::string& target) {
  return sha256_hex(source + '\0' + target).substr(0, 16);
}

namespace {

std::string mounts_body(const JailInstance& jail, const FreeBsdLayout& layout) {
  const std::string& name = jail.config->name;
  std::string out =
      "# mount_nullfs(8), umount(8), fstab(5): mounts, live\nmkdir -p \"$C/mounts.d\"\n" +
      mounted_function();
  std::vector<std::string> keys;
  std::string mounts;
  std::vector<model::Mount> sorted = jail.config->mounts;
  std::sort(sorted.begin(), sorted.end(),
            [](const model::Mount& a, const model::Mount& b) { return a.jail < b.jail; });
  for (const model::Mount& mount : sorted) {
    const std::string source = mount_source(name, mount, layout);
    keys.push_back(mount_key(source, mount.jail));
    mounts += "jrun_mount " + keys.back() + " " + shell_quote(source) + " " +
              shell_quote(mount.jail) + "\n";
  }
  out += "wanted_mounts=" + shell_quote(join(keys, " ")) + "\n";
  out += R"sh(for f in "$C"/mounts.d/*; do
  [ -e "$f" ] || continue
  case " $wanted_mounts " in *" ${f##*/} "*) continue ;; esac
  t=$(cat "$f")
  if ! umount "$J$t" 2>/dev/null && jrun_mounted "$J$t"; then
    die "cannot unmount $t of jail $NAME: in use (see fstat(1))"
  fi
  rm -f "$f"
done
jrun_mount() {
  [ ! -f "$C/mounts.d/$1" ] || return 0
  [ -d "$2" ] || die "mount source $2 of jail $NAME is not a directory"
  mkdir -p "$J$3"
  # a symlink inside the jail must not move the mount out of it
  case "$(realpath "$J$3")" in "$(realpath "$J")"/*) ;; *) die "mount point $3 leaves jail $NAME" ;; esac
  mount_nullfs "$2" "$J$3"
  printf '%s' "$3" >"$C/mounts.d/$1"
}
)sh";
  // fstab(5) last: a mount that failed never reaches it (jail -r would fail on it).
  return out + mounts + put_file("\"$C/fstab\"", jail_fstab(jail, layout), 0644);
}

// RACCT, which rctl(8) needs, is a loader.conf(5) tunable: set by the bootstrap, applied by the
// next boot. Without it a jail with limits is refused (nothing changed yet), or, with
// without_limits, started without them: jail.conf applies them once the kernel has RACCT.
std::string racct_check(const JailInstance& jail, const FreeBsdLayout& layout) {
  if (rctl_rules(jail.config->limits).empty()) return "";
  return assign("WITHOUT_LIMITS", layout.without_limits ? "1" : "0") +
         R"sh(racct=$(sysctl -n kern.racct.enable 2>/dev/null || echo 0)
if [ "$racct" != 1 ] && [ "$WITHOUT_LIMITS" != 1 ]; then
  die "jail $NAME has limits, but RACCT is off until this host reboots (kern.racct.enable=1 is in /boot/loader.conf): reboot it, or run jrun up --without-limits to start the jail without its limits until then"
fi
)sh";
}

std::string limits_body(const JailInstance& jail, const FreeBsdLayout& layout,
                        const HostWiring& wiring) {
  std::string out = "# rctl(8): limits now; jail.conf applies them at the next start\n";
  out += put_file("\"$JC\"", jail_conf(jail, layout, wiring), 0644);
  out += "rctl -r \"jail:$N\" 2>/dev/null || true\n";
  const std::vector<std::string> rules = rctl_rules(jail.config->limits);
  if (rules.empty()) return out;
  out += "if [ \"$racct\" = 1 ]; then\n";
  for (const std::string& rule : rules) out += "  rctl -a \"jail:$N:" + rule + "\"\n";
  return out + "fi\n";
}

std::string identity_reset() {
  return R"sh(# a clone is a new machine: no host keys, mesh key, services or logs of its base
rm -f "$J"/etc/ssh/ssh_host_* "$J/usr/local/etc/yggdrasil.key" "$J/var/db/monit.id" \
  "$J/var/db/monit.state" "$J"/usr/local/etc/monit.d/*.monitrc
rm -rf "$J/usr/local/etc/jrun/exec" "$J/var/run/jrun" "$J/var/log/jrun"
sysrc -f "$J/etc/rc.conf" -x hostname 2>/dev/null || true
)sh";
}

std::string clone_body(const JailInstance& jail, const FreeBsdLayout& layout) {
  if (jail.clone_from.empty()) {
    const std::string release = jail.release.empty() ? layout.default_release : jail.release;
    return assign("RELEASE", release) +
           "jrun_release \"$RELEASE\"\nzfs clone \"$POOLDS/releases/$RELEASE@base\" \"$DS\"\n";
  }
  return assign("SNAP", layout.jail_dataset(jail.clone_from) + "@jrun-clone-" + jail.config->name) +
         "zfs list -H -o name \"${SNAP%@*}\" >/dev/null 2>&1 || die \"base jail " +
         jail.clone_from +
         " does not exist\"\nzfs destroy \"$SNAP\" 2>/dev/null || true\nzfs snapshot \"$SNAP\"\n"
         "zfs clone \"$SNAP\" \"$DS\"\n" +
         identity_reset();
}

}  // namespace

std::string create_script(const JailInstance& jail, const FreeBsdLayout& layout,
                          const HostWiring& wiring) {
  const std::string& name = jail.config->name;
  std::string out = script_header("create jail '" + name + "'", kJailManuals, layout.root);
  out += put_function() + jail_vars(name, layout) + racct_check(jail, layout) +
         release_function(layout);
  out += "# a half-made jail of the same name goes first\n" + destroy_body();
  out += clone_body(jail, layout);
  out += "# rc.conf(5) of the jail through sysrc(8)\nsysrc -f \"$J/etc/rc.conf\"";
  for (const auto& [key, value] : jail_rc_settings(jail, layout, wiring)) {
    out += " " + shell_quote(key + "=" + value);
  }
  out += " >/dev/null\n";
  out += put_file("\"$J/etc/resolv.conf\"", jail_resolv_conf(wiring), 0644);
  model::Jail bare = *jail.config;
  bare.execs.clear();
  for (const JailFile& f : monit_files(bare, jail.monit_cycle)) {
    out += put_file("\"$J\"" + shell_quote(f.path), f.content, f.mode);
  }
  out += "mkdir -p \"$C\" \"$R/etc/jail.conf.d\" \"$R/var/log/jrun\"\n";
  model::Jail no_mounts = *jail.config;
  no_mounts.mounts.clear();
  JailInstance unmounted = jail;
  unmounted.config = &no_mounts;
  out += put_file("\"$C/fstab\"", jail_fstab(unmounted, layout), 0644);
  out += put_file("\"$JC\"", jail_conf(jail, layout, wiring), 0644);
  out += "ln -sf " + shell_quote(layout.config_dir(name) + "/jail.conf") +
         " \"$R/etc/jail.conf.d/$NAME.conf\"\n";
  out +=
      "jail -f \"$JC\" -c \"$N\"\njls -j \"$N\" jid >/dev/null || die \"jail $NAME did not "
      "start\"\n";
  return out + mounts_body(jail, layout);
}

std::string apply_script(const JailInstance& jail, const std::vector<std::string>& sections,
                         const FreeBsdLayout& layout, const HostWiring& wiring,
                         double monit_cycle) {
  const std::string& name = jail.config->name;
  std::string out = script_header("update " + join(sections, ", ") + " of jail '" + name + "'",
                                  kJailManuals, layout.root);
  out += put_function() + jail_vars(name, layout);
  out += "jls -j \"$N\" jid >/dev/null 2>&1 || die \"jail $NAME is not running\"\n";
  const auto has = [&](const char* s) {
    return std::find(sections.begin(), sections.end(), s) != sections.end();
  };
  if (has("limits")) out += racct_check(jail, layout);
  if (has("mounts")) out += mounts_body(jail, layout);
  if (has("limits")) out += limits_body(jail, layout, wiring);
  if (has("execs")) out += monit_apply_body(monit_files(*jail.config, monit_cycle));
  return out;
}

std::string destroy_script(const std::string& name, const FreeBsdLayout& layout) {
  std::string out = script_header("destroy jail '" + name + "'", kJailManuals, layout.root);
  return out + jail_vars(name, layout) + destroy_body();
}

std::string services_script(const std::string& name, const FreeBsdLayout& layout) {
  std::string out =
      script_header("services of jail '" + name + "'", "jls(8), jexec(8), monit(1)", layout.root);
  out += jail_vars(name, layout);
  out += R"sh(jls -j "$N" jid >/dev/null 2>&1 || die "jail $NAME is not running"
jexec -l "$N" /usr/local/bin/monit -c /usr/local/etc/monitrc status 2>/dev/null || true
)sh";
  return out;
}

std::vector<std::string> enter_argv(const std::string& name, const std::vector<std::string>& argv) {
  std::vector<std::string> out = {"jexec", "-l", jail_id(name)};
  out.insert(out.end(), argv.begin(), argv.end());
  return out;
}

std::vector<std::string> logs_argv(const std::string& name, const LogsQuery& query,
                                   const FreeBsdLayout& layout) {
  return logs_sh_argv(layout.root + layout.jail_root(name) + kServiceLogDir, query);
}

}  // namespace jrun::host::freebsd_driver
