#include "jrun/host/linux/init_script.h"

#include <cstdio>
#include <map>
#include <set>

#include "jrun/base/strings.h"
#include "jrun/host/linux/layout.h"
#include "jrun/host/linux/script_text.h"

namespace jrun::host::linux_driver {
namespace {

// Before pivot_root: everything is still reachable by host paths. The mount table stops
// propagating back to the host (rslave) but still receives the staging dir's new mounts.
constexpr std::string_view kMounts = R"sh(read -r hostpid _ < /proc/self/stat
mount --make-rslave /
mountpoint -q "$R" || die "jail root $R is not mounted"
)sh";

// A clone started again over its kept writes (see create_script) is not a new clone.
constexpr std::string_view kKeptProbe = R"sh(kept=
if [ -e "$D/made-from" ]; then kept=1; fi
)sh";

constexpr std::string_view kHostUsr = R"sh(mount --bind /usr "$R/usr"
mount -o remount,bind,ro,nosuid,nodev "$R/usr"
)sh";

constexpr std::string_view kKernelFs = R"sh(mount -t proc -o nosuid,nodev,noexec proc "$R/proc"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$R/sys"
mount -t tmpfs -o mode=0755,nosuid,size=1m jrun-dev "$R/dev"
for f in null zero full random urandom tty; do
  : > "$R/dev/$f"
  mount --bind "/dev/$f" "$R/dev/$f"
done
mkdir -m 0755 "$R/dev/pts"
mkdir -m 1777 "$R/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,nosuid,noexec devpts "$R/dev/pts"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$R/dev/shm"
ln -s pts/ptmx "$R/dev/ptmx"
ln -s /proc/self/fd "$R/dev/fd"
ln -s /proc/self/fd/0 "$R/dev/stdin"
ln -s /proc/self/fd/1 "$R/dev/stdout"
ln -s /proc/self/fd/2 "$R/dev/stderr"
mount -t tmpfs -o mode=0755,nosuid,nodev jrun-run "$R/run"
mkdir -p "$R$S"
mount --rbind "$D/propagate" "$R$S"
printf '%s' "$N" > /proc/sys/kernel/hostname
printf '%s\n' "$hostpid" > "$D/pid.tmp"
mv "$D/pid.tmp" "$D/pid"
cd "$R"
pivot_root . .
umount -l .
cd /
)sh";

// Once per clone: a clone started again over its kept writes keeps the identity it got.
constexpr std::string_view kResetIdentity = R"sh(if [ -z "$kept" ]; then
  if [ -s /etc/machine-id ]; then : > /etc/machine-id; fi
  rm -f /var/lib/dbus/machine-id /etc/ssh/ssh_host_*_key /etc/ssh/ssh_host_*_key.pub
  rm -f /root/.monit.id /root/.monit.state
fi
)sh";

// monit's include dir, id/state dir and the service logs exist in every jail, whatever the
// release brought.
// Services of an earlier life of the jail (started again over its kept writes) wait for the
// apply that follows create, like those of a new jail: mounts and healthy dependencies first.
constexpr std::string_view kExec =
    R"sh(mkdir -p /etc/monit/conf.d /var/lib/monit /var/log/jrun /run/jrun
rm -f /etc/monit/conf.d/*.monitrc
exec /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  /usr/bin/tini -s -- /usr/bin/monit -I -c /etc/monit/monitrc
)sh";

}  // namespace

std::string write_files(const std::vector<JailFile>& files) {
  if (files.empty()) return "";
  std::set<std::string> dirs;
  std::map<unsigned, std::string> by_mode;
  std::string writes;
  for (const JailFile& file : files) {
    const std::size_t slash = file.path.rfind('/');
    dirs.insert(slash == 0 || slash == std::string::npos ? "/" : file.path.substr(0, slash));
    by_mode[file.mode & 07777U] += " " + shell_quote(file.path);
    writes += "printf '%s' " + shell_quote(file.content) + " > " + shell_quote(file.path) + "\n";
  }
  std::string out = "mkdir -p";
  for (const std::string& dir : dirs) out += " " + shell_quote(dir);
  out += "\n" + writes;
  for (const auto& [mode, paths] : by_mode) {
    char octal[16];
    std::snprintf(octal, sizeof octal, "%04o", mode);
    out += "chmod " + std::string(octal) + paths + "\n";
  }
  return out;
}

std::string init_script(const InitSpec& spec, const LinuxLayout& layout) {
  std::string out = script_header("init of jail '" + spec.name + "' (PID 1 in its namespaces)");
  out += assign("N", spec.name);
  out += assign("D", layout.jail_dir(spec.name));
  out += assign("S", kJailStagingPath);
  out += "R=\"$D/root\"\n";
  out += kMounts;
  if (spec.reset_identity) out += kKeptProbe;
  if (spec.bind_host_usr) out += kHostUsr;
  out += kKernelFs;
  out += "# inside the jail from here on\n";
  if (spec.reset_identity) out += kResetIdentity;
  out += write_files(spec.files);
  out += kExec;
  return out;
}

}  // namespace jrun::host::linux_driver
